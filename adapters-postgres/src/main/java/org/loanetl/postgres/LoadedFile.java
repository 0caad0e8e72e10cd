package org.loanetl.postgres;

import org.loanetl.domain.model.LedgerEntry;

/**
 * A committed file as {@code loan-etl status} shows it: its ledger entry, and what the ledger keeps beyond what the
 * use case needs to skip and clean up files.
 *
 * @param entry             the file, its counts, when it committed and what was done with its source
 * @param creditScoreColumn the column its credit score was read from, or {@code not applied}; {@code null} for a file
 *                          loaded before the ledger recorded it
 */
public record LoadedFile(LedgerEntry entry, String creditScoreColumn) {
}
