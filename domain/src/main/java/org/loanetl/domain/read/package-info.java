/**
 * Streaming reading of one loans file: gzip and zip members unpacked ({@link org.loanetl.domain.read.Unpacking}, which
 * tells a corrupt file from a failing read), UTF-8 checked, BOM stripped, RFC 4180 records tokenized by FastCSV into
 * characters without a String per field, the header found after notice lines, non-loan lines skipped and counted. A
 * rejected row's exact text is made again from its fields only when it is rejected. Memory stays flat whatever the
 * file size.
 */
package org.loanetl.domain.read;
