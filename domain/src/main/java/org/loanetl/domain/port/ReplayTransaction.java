package org.loanetl.domain.port;

import java.util.List;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;

/**
 * One file's replay of its rejects in progress: a transaction. Nothing of it is visible until {@link #commit};
 * closing it without one discards everything. Not thread-safe.
 */
public interface ReplayTransaction extends AutoCloseable {

    /**
     * The next chosen rejects of the file after line {@code afterLine}, in line order, as they stand in this
     * transaction: those already handed to {@link #loaded} or {@link #filtered} are gone.
     *
     * @return at most {@code limit}; empty when there are no more
     */
    List<Reject> next(long afterLine, int limit);

    /** A reject that now loads: it leaves the rejects and enters the loans, with the file and its original line. */
    void loaded(LoanRow row);

    /**
     * A reject that now parses and is filtered out: it leaves the rejects and is counted under the filter. The row,
     * valid only during the call, serves a store that keeps each loan's newest state.
     */
    void filtered(LoanRow row, FilterReason reason);

    /** A reject that still fails: it stays, with this reason. */
    void stillRejected(Reject reject);

    /**
     * Corrects the file's counts by what was replayed (loaded and filtered added, both taken from the rejected, so the
     * data rows stay what they were), records the replay with the rules it ran under, and makes it all visible at once.
     *
     * @param replayed what became of the rows handed over: loaded, filtered per reason, still rejected
     * @param rules    today's rules, as the record of the replay shows them
     * @throws org.loanetl.domain.SinkException when the commit failed; then nothing became visible
     */
    void commit(LoadCounts replayed, String rules);

    /** Ends the replay; if {@link #commit} has not succeeded, discards it. Never throws. */
    @Override
    void close();
}
