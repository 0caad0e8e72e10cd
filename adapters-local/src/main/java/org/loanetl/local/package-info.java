/**
 * Local files: {@link org.loanetl.local.LocalFolderLoanFileSource} lists {@code .csv}, {@code .csv.gz} and
 * {@code .zip} files under folders, and {@link org.loanetl.local.InProcessLoadEngine} loads them in this JVM, several
 * at once.
 */
package org.loanetl.local;
