package org.loanetl.domain.load;

import java.util.List;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;

/** A chunk's transaction whose commit waits until the file's plan has ended, and commits only if it holds. */
final class PlannedCommit implements FileTransaction {

    private final FileTransaction load;
    private final java.util.function.BooleanSupplier planHolds;
    private final SourceFile chunk;

    PlannedCommit(FileTransaction load, java.util.function.BooleanSupplier planHolds, SourceFile chunk) {
        this.load = load;
        this.planHolds = planHolds;
        this.chunk = chunk;
    }

    @Override
    public void add(org.loanetl.domain.model.LoanRow row) {
        load.add(row);
    }

    @Override
    public void reject(org.loanetl.domain.model.Reject reject) {
        load.reject(reject);
    }

    @Override
    public void filtered(org.loanetl.domain.model.LoanRow row, org.loanetl.domain.model.FilterReason reason) {
        load.filtered(row, reason);
    }

    @Override
    public void controlTotals(List<ControlTotal> totals) {
        load.controlTotals(totals);
    }

    @Override
    public void controlSums(org.loanetl.domain.model.ControlSums sums) {
        load.controlSums(sums);
    }

    @Override
    public void commit(LoadCounts counts, AfterLoad then) {
        if (!planHolds.getAsBoolean()) {
            throw new SourceException(chunk.name() + ": not committed: the file cannot be loaded in these chunks",
                    null);
        }
        load.commit(counts, then);
    }

    @Override
    public void close() {
        load.close();
    }
}
