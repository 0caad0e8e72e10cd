/**
 * Streaming reading of one loans file: UTF-8 checked, BOM stripped, RFC 4180 records tokenized by FastCSV, the header
 * found after notice lines, non-loan lines skipped and counted, and each data row's exact raw text kept for rejects.
 * Memory stays flat whatever the file size.
 */
package org.loanetl.domain.read;
