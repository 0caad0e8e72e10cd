package org.loanetl.domain.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;

/**
 * A {@link LoadLedger} in memory, keyed by (location, version). {@link InMemoryLoadSink} records an entry at each
 * commit; a test can also {@link #record} one to stand for an earlier run. Writes {@code cleanedUp <name> <action>}
 * to its journal. Thread-safe.
 */
public final class InMemoryLoadLedger implements LoadLedger {

    /** When every entry of this ledger committed, so results can be asserted exactly. */
    public static final Instant LOADED_AT = Instant.parse("2024-05-01T12:00:00Z");

    private int finds;
    private int batchLookups;
    private int chunkLookups;
    private final Journal journal;
    private final Map<List<String>, LedgerEntry> entries = new LinkedHashMap<>();
    private final Map<List<String>, UnfinishedCleanup> intents = new LinkedHashMap<>();

    public InMemoryLoadLedger() {
        this(new Journal());
    }

    public InMemoryLoadLedger(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public synchronized Optional<LedgerEntry> find(SourceFile file) {
        finds++;
        return Optional.ofNullable(entries.get(key(file)));
    }

    /** How many times {@link #find} was asked, for tests of how many round trips a run costs. */
    public synchronized int finds() {
        return finds;
    }

    /** One lookup for the batch, as one query would be: counted by {@link #batchLookups()}, not as finds. */
    @Override
    public synchronized Map<SourceFile, LedgerEntry> findAll(Collection<SourceFile> files) {
        batchLookups++;
        Map<SourceFile, LedgerEntry> found = new HashMap<>();
        for (SourceFile file : files) {
            LedgerEntry entry = entries.get(key(file));
            if (entry != null) {
                found.put(file, entry);
            }
        }
        return found;
    }

    /** How many times {@link #findAll} was asked. */
    public synchronized int batchLookups() {
        return batchLookups;
    }

    /** @throws IllegalStateException when the file has no entry, which the port forbids */
    @Override
    public synchronized void cleanedUp(SourceFile file, AfterLoad after) {
        journal.add("cleanedUp " + file.name() + " " + after.label());
        LedgerEntry entry = entries.get(key(file));
        if (entry == null) {
            throw new IllegalStateException("no ledger entry for " + file.location() + " version " + file.version());
        }
        entries.put(key(file), new LedgerEntry(entry.file(), entry.counts(), entry.loadedAt(), after));
        intents.remove(key(file));
    }

    @Override
    public synchronized void cleaningUp(SourceFile file, AfterLoad after) {
        journal.add("cleaningUp " + file.name() + " " + after.label());
        if (!entries.containsKey(key(file))) {
            throw new IllegalStateException("no ledger entry for " + file.location() + " version " + file.version());
        }
        intents.put(key(file), new UnfinishedCleanup(file, after));
    }

    @Override
    public synchronized List<UnfinishedCleanup> unfinishedCleanups() {
        return new ArrayList<>(intents.values());
    }

    /** Records an archive or delete as begun, as a commit that names it does. */
    synchronized void intend(SourceFile file, AfterLoad after) {
        intents.put(key(file), new UnfinishedCleanup(file, after));
    }

    private final Map<List<String>, org.loanetl.domain.model.ControlSums> sums = new HashMap<>();
    private final Map<List<String>, List<org.loanetl.domain.model.ControlTotal>> totals = new HashMap<>();

    /** Records a chunk's control sums, as its commit does. */
    synchronized void sums(SourceFile chunk, org.loanetl.domain.model.ControlSums chunkSums) {
        sums.put(key(chunk), chunkSums);
    }

    @Override
    public synchronized List<SourceFile> committedChunks(SourceFile file) {
        chunkLookups++;
        return entries.values().stream().map(LedgerEntry::file)
                .filter(chunk -> org.loanetl.domain.model.FileChunk.rangeOf(chunk, file) != null).toList();
    }

    private final Map<List<String>, List<org.loanetl.domain.model.FileChunk>> plans = new HashMap<>();

    /** How many times a file's committed chunks or saved plan were asked for: a query each, in PostgreSQL. */
    public synchronized int chunkLookups() {
        return chunkLookups;
    }

    @Override
    public synchronized Optional<List<org.loanetl.domain.model.FileChunk>> savedPlan(SourceFile file) {
        chunkLookups++;
        return Optional.ofNullable(plans.get(key(file)));
    }

    /** Saves the first plan of a version; writes {@code plan <name> <chunks>}. */
    @Override
    public synchronized List<org.loanetl.domain.model.FileChunk> savePlan(SourceFile file,
                                                                          List<org.loanetl.domain.model.FileChunk> chunks) {
        if (!plans.containsKey(key(file))) {
            journal.add("plan " + file.name() + " " + chunks.size());
        }
        return plans.computeIfAbsent(key(file), k -> List.copyOf(chunks));
    }

    /** Forgets the saved plans, as a ledger that saves none. */
    public synchronized void forgetPlans() {
        plans.clear();
    }

    @Override
    public boolean recordsChunks() {
        return true;
    }

    /** Adds up the chunks' entries and control sums into the file's entry; writes {@code complete <name>}. */
    @Override
    public synchronized Optional<Completed> completeChunks(SourceFile file, List<SourceFile> chunks, AfterLoad then) {
        LedgerEntry existing = entries.get(key(file));
        if (existing != null) {
            return Optional.of(new Completed(existing, totals.getOrDefault(key(file), List.of())));
        }
        org.loanetl.domain.model.LoadCounts counts = org.loanetl.domain.model.LoadCounts.NONE;
        org.loanetl.domain.model.ControlSums all = org.loanetl.domain.model.ControlSums.NONE;
        for (SourceFile chunk : chunks) {
            LedgerEntry entry = entries.get(key(chunk));
            if (entry == null) {
                return Optional.empty();
            }
            counts = counts.plus(entry.counts());
            all = all.plus(sums.getOrDefault(key(chunk), org.loanetl.domain.model.ControlSums.NONE));
        }
        LedgerEntry entry = new LedgerEntry(file, counts, LOADED_AT, then == AfterLoad.KEEP ? AfterLoad.KEEP : null);
        entries.put(key(file), entry);
        totals.put(key(file), all.totals());
        if (then != null && then != AfterLoad.KEEP) {
            intents.put(key(file), new UnfinishedCleanup(file, then));
        }
        journal.add("complete " + file.name());
        return Optional.of(new Completed(entry, all.totals()));
    }

    /** Adds an entry, as a commit does. */
    public synchronized void record(LedgerEntry entry) {
        entries.put(key(entry.file()), entry);
    }

    /** Every entry, in the order they were recorded. */
    public synchronized List<LedgerEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    private static List<String> key(SourceFile file) {
        return List.of(file.location(), file.version());
    }
}
