/** The picocli commands: {@code load}, {@code status}, {@code rejects}, {@code generate}. */
package org.loanetl.app.cli;
