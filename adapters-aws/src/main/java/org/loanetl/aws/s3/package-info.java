/**
 * Loans files in an S3 bucket (AWS SDK v2, synchronous client over the JDK's HTTP client): {@link
 * org.loanetl.aws.s3.S3LoanFileSource} lists keys page by page, streams objects pinned to the listed version, and
 * keeps, archives or deletes them after their commit; {@link org.loanetl.aws.s3.S3Settings} is all it is told.
 * Everything else here is package-private.
 */
package org.loanetl.aws.s3;
