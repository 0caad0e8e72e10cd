package org.loanetl.local;

import java.util.List;
import java.util.Optional;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.rules.FileLayout;

/**
 * The sink and ledger of a dry run: every file is read, cast and counted as a real run would, and nothing is written.
 * A dry run does not consult a database, so a file loaded before is counted again.
 */
public final class DryRun implements LoadSink, LoadLedger {

    @Override
    public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
        return Optional.of(new FileTransaction() {
            @Override
            public void add(LoanRow row) {
            }

            @Override
            public void reject(Reject reject) {
            }

            @Override
            public void commit(LoadCounts counts, AfterLoad then) {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Optional<LedgerEntry> find(SourceFile file) {
        return Optional.empty();
    }

    @Override
    public void cleaningUp(SourceFile file, AfterLoad after) {
    }

    @Override
    public void cleanedUp(SourceFile file, AfterLoad after) {
    }

    @Override
    public List<UnfinishedCleanup> unfinishedCleanups() {
        return List.of();
    }
}
