/**
 * Local files: {@link org.loanetl.local.LocalFolderLoanFileSource} lists {@code .csv}, {@code .csv.gz} and
 * {@code .zip} files under folders, and {@link org.loanetl.local.InProcessLoadEngine} loads them in this JVM, several
 * at once. {@link org.loanetl.local.DryRun} is the sink and ledger of a dry run, which write nothing.
 */
package org.loanetl.local;
