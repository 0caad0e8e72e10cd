package org.loanetl.domain.port;

import java.util.List;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;

/**
 * One file's load in progress: a transaction. Nothing of it is visible to anyone until {@link #commit}; closing it
 * without a commit discards everything it was given. Not thread-safe.
 */
public interface FileTransaction extends AutoCloseable {

    /** Adds a loaded row, typed in the order of the file's layout. */
    void add(LoanRow row);

    /** Adds a rejected row with its reason and raw text. */
    void reject(Reject reject);

    /**
     * Tells of a row the filters left out, for a sink that keeps each loan's newest state (a loan whose newest
     * snapshot is filtered out, charged off since, leaves that state). The row is valid only during the call: its
     * arrays serve the next row. The default, for sinks that keep history only, ignores it.
     */
    default void filtered(LoanRow row, FilterReason reason) {
    }

    /**
     * Records the file's funding footers checked against its rows, to be written with its ledger entry at
     * {@link #commit}. The default, for sinks without a ledger column for them, records nothing.
     */
    default void controlTotals(List<ControlTotal> totals) {
    }

    /**
     * Records a chunk's part of its file's control totals ({@link org.loanetl.domain.model.FileChunk}), to be written
     * with its ledger entry at {@link #commit}: the file's totals are made from its chunks' parts when the last one
     * commits ({@link LoadLedger#completeChunks}). The default, for sinks that do not load chunks, records nothing.
     */
    default void controlSums(org.loanetl.domain.model.ControlSums sums) {
    }

    /**
     * Makes the rows, the rejects and the ledger entry with these counts visible together.
     *
     * @throws org.loanetl.domain.SinkException when the commit failed; then nothing became visible
     */
    default void commit(LoadCounts counts) {
        commit(counts, null);
    }

    /**
     * {@link #commit(LoadCounts)}, recording with the entry what comes next for the source, as the ledger's
     * {@link LoadLedger#cleaningUp} would: a keep as begun and done (it touches nothing), an archive or a delete as
     * begun, so that a crash before it is done leaves it among the {@link LoadLedger#unfinishedCleanups()}. Saves the
     * ledger writes that would follow the commit: none for a keep, one for an archive or delete.
     *
     * @param then what will be done with the source, or {@code null} to record nothing
     * @throws org.loanetl.domain.SinkException when the commit failed; then nothing became visible
     */
    void commit(LoadCounts counts, AfterLoad then);

    /** Ends the load; if {@link #commit} has not succeeded, discards it. Never throws. */
    @Override
    void close();
}
