package org.loanetl.domain.load;

import java.util.function.BooleanSupplier;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.ForwardingFileTransaction;

/** A chunk's transaction whose commit waits until the file's plan has ended, and commits only if it holds. */
final class PlannedCommit extends ForwardingFileTransaction {

    private final BooleanSupplier planHolds;
    private final SourceFile chunk;

    PlannedCommit(FileTransaction load, BooleanSupplier planHolds, SourceFile chunk) {
        super(load);
        this.planHolds = planHolds;
        this.chunk = chunk;
    }

    @Override
    public void commit(LoadCounts counts, AfterLoad then) {
        if (!planHolds.getAsBoolean()) {
            throw new SourceException(chunk.name() + ": not committed: the file cannot be loaded in these chunks",
                    null);
        }
        load.commit(counts, then);
    }
}
