/**
 * The loan-etl domain: what a correct load of a LendingClub file means, independent of where files come from,
 * which engine runs the load and which database receives it. Depends on the JDK and FastCSV only.
 */
package org.loanetl.domain;
