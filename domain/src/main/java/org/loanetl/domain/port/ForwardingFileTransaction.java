package org.loanetl.domain.port;

import java.util.List;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.ControlSums;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;

/**
 * A {@link FileTransaction} that hands every call to another: wrappers that change one or two calls (a commit that
 * waits for a chunk plan, a fault injected at the N-th row) extend it and override only those, so a call added to the
 * port later is forwarded by all of them.
 */
public abstract class ForwardingFileTransaction implements FileTransaction {

    /** The transaction every call goes to. */
    protected final FileTransaction load;

    protected ForwardingFileTransaction(FileTransaction load) {
        this.load = load;
    }

    @Override
    public void add(LoanRow row) {
        load.add(row);
    }

    @Override
    public void reject(Reject reject) {
        load.reject(reject);
    }

    @Override
    public void filtered(LoanRow row, FilterReason reason) {
        load.filtered(row, reason);
    }

    @Override
    public void controlTotals(List<ControlTotal> totals) {
        load.controlTotals(totals);
    }

    @Override
    public void controlSums(ControlSums sums) {
        load.controlSums(sums);
    }

    @Override
    public void commit(LoadCounts counts, AfterLoad then) {
        load.commit(counts, then);
    }

    @Override
    public void close() {
        load.close();
    }
}
