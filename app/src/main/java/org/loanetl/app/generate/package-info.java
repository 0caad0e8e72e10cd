/** Realistic, deterministic LendingClub files for demos, tests and benchmarks. */
package org.loanetl.app.generate;
