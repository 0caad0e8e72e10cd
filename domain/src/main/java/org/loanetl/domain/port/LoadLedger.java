package org.loanetl.domain.port;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;

/**
 * The record of committed files, keyed by (location, version), and of what was done to their sources afterwards.
 * A cleanup is recorded twice, before and after it touches the source, so that a crash in between is visible:
 * the next run finishes it even though the file is no longer listed.
 */
public interface LoadLedger {

    /** The committed entry for exactly this location and version, if there is one. */
    Optional<LedgerEntry> find(SourceFile file);

    /**
     * The committed entries of these files, keyed by file, in as few round trips as the ledger can: engines ask once
     * for a batch of listed files instead of once a file. A file absent from the map is not committed (as of the
     * query). This default asks {@link #find} for each.
     */
    default Map<SourceFile, LedgerEntry> findAll(Collection<SourceFile> files) {
        Map<SourceFile, LedgerEntry> found = new HashMap<>();
        for (SourceFile file : files) {
            find(file).ifPresent(entry -> found.put(file, entry));
        }
        return found;
    }

    /**
     * The version recorded for the committed file at this location whose listing saw exactly this stat
     * ({@link SourceFile#stat}), if there is one: a source that trusts an unchanged stat takes it instead of hashing
     * the file again. This default knows none.
     */
    default Optional<String> versionWithStat(String location, String stat) {
        return Optional.empty();
    }

    /**
     * Records that a committed file's source is about to be kept, archived or deleted. Before: the entry exists.
     * After: until {@link #cleanedUp}, the file is among the {@link #unfinishedCleanups()}.
     */
    void cleaningUp(SourceFile file, AfterLoad after);

    /** Records that a committed file's source has been kept, archived or deleted. The entry must exist. */
    void cleanedUp(SourceFile file, AfterLoad after);

    /** Committed files whose cleanup was started ({@link #cleaningUp}) and never recorded done, oldest first. */
    List<UnfinishedCleanup> unfinishedCleanups();

    /**
     * Whether this ledger records files loaded in chunks ({@link #completeChunks}); engines load a file in chunks
     * only then. This default: no.
     */
    default boolean recordsChunks() {
        return false;
    }

    /**
     * Records a file loaded in chunks as committed, once each of its chunks is: one entry for the file's location and
     * version, whose counts are the sum of its chunks' entries and whose control totals are made from their parts
     * ({@link org.loanetl.domain.port.FileTransaction#controlSums}), recording what comes next for the source as a
     * commit would ({@link FileTransaction#commit(org.loanetl.domain.model.LoadCounts, AfterLoad)}). Idempotent, and
     * safe when two runners complete the same file at once: an entry that exists is returned as it is.
     *
     * @param chunks the chunks' ledger files ({@link org.loanetl.domain.model.FileChunk#ledgerFile}), all of them
     * @param then   what will be done with the source, or {@code null} to record nothing
     * @return the file's entry and control totals; empty when a chunk has no entry (not committed yet)
     */
    default Optional<Completed> completeChunks(SourceFile file, List<SourceFile> chunks, AfterLoad then) {
        throw new UnsupportedOperationException("this ledger does not record files loaded in chunks");
    }

    /**
     * The committed chunks of this file version ({@link org.loanetl.domain.model.FileChunk#ledgerFile}), those of a
     * chunked load a crash or a refusal stopped among them: such a file must be loaded on in chunks that keep them,
     * never whole (their rows would be loaded twice). This default knows none.
     */
    default List<SourceFile> committedChunks(SourceFile file) {
        return List.of();
    }

    /**
     * How this file version was cut into chunks by the load that first planned it ({@link #savePlan}), if one did: a
     * rerun takes the same chunks without reading the file to find them. This default saves none.
     */
    default Optional<List<org.loanetl.domain.model.FileChunk>> savedPlan(SourceFile file) {
        return Optional.empty();
    }

    /**
     * Saves how this file version is cut into chunks, before the first of them loads, unless a plan of it is saved
     * already (another runner's, planned at the same time): the plan that stands is returned, and is the one to load.
     * This default saves nothing and returns the plan given.
     */
    default List<org.loanetl.domain.model.FileChunk> savePlan(SourceFile file, List<org.loanetl.domain.model.FileChunk> chunks) {
        return chunks;
    }

    /** A file loaded in chunks, recorded as loaded: its entry, and its funding footers checked against its rows. */
    record Completed(LedgerEntry entry, List<org.loanetl.domain.model.ControlTotal> controlTotals) {

        public Completed {
            java.util.Objects.requireNonNull(entry, "entry");
            controlTotals = List.copyOf(controlTotals);
        }
    }

    /** A cleanup a crash interrupted: the file and the action that was under way. */
    record UnfinishedCleanup(SourceFile file, AfterLoad action) {
    }
}
