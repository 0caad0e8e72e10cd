/**
 * The picocli commands: {@code load}, {@code inspect}, {@code status}, {@code rejects}, {@code db}, {@code generate} and
 * {@code emr} ({@code launch}, {@code submit}, {@code run}, {@code status}, {@code terminate}); {@link
 * org.loanetl.app.cli.Cli} maps every way a command ends to one line and an exit code.
 */
package org.loanetl.app.cli;
