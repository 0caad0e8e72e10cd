package org.loanetl.domain.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loanetl.domain.DestinationLostException;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.read.CorruptFileException;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.RowClassifier;
import org.loanetl.domain.rules.RowOutcome;

/**
 * The per-file load, the one use case every engine calls: skip the file if the ledger has this version (finishing a
 * cleanup a crash interrupted), else read it, classify each row, send rows and rejects to the sink, commit them with
 * the counts in one transaction, then keep, archive or delete the source.
 *
 * <p>Never throws for a file's own trouble: a refused or failed file is a {@link FileResult}, and nothing of it is
 * committed. Thread-safe if its ports are: engines call {@link #run} for several files at once.
 */
public final class LoadFile {

    private final LoanFileSource source;
    private final LoadSink sink;
    private final LoadLedger ledger;
    private final LoadRules rules;
    private final AfterLoad after;
    private final LoadListener listener;
    private final AtomicBoolean destinationLost = new AtomicBoolean();

    public LoadFile(LoanFileSource source, LoadSink sink, LoadLedger ledger, LoadRules rules, AfterLoad after,
                    LoadListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.after = Objects.requireNonNull(after, "after");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Whether a load found the destination gone (the database unreachable or the connection dropped): engines then
     * start no more files, which would all fail the same way, and the user reruns once it is back.
     */
    public boolean destinationLost() {
        return destinationLost.get();
    }

    /** Loads one file, exactly once, then keeps, archives or deletes it, and says how it ended. */
    public FileResult run(SourceFile file) {
        listener.started(file);
        // the ledger entry load() found serves finish() too: a file loaded before costs one ledger query, not two
        LedgerEntry[] found = {null};
        FileResult result = finish(load(file, found), found[0]);
        listener.finished(result);
        return result;
    }

    /**
     * The first half of {@link #run}: loads the file unless the ledger has this version, and leaves the source as it
     * is. Engines that load in one place and clean up in another (Spark: executors load, the driver cleans up) call
     * this, then {@link #finish}. Never throws for the file's own trouble.
     */
    public FileResult load(SourceFile file) {
        return load(file, new LedgerEntry[1]);
    }

    /** {@link #load(SourceFile)}, leaving in {@code found[0]} the ledger entry it found, if it found one. */
    private FileResult load(SourceFile file, LedgerEntry[] found) {
        try {
            Optional<LedgerEntry> done = ledger.find(file);
            if (done.isPresent()) {
                found[0] = done.get();
                return FileResult.skipped(file, "loaded already at " + done.get().loadedAt());
            }
            return copyIntoSink(file);
        } catch (FileRefusedException e) {
            return FileResult.refused(file, e.reason());
        } catch (DestinationLostException e) {
            destinationLost.set(true);
            return FileResult.failed(file, e.getMessage());
        } catch (LoanEtlException e) {
            return committedElsewhere(file).orElseGet(() -> FileResult.failed(file, e.getMessage()));
        } catch (RuntimeException e) {
            return FileResult.failedBy(file, e);
        } catch (Error e) {
            // out of memory, mostly, in this file's worker: the file fails in one line (its load rolled back as the
            // stack unwound), never vanishes, and the other files go on
            return FileResult.failedBy(file, e);
        }
    }

    /**
     * After a failure, whether another runner committed this very version meanwhile (and perhaps already archived or
     * deleted it, which is why this runner could not read it): then the failure is moot and the file is skipped.
     */
    private Optional<FileResult> committedElsewhere(SourceFile file) {
        try {
            return ledger.find(file).map(entry -> FileResult.skipped(file, "loaded by another runner at " + entry.loadedAt()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The second half of {@link #run}: keeps, archives or deletes the source of a file whose load is committed, loaded
     * just now or found in the ledger (which finishes a cleanup that a crash interrupted). Any other result, a file
     * skipped because another runner holds it among them, is returned as it is.
     */
    public FileResult finish(FileResult result) {
        return finish(result, null);
    }

    /** {@link #finish(FileResult)}, given the ledger entry of a skipped file when it is known already. */
    private FileResult finish(FileResult result, LedgerEntry known) {
        if (result.status() == FileStatus.LOADED) {
            return cleanUp(result);
        }
        if (result.status() != FileStatus.SKIPPED) {
            return result;
        }
        try {
            Optional<LedgerEntry> entry = known != null ? Optional.of(known) : ledger.find(result.file());
            if (entry.isEmpty()) {
                return result;
            }
            if (after == AfterLoad.KEEP && entry.get().cleanup() != null) {
                // a keep changes nothing, and the ledger already records this version's cleanup: a rerun over loaded
                // files writes nothing (it used to record "cleaning up" and "cleaned up" again for every one)
                return result.withAfter(AfterLoad.KEEP.pastTense(), null);
            }
            return cleanUp(result);
        } catch (RuntimeException e) {
            return result.withAfter(null, "loaded already, but the ledger could not be read to finish its "
                    + after.label() + ": " + e.getMessage() + " (the next run retries it)");
        }
    }

    private FileResult copyIntoSink(SourceFile file) {
        try (InputStream in = new CountingInputStream(source.open(file), file, listener);
             LoanFileReader reader = LoanFileReader.open(file.name(), in, ColumnCatalog.standard(), rules)) {
            Optional<FileTransaction> claim = sink.begin(file, reader.layout());
            if (claim.isEmpty()) {
                return FileResult.skipped(file, "loaded already, or being loaded by another runner");
            }
            try (FileTransaction load = claim.get()) {
                LoadCounts counts = copy(reader, load, new RowClassifier(reader.layout(), rules), file.name());
                // a file still being written, or edited meanwhile, is not one version: commit nothing of it
                source.confirmUnchanged(file);
                load.commit(counts);
                return FileResult.loaded(file, counts, reader.layout().unknownColumns(), reader.layout().creditScoreColumn());
            }
        } catch (CorruptFileException e) {
            // opening found the bytes unreadable (not gzip, a zip without a directory): a bad file, not a failed read
            throw new FileRefusedException(file.name(), e.getMessage());
        } catch (IOException e) {
            throw new SourceException(file.name() + ": read failed: " + e.getMessage(), e);
        }
    }

    private static LoadCounts copy(LoanFileReader reader, FileTransaction load, RowClassifier classifier, String name) {
        try (Prefetch rows = new Prefetch(reader, name)) {
            return copy(rows, load, classifier);
        }
    }

    private static LoadCounts copy(Prefetch rows, FileTransaction load, RowClassifier classifier) {
        long loaded = 0;
        long rejected = 0;
        long[] filtered = new long[3];
        CsvLine line;
        while ((line = rows.next()) != null) {
            RowOutcome outcome = classifier.classify(line.line(), line.fields());
            if (outcome instanceof RowOutcome.Loaded l) {
                load.add(l.row());
                loaded++;
            } else if (outcome instanceof RowOutcome.Filtered f) {
                filtered[f.reason().ordinal()]++;
            } else if (outcome instanceof RowOutcome.Rejected r) {
                load.reject(new Reject(line.line(), r.reason(), line.rawText()));
                rejected++;
            }
        }
        return new LoadCounts(loaded, filtered[0], filtered[1], filtered[2], rejected, rows.skippedLines());
    }

    /** Keeps, archives or deletes a committed file; a failure here leaves the load committed and is reported. */
    private FileResult cleanUp(FileResult result) {
        return cleanUp(result, after);
    }

    private FileResult cleanUp(FileResult result, AfterLoad action) {
        try {
            ledger.cleaningUp(result.file(), action);
            if (action != AfterLoad.KEEP) {
                source.finish(result.file(), action);
            }
            ledger.cleanedUp(result.file(), action);
            return result.withAfter(action.pastTense(), null);
        } catch (IOException | RuntimeException e) {
            // Any failure here, an adapter's unchecked SDK exception included, comes after the commit: the load stands.
            return result.withAfter(null, "committed, but " + action.label() + " failed: " + e.getMessage()
                    + " (the next run retries it)");
        }
    }

    /**
     * Finishes, with the action that was under way, each cleanup that a crash interrupted after it had started, for the
     * files of this source: such a file may no longer be listed (it was moved or deleted, but the ledger never heard),
     * so listing alone would never finish it. Engines call this once, on the driver, before loading.
     *
     * @return one skipped result per cleanup finished or attempted
     */
    public List<FileResult> finishInterruptedCleanups() {
        List<FileResult> results = new ArrayList<>();
        for (LoadLedger.UnfinishedCleanup unfinished : ledger.unfinishedCleanups()) {
            if (source.owns(unfinished.file())) {
                FileResult skipped = FileResult.skipped(unfinished.file(),
                        "loaded by an earlier run whose " + unfinished.action().label() + " a crash interrupted");
                FileResult finished = cleanUp(skipped, unfinished.action());
                listener.finished(finished);
                results.add(finished);
            }
        }
        return results;
    }
}
