package org.loanetl.domain.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * A committed file in the ledger.
 *
 * @param file      the file and the version that was loaded
 * @param counts    what happened to its lines
 * @param loadedAt  when its load committed
 * @param cleanup   what was done to the source after the commit; {@code null} while that is still to do
 */
public record LedgerEntry(SourceFile file, LoadCounts counts, Instant loadedAt, AfterLoad cleanup)
        implements Serializable {
}
