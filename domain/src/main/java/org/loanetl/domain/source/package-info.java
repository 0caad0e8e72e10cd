/**
 * What every loans-file source does the same way, whatever it reads from (a local folder, S3, a Hadoop file system):
 * which names are loans files and what is said of the others ({@link org.loanetl.domain.source.LoanFiles}), how a zip
 * member's location is written and parsed ({@link org.loanetl.domain.source.MemberLocation}), a zip's directory and
 * its members ({@link org.loanetl.domain.source.ZipDirectory}, {@link org.loanetl.domain.source.PendingZips}), file
 * versions ({@link org.loanetl.domain.source.SourceVersions}, {@link org.loanetl.domain.source.ContentChecks}) and
 * archive names ({@link org.loanetl.domain.source.ArchiveNames}). Written once here because the ledger keys a file by
 * its location and version: a drift between sources would load a file twice across engines. The sources themselves
 * are adapters over this package, doing only their own I/O.
 */
package org.loanetl.domain.source;
