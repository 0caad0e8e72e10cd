package org.loanetl.spark;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.testing.InMemoryLoadLedger;

/**
 * The in-memory ledger, recording files loaded in chunks as the port promises: a file's entry once every chunk has
 * one, its counts their sum, its cleanup recorded as a commit records it; an entry that exists is returned as it is.
 * It keeps no control sums (the in-memory sink records none), so a completed file has no control totals.
 */
record ChunkingLedger(InMemoryLoadLedger ledger) implements LoadLedger {

    @Override
    public Optional<LedgerEntry> find(SourceFile file) {
        return ledger.find(file);
    }

    @Override
    public Map<SourceFile, LedgerEntry> findAll(Collection<SourceFile> files) {
        return ledger.findAll(files);
    }

    @Override
    public void cleaningUp(SourceFile file, AfterLoad after) {
        ledger.cleaningUp(file, after);
    }

    @Override
    public void cleanedUp(SourceFile file, AfterLoad after) {
        ledger.cleanedUp(file, after);
    }

    @Override
    public List<UnfinishedCleanup> unfinishedCleanups() {
        return ledger.unfinishedCleanups();
    }

    @Override
    public boolean recordsChunks() {
        return true;
    }

    @Override
    public Optional<Completed> completeChunks(SourceFile file, List<SourceFile> chunks, AfterLoad then) {
        synchronized (ledger) {
            Optional<LedgerEntry> done = ledger.find(file);
            if (done.isPresent()) {
                return Optional.of(new Completed(done.get(), List.of()));
            }
            LoadCounts counts = LoadCounts.NONE;
            for (SourceFile chunk : chunks) {
                Optional<LedgerEntry> entry = ledger.find(chunk);
                if (entry.isEmpty()) {
                    return Optional.empty();
                }
                counts = counts.plus(entry.get().counts());
            }
            LedgerEntry entry = new LedgerEntry(file, counts, InMemoryLoadLedger.LOADED_AT,
                    then == AfterLoad.KEEP ? AfterLoad.KEEP : null);
            ledger.record(entry);
            if (then != null && then != AfterLoad.KEEP) {
                ledger.cleaningUp(file, then);
            }
            return Optional.of(new Completed(entry, List.of()));
        }
    }
}
