package org.loanetl.domain.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.loanetl.domain.DestinationLostException;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.TransientSourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.read.ChunkBoundaries;
import org.loanetl.domain.read.CorruptFileException;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.ControlTotalMismatch;
import org.loanetl.domain.rules.FileLayout;
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
    private final Retrying retrying;
    /** Files larger than this load in chunks, where the source and the ledger can; 0: every file whole. */
    private final long chunkSize;
    /** How many chunks of one file {@link #run} loads at once, each on its own thread and transaction. */
    private volatile int chunkThreads = 1;

    public LoadFile(LoanFileSource source, LoadSink sink, LoadLedger ledger, LoadRules rules, AfterLoad after,
                    LoadListener listener) {
        this(source, sink, ledger, rules, after, listener, RetryPolicy.NONE);
    }

    /** A load that retries the failures that pass ({@link RetryPolicy}): a lost database, a throttled source. */
    public LoadFile(LoanFileSource source, LoadSink sink, LoadLedger ledger, LoadRules rules, AfterLoad after,
                    LoadListener listener, RetryPolicy retries) {
        this(source, sink, ledger, rules, after, listener, retries, 0);
    }

    /**
     * A load that retries the failures that pass, and loads each file larger than {@code chunkSize} bytes in chunks
     * ({@link #planChunks}) where its source reads byte ranges and the ledger records chunks.
     *
     * @param chunkSize the size of a chunk, in bytes; 0 loads every file whole
     */
    public LoadFile(LoanFileSource source, LoadSink sink, LoadLedger ledger, LoadRules rules, AfterLoad after,
                    LoadListener listener, RetryPolicy retries, long chunkSize) {
        this(source, sink, ledger, rules, after, listener, Retrying.of(Objects.requireNonNull(retries, "retries")),
                chunkSize);
    }

    LoadFile(LoanFileSource source, LoadSink sink, LoadLedger ledger, LoadRules rules, AfterLoad after,
             LoadListener listener, Retrying retrying) {
        this(source, sink, ledger, rules, after, listener, retrying, 0);
    }

    private LoadFile(LoanFileSource source, LoadSink sink, LoadLedger ledger, LoadRules rules, AfterLoad after,
                     LoadListener listener, Retrying retrying, long chunkSize) {
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must not be negative, was " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.retrying = retrying;
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
        return run(file, null);
    }

    /**
     * Looks a batch of listed files up in the ledger in one query, for {@link #run(SourceFile, Map)}: a rerun over
     * thousands of loaded files then costs a query per batch, not one per file.
     *
     * @return the entries found, or {@code null} when the ledger cannot say: given that, each file asks on its own,
     *         and its result reports the trouble (a lost database among it)
     */
    public Map<SourceFile, LedgerEntry> lookUp(List<SourceFile> files) {
        try {
            return ledger.findAll(files);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Why a file is skipped when another runner, or another attempt of the same task, holds its claim
     * ({@link OtherAttempts} waits for such a file instead).
     */
    static final String HELD_ELSEWHERE = "loaded already, or being loaded by another runner";

    /** Whether a result says another runner or attempt holds the file's claim. */
    public static boolean heldElsewhere(FileResult result) {
        return result.status() == FileStatus.SKIPPED && HELD_ELSEWHERE.equals(result.reason());
    }

    /**
     * {@link #run(SourceFile)} for a file that {@link #lookUp} has looked up: a file the ledger had is skipped
     * without asking again; one it had not is loaded (the sink checks again under its claim, so a file another runner
     * committed meanwhile is still loaded once).
     *
     * @param lookedUp what {@link #lookUp} found for the file's batch; {@code null} to ask the ledger now
     */
    public FileResult run(SourceFile file, Map<SourceFile, LedgerEntry> lookedUp) {
        listener.started(file);
        // the ledger entry load() found serves finish() too: a file loaded before costs one ledger query, not two
        LedgerEntry[] found = {null};
        FileResult loaded = !isLoadedAlready(file, lookedUp) && inChunks(file)
                ? loadInChunks(file, found, lookedUp)
                : load(file, found, lookedUp);
        FileResult result = finish(loaded, found[0]);
        listener.finished(result);
        return result;
    }

    /**
     * Makes {@link #run} load up to {@code threads} chunks of one file at once, each on a thread and transaction of its
     * own (the in-process engine gives its thread count); 1, the default, loads them one after the other.
     *
     * @return this
     */
    public LoadFile chunkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.chunkThreads = threads;
        return this;
    }

    /**
     * Files this large or larger may have been loaded in chunks by an earlier run (the smallest chunk size a user can
     * set is 1 MiB): before such a file loads whole, the ledger is asked whether chunks of it are committed.
     */
    static final long CHUNKED_FROM = 1L << 20;

    /**
     * Whether a load of this file may have been cut into chunks, by this run or an earlier one: the ledger records
     * chunks, and the file is larger than the smallest chunk size a user can set, or than this load's. Not so for
     * nearly every file in a folder of many small files: asking the ledger for such a file's chunks or plan would cost
     * each a query for nothing.
     */
    private boolean mayHaveBeenCut(SourceFile file) {
        return ledger.recordsChunks() && (file.size() >= CHUNKED_FROM || chunkSize > 0 && file.size() > chunkSize);
    }

    /**
     * The byte ranges of the file's chunks that an earlier chunked load committed, in file order; empty when there are
     * none, or the file cannot have any ({@link #mayHaveBeenCut}). Asked once per file that is not loaded yet.
     */
    private List<long[]> committedChunks(SourceFile file) {
        if (!mayHaveBeenCut(file)) {
            return List.of();
        }
        List<long[]> ranges = new ArrayList<>();
        for (SourceFile chunk : ledger.committedChunks(file)) {
            long[] range = FileChunk.rangeOf(chunk, file);
            if (range != null) {
                ranges.add(range);
            }
        }
        ranges.sort(java.util.Comparator.comparingLong(range -> range[0]));
        return ranges;
    }

    /**
     * Whether the file loads in chunks: large enough, or chunks of it committed before. When the ledger cannot say (the
     * database lost), no: the whole load waits for the database, then asks again before it loads anything.
     */
    private boolean inChunks(SourceFile file) {
        try {
            return mayChunk(file) || !committedChunks(file).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the file is large enough to load in chunks, and its source and the ledger can. */
    private boolean mayChunk(SourceFile file) {
        return chunkSize > 0 && file.size() > chunkSize && rules.controlTotals() != ControlTotalMismatch.REFUSE
                && ledger.recordsChunks() && source.readsRanges(file);
    }

    /**
     * Loads a large file chunk by chunk on this thread, unless the ledger has it already: plans its chunks, loads each
     * that is not committed yet ({@link #loadChunk}), and records the file once all are ({@link #completeChunks}). A
     * file that cannot be cut loads whole.
     */
    private FileResult loadInChunks(SourceFile file, LedgerEntry[] found, Map<SourceFile, LedgerEntry> lookedUp) {
        if (lookedUp == null) {
            try {
                Optional<LedgerEntry> done = ledger.find(file);
                if (done.isPresent()) {
                    found[0] = done.get();
                    return FileResult.skipped(file, "loaded already at " + done.get().loadedAt());
                }
            } catch (RuntimeException e) {
                return load(file, found, null); // the whole file's load waits for the ledger, or says why it cannot
            }
        }
        List<FileChunk> chunks;
        try {
            Optional<List<FileChunk>> saved = savedPlan(file);
            if (saved.isEmpty()) {
                return loadWhilePlanning(file, found, lookedUp);
            }
            chunks = saved.get();
        } catch (RuntimeException e) {
            return load(file, found, null); // the ledger cannot say: the whole load waits for it, or says why it cannot
        }
        return completeChunks(file, chunks, loadFed(ChunkFeed.of(file, chunks), sink::begin,
                java.util.concurrent.CompletableFuture.completedFuture(chunks)));
    }

    /** The plan an earlier load of this version saved, where the file may have one; else empty. */
    private Optional<List<FileChunk>> savedPlan(SourceFile file) {
        if (mayHaveBeenCut(file) && source.readsRanges(file)) {
            return ledger.savedPlan(file);
        }
        return Optional.empty();
    }

    /**
     * Loads a file in chunks while it is read to cut it: a thread of its own cuts the file ({@link #planChunks}'s
     * work), and each chunk starts loading as soon as the cut after it is found, so reading the whole file to plan
     * costs nothing but a thread. Each chunk's commit waits until the plan has ended and is saved: a file that must
     * not be cut (the reader would refuse it, it changed) commits nothing in chunks, and loads whole instead, where the
     * reader says why; a plan another runner saved first is loaded as saved.
     */
    private FileResult loadWhilePlanning(SourceFile file, LedgerEntry[] found, Map<SourceFile, LedgerEntry> lookedUp) {
        List<long[]> committed = committedChunks(file);
        if (!mayCut(file, committed)) {
            return load(file, found, lookedUp); // refuses to load whole over committed chunks, and says so
        }
        long headerLine;
        try {
            headerLine = headerLine(file);
        } catch (IOException | RuntimeException e) {
            return load(file, found, lookedUp); // the whole load meets the same trouble, and says what it is
        }
        long size = chunkSize > 0 ? chunkSize : Long.MAX_VALUE;
        long bound = file.size() / Math.max(1, Math.min(size, file.size())) + 2L * committed.size() + 2;
        ChunkFeed feed = new ChunkFeed(file, (int) Math.min(Integer.MAX_VALUE, bound));
        java.util.concurrent.CompletableFuture<List<FileChunk>> plan = new java.util.concurrent.CompletableFuture<>();
        Thread planner = new Thread(() -> {
            List<FileChunk> chunks = List.of();
            try {
                chunks = cut(file, headerLine, committed, feed::add);
                chunks = chunks.isEmpty() || ledger.savePlan(file, chunks).equals(chunks) ? chunks : List.of();
            } catch (IOException | RuntimeException e) {
                chunks = List.of(); // nothing of it commits in chunks: the whole load says what the trouble is
            } finally {
                plan.complete(chunks);
                feed.end();
            }
        }, "loan-etl-plan");
        planner.setDaemon(true);
        planner.start();
        BiFunction<SourceFile, FileLayout, Optional<FileTransaction>> gated = (key, layout) -> sink.begin(key, layout)
                .map(load -> new PlannedCommit(load, () -> !plan.join().isEmpty(), key));
        List<FileResult> results = loadFed(feed, gated, plan);
        List<FileChunk> chunks = plan.join();
        if (chunks.isEmpty()) {
            // no chunk committed (each waited for the plan): as a load that could not cut the file, or took the plan
            // another runner saved first, would go on
            return savedPlanOrNone(file).isPresent() ? loadInChunks(file, found, null) : load(file, found, lookedUp);
        }
        return completeChunks(file, chunks, results);
    }

    private Optional<List<FileChunk>> savedPlanOrNone(SourceFile file) {
        try {
            return savedPlan(file);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Loads the chunks the feed hands out, until it has no more or one is refused or fails; their results in the
     * chunks' order. While the plan runs, one chunk loads at a time, on this thread (its commit waits for the plan,
     * holding one connection); once the plan has ended, up to {@link #chunkThreads} at once. So the chunks of a file
     * never hold more than one of the database's connections while its plan still needs one to be saved.
     */
    private List<FileResult> loadFed(ChunkFeed feed, BiFunction<SourceFile, FileLayout, Optional<FileTransaction>> begin,
                                     java.util.concurrent.CompletableFuture<List<FileChunk>> plan) {
        java.util.concurrent.ConcurrentSkipListMap<Integer, FileResult> results =
                new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            try {
                while (!stop.get() && !destinationLost()) {
                    FileChunk chunk = feed.await(next.getAndIncrement());
                    if (chunk == null) {
                        return;
                    }
                    FileResult result = load(chunk.ledgerFile(), new LedgerEntry[1], null, begin, source::open,
                            chunk);
                    results.put(chunk.index(), result);
                    if (result.status() == FileStatus.REFUSED || result.status() == FileStatus.FAILED
                            || heldElsewhere(result)) {
                        stop.set(true);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Runnable afterPlan = () -> {
            if (!plan.join().isEmpty()) {
                worker.run();
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < chunkThreads; i++) {
            Thread thread = new Thread(afterPlan, "loan-etl-chunk");
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        worker.run();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // the results up to the first chunk that has none: completeChunks counts the rest as not loaded
        List<FileResult> ordered = new ArrayList<>(results.size());
        for (int i = 0; results.containsKey(i); i++) {
            ordered.add(results.get(i));
        }
        results.values().stream().filter(r -> r.status() != FileStatus.LOADED && r.status() != FileStatus.SKIPPED
                || heldElsewhere(r)).filter(r -> !ordered.contains(r)).forEach(ordered::add);
        return ordered;
    }

    private static List<FileChunk> chunksOf(SourceFile file, List<ChunkBoundaries.Cut> at) {
        List<FileChunk> chunks = new ArrayList<>(at.size());
        long headerEnd = at.get(1).start();
        for (int i = 0; i < at.size(); i++) {
            long end = i + 1 < at.size() ? at.get(i + 1).start() : file.size();
            chunks.add(new FileChunk(file, i, at.size(), at.get(i).start(), end, at.get(i).firstLine(), headerEnd));
        }
        return chunks;
    }

    /**
     * Cuts a file larger than the chunk size into chunks that load apart, each at the first record that begins in its
     * range ({@link ChunkBoundaries#cut}), reading the file once from end to end as it is stored, then confirming it
     * unchanged since it was listed ({@link LoanFileSource#confirmRangeUnchanged}: its size and modification time,
     * which the listing saw when it hashed the file; an S3 object's ETag), so that a file still being written is not
     * cut; each chunk confirms it again before it commits. Engines call this on
     * the driver, then {@link #loadChunk} for each chunk wherever they like, then {@link #completeChunks}.
     *
     * <p>The plan is saved in the ledger before any chunk loads ({@link LoadLedger#savePlan}), and a rerun of the
     * same version takes it from there ({@link LoadLedger#savedPlan}) without reading the file, whatever the chunk
     * size is now: a resumed load skips the chunks committed before and never loads their rows again. Where no plan is
     * saved, chunks an earlier load committed are kept as chunks of the new plan.
     *
     * @return the chunks, in file order; empty when the file loads whole: not larger than a chunk, its source cannot
     *         read ranges, the ledger does not record chunks, control totals refuse files (a file's footers can only
     *         be checked once all its rows are read, before anything of it commits), or the reader might refuse it
     *         (its whole load then says why, and commits nothing); a whole load of a file with committed chunks
     *         refuses to run ({@link #load(SourceFile)})
     */
    public List<FileChunk> planChunks(SourceFile file) {
        Optional<List<FileChunk>> saved = savedPlan(file);
        if (saved.isPresent()) {
            return saved.get(); // cut by an earlier load of this version: the same chunks, the file not read again
        }
        List<FileChunk> planned = plan(file);
        return planned.isEmpty() ? planned : ledger.savePlan(file, planned);
    }

    /** {@link #planChunks} when no plan of the file is saved: reads the file to cut it. */
    private List<FileChunk> plan(SourceFile file) {
        List<long[]> committed = committedChunks(file);
        if (!mayCut(file, committed)) {
            return List.of();
        }
        try {
            return cut(file, headerLine(file), committed, found -> { });
        } catch (IOException | RuntimeException e) {
            return List.of(); // the whole file's load meets the same trouble, and reports it
        }
    }

    /**
     * Whether the file may be cut: larger than a chunk, or chunks of it committed before (which a resumed load must
     * keep, whatever the chunk size is now); and its source reads ranges and the ledger records chunks.
     */
    private boolean mayCut(SourceFile file, List<long[]> committed) {
        return committed.isEmpty() ? mayChunk(file) : ledger.recordsChunks() && source.readsRanges(file);
    }

    /** The line the file's header is on, read from the start of the file. */
    private long headerLine(SourceFile file) throws IOException {
        try (InputStream head = source.openRange(file, 0, file.size());
             LoanFileReader reader = LoanFileReader.open(file.name(), head, ColumnCatalog.standard(), rules)) {
            return reader.headerLine();
        }
    }

    /**
     * Reads the file as it is stored, once, and cuts it ({@link ChunkBoundaries#cut}), keeping the ranges of chunks
     * committed before, handing each cut to {@code found} as it is found; then confirms the file unchanged since it
     * was listed. The chunks, or none when the file loads whole.
     */
    private List<FileChunk> cut(SourceFile file, long headerLine, List<long[]> committed,
                                java.util.function.Consumer<ChunkBoundaries.Cut> found) throws IOException {
        long size = chunkSize > 0 ? chunkSize : Long.MAX_VALUE;
        try (InputStream whole = source.openRange(file, 0, file.size())) {
            Optional<List<ChunkBoundaries.Cut>> cuts = ChunkBoundaries.cut(whole, size, headerLine, committed, found);
            if (cuts.isEmpty() || cuts.get().size() < 2) {
                return List.of();
            }
            source.confirmRangeUnchanged(file);
            return chunksOf(file, cuts.get());
        }
    }

    /**
     * Loads one chunk of a file exactly once, as {@link #load(SourceFile)} loads a file: skipped when the ledger has
     * the chunk ({@link FileChunk#ledgerFile}) or another runner holds it, else read, classified and committed with
     * its own ledger entry, its rows and rejects keeping the file's line numbers. Never throws for the chunk's own
     * trouble; the result names the chunk's ledger file.
     */
    public FileResult loadChunk(FileChunk chunk) {
        return load(chunk.ledgerFile(), new LedgerEntry[1], null, sink::begin, source::open, chunk);
    }

    /**
     * Records a file whose chunks have all been loaded as loaded ({@link LoadLedger#completeChunks}), recording the
     * cleanup to come as a commit does, and gives the file's result: its counts are this run's chunks' (those an
     * earlier run committed are in the ledger's entry), its control totals the whole file's. A chunk refused or failed,
     * or not loaded, leaves the file unrecorded: its result says so, and the next run loads the chunks still missing.
     * {@link #finish} then keeps, archives or deletes it.
     *
     * @param results the chunks' results, in the chunks' order; fewer than the chunks when some were not started
     */
    public FileResult completeChunks(SourceFile file, List<FileChunk> chunks, List<FileResult> results) {
        LoadCounts counts = LoadCounts.NONE;
        int retries = 0;
        long withoutId = 0;
        int committed = 0;
        List<String> unknown = List.of();
        String creditScore = null;
        FileResult trouble = null;
        for (FileResult chunk : results) {
            retries += chunk.retries();
            if (chunk.status() == FileStatus.LOADED) {
                counts = counts.plus(chunk.counts());
                withoutId += chunk.loadedWithoutId();
                unknown = chunk.unknownColumns();
                creditScore = chunk.creditScoreColumn();
                committed++;
            } else if (chunk.status() == FileStatus.SKIPPED && !heldElsewhere(chunk)) {
                committed++; // an earlier run committed it
            } else if (trouble == null) {
                trouble = chunk;
            }
        }
        int count = chunks.size();
        if (trouble != null && heldElsewhere(trouble)) {
            return FileResult.skipped(file, HELD_ELSEWHERE).withChunks(count).retried(retries);
        }
        if (trouble != null || committed < count) {
            String why = trouble == null ? "not every chunk was loaded" : trouble.reason();
            FileStatus status = trouble == null ? FileStatus.FAILED : trouble.status();
            String progress = " (" + committed + " of " + count + " chunks committed; the next run loads the rest)";
            return new FileResult(file, status, why + progress, LoadCounts.NONE, List.of(), null, null)
                    .withChunks(count).retried(retries);
        }
        List<SourceFile> keys = chunks.stream().map(FileChunk::ledgerFile).toList();
        for (int retry = 0; ; retry++) {
            try {
                Optional<LoadLedger.Completed> done = ledger.completeChunks(file, keys, after);
                retrying.reached();
                if (done.isEmpty()) {
                    return FileResult.failed(file, file.name() + ": a chunk's ledger entry is missing; the next run"
                            + " loads it").withChunks(count).retried(retries + retry);
                }
                return FileResult.loaded(file, counts, unknown, creditScore)
                        .withControlTotals(done.get().controlTotals()).withLoadedWithoutId(withoutId)
                        .withChunks(count).retried(retries + retry);
            } catch (RuntimeException e) {
                if (Retrying.passes(e) && retrying.again(retry, e)) {
                    continue;
                }
                if (e instanceof DestinationLostException) {
                    destinationLost.set(true);
                }
                return FileResult.failed(file, file.name() + ": every chunk committed, but the file could not be"
                        + " recorded: " + e.getMessage() + " (the next run records it)").withChunks(count)
                        .retried(retries + retry);
            }
        }
    }

    /**
     * {@link #run(SourceFile, Map)} for several small files, loaded one after the other in one transaction
     * ({@link #loadGroup}), then each kept, archived or deleted. Thread-safe as {@link #run} is: engines run several
     * groups at once.
     */
    public List<FileResult> runGroup(List<SourceFile> files, Map<SourceFile, LedgerEntry> lookedUp) {
        List<LedgerEntry> found = new ArrayList<>(files.size());
        List<FileResult> loaded = loadGroup(files, lookedUp, found, true);
        List<FileResult> results = new ArrayList<>(loaded.size());
        for (int i = 0; i < loaded.size(); i++) {
            results.add(tellFinished(finish(loaded.get(i), found.get(i))));
        }
        return results;
    }

    /**
     * The first half of {@link #runGroup}: loads the files in one transaction of the sink's
     * ({@link LoadSink#beginGroup}), so that they share a commit, and leaves the sources as they are; the results are
     * in the files' order, and a {@code loaded} one is committed. Each file is still loaded exactly once and all or
     * nothing: a file that is refused or fails rolls back its own part only. If the group's commit fails, nothing of
     * it became visible, and each of its files is loaded again on its own, so one file's trouble cannot fail the
     * others; unless the destination was lost, when they fail. Once the destination is lost no further file is
     * started, and those files have no result (the next run loads them), as an engine starts no further file either.
     * A sink that cannot group loads each file on its own. Engines that clean up elsewhere (Spark) call this, then
     * {@link #finish} for each result.
     *
     * @param lookedUp what {@link #lookUp} found for the files' batch; {@code null} to ask the ledger for each
     */
    public List<FileResult> loadGroup(List<SourceFile> files, Map<SourceFile, LedgerEntry> lookedUp) {
        return loadGroup(files, lookedUp, new ArrayList<>(files.size()), false);
    }

    /**
     * {@link #loadGroup(List, Map)}, adding to {@code found} the ledger entry each file's skip found (or {@code null}),
     * in the files' order; tells the listener each file has started when {@code announce}.
     */
    private List<FileResult> loadGroup(List<SourceFile> files, Map<SourceFile, LedgerEntry> lookedUp,
                                       List<LedgerEntry> found, boolean announce) {
        List<FileResult> results = new ArrayList<>(files.size());
        List<Integer> inGroup = new ArrayList<>();
        GroupTransaction group = null;
        OpenAhead ahead = new OpenAhead(source);
        try {
            for (SourceFile file : files) {
                if (destinationLost()) {
                    break;
                }
                // the next files are opened while this one loads, where each open waits (an S3 GET); a local open
                // costs less than handing it to another thread
                ahead.from(files, results.size() + 1,
                        next -> source.slowToOpen(next) && !isLoadedAlready(next, lookedUp));
                FileResult result = announce ? tellStarted(file) : null;
                LedgerEntry[] entry = {null};
                if (result != null) {
                    // the listener failed: the file is reported failed, and not loaded
                } else if (isLoadedAlready(file, lookedUp)) {
                    result = load(file, entry, lookedUp);
                } else {
                    if (group == null || !group.usable()) {
                        group = commitAndBegin(group, inGroup, results);
                    }
                    GroupTransaction within = group;
                    result = load(file, entry, lookedUp, within == null ? sink::begin : within::begin, ahead::open);
                    if (within != null && result.status() == FileStatus.LOADED) {
                        inGroup.add(results.size());
                    }
                }
                results.add(result);
                found.add(entry[0]);
            }
            commit(group, inGroup, results);
        } finally {
            ahead.close();
            if (group != null) {
                group.close();
            }
        }
        return results;
    }

    private static boolean isLoadedAlready(SourceFile file, Map<SourceFile, LedgerEntry> lookedUp) {
        return lookedUp != null && lookedUp.containsKey(file);
    }

    /** Tells the listener the file has started; if the listener throws, the file's failed result. */
    private FileResult tellStarted(SourceFile file) {
        try {
            listener.started(file);
            return null;
        } catch (RuntimeException | Error e) {
            return FileResult.failedBy(file, e);
        }
    }

    /** Tells the listener how the file ended; if the listener throws, the file is reported failed, as in-process. */
    private FileResult tellFinished(FileResult result) {
        try {
            listener.finished(result);
            return result;
        } catch (RuntimeException | Error e) {
            return FileResult.failedBy(result.file(), e);
        }
    }

    /**
     * Commits the group that is open, if any, and begins the next; {@code null} when the sink cannot group (its files
     * then load on their own) or the destination cannot be reached now (the file's own begin then says so).
     */
    private GroupTransaction commitAndBegin(GroupTransaction open, List<Integer> inGroup, List<FileResult> results) {
        if (open != null) {
            commit(open, inGroup, results);
            open.close();
        }
        try {
            return sink.beginGroup().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Commits the files loaded within the group; if that fails, ends the group (so that its claims are let go) and
     * loads each of them again on its own.
     */
    private void commit(GroupTransaction group, List<Integer> inGroup, List<FileResult> results) {
        if (group == null || inGroup.isEmpty()) {
            return;
        }
        try {
            group.commit();
            retrying.reached();
        } catch (RuntimeException e) {
            group.close();
            // a lost database may come back: wait for it as a file's own load would, before each file goes again
            boolean retried = e instanceof DestinationLostException && retrying.again(0, e);
            if (e instanceof DestinationLostException && !retried) {
                destinationLost.set(true);
            }
            for (int i : inGroup) {
                SourceFile file = results.get(i).file();
                // nothing of the group is visible: each file goes again, alone, unless the destination is gone
                results.set(i, destinationLost()
                        ? FileResult.failed(file, file.name() + ": not committed: " + e.getMessage())
                        : load(file, new LedgerEntry[1], null).retried(retried ? 1 : 0));
            }
        }
        inGroup.clear();
    }

    /**
     * The first half of {@link #run}: loads the file unless the ledger has this version, and leaves the source as it
     * is. Engines that load in one place and clean up in another (Spark: executors load, the driver cleans up) call
     * this, then {@link #finish}. Never throws for the file's own trouble.
     */
    public FileResult load(SourceFile file) {
        return load(file, new LedgerEntry[1], null);
    }

    /**
     * {@link #load(SourceFile)}, leaving in {@code found[0]} the ledger entry it found, if it found one; asks the
     * ledger unless {@code lookedUp} (a batch's {@link #lookUp}) answers already.
     */
    private FileResult load(SourceFile file, LedgerEntry[] found, Map<SourceFile, LedgerEntry> lookedUp) {
        return load(file, found, lookedUp, sink::begin, source::open);
    }

    /** How a load gets its file's bytes: from the source, or opened ahead ({@link OpenAhead}). */
    private interface Opener {
        InputStream open(SourceFile file) throws IOException;
    }

    /**
     * {@link #load(SourceFile, LedgerEntry[], Map)}, beginning the file's transaction with {@code begin}; a failure
     * that passes ({@link Retrying}) is tried again, on the file's own transaction and freshly opened, from the ledger
     * check on (a commit whose answer was lost is then found there, and the file is not loaded twice).
     */
    private FileResult load(SourceFile file, LedgerEntry[] found, Map<SourceFile, LedgerEntry> lookedUp,
                            BiFunction<SourceFile, FileLayout, Optional<FileTransaction>> begin, Opener opener) {
        return load(file, found, lookedUp, begin, opener, null);
    }

    /** {@link #load(SourceFile, LedgerEntry[], Map, BiFunction, Opener)} of a file, or of one chunk of it. */
    private FileResult load(SourceFile file, LedgerEntry[] found, Map<SourceFile, LedgerEntry> lookedUp,
                            BiFunction<SourceFile, FileLayout, Optional<FileTransaction>> begin, Opener opener,
                            FileChunk chunk) {
        for (int retry = 0; ; retry++) {
            RuntimeException[] passing = {null};
            FileResult result = loadOnce(file, found, lookedUp, begin, opener, passing, chunk);
            if (passing[0] == null) {
                if (result.status() == FileStatus.LOADED || result.status() == FileStatus.SKIPPED) {
                    retrying.reached();
                }
                return result.retried(retry);
            }
            if (!retrying.again(retry, passing[0])) {
                if (passing[0] instanceof DestinationLostException) {
                    destinationLost.set(true);
                }
                String tries = retry == 0 ? "" : " (tried " + (retry + 1) + " times)";
                return FileResult.failed(file, passing[0].getMessage() + tries).retried(retry);
            }
            if (chunk == null) {
                begin = sink::begin; // a group's transaction is gone: alone now (a chunk keeps its own, plan-gated)
            }
            opener = source::open;
            lookedUp = null;
        }
    }

    /**
     * One try of {@link #load(SourceFile, LedgerEntry[], Map, BiFunction, Opener)}: the file's result, or
     * {@code null} with the failure in {@code passing[0]} when it is one that may pass.
     */
    private FileResult loadOnce(SourceFile file, LedgerEntry[] found, Map<SourceFile, LedgerEntry> lookedUp,
                                BiFunction<SourceFile, FileLayout, Optional<FileTransaction>> begin, Opener opener,
                                RuntimeException[] passing, FileChunk chunk) {
        try {
            Optional<LedgerEntry> done = lookedUp != null ? Optional.ofNullable(lookedUp.get(file)) : ledger.find(file);
            if (done.isPresent()) {
                found[0] = done.get();
                return FileResult.skipped(file, "loaded already at " + done.get().loadedAt());
            }
            if (chunk == null) {
                List<long[]> chunks = committedChunks(file);
                if (!chunks.isEmpty()) {
                    return FileResult.failed(file, file.name() + ": " + chunks.size() + (chunks.size() == 1
                            ? " chunk" : " chunks") + " of it committed by an earlier load in chunks; it loads on in"
                            + " chunks, never whole (their rows would load twice): load it with a --chunk-size"
                            + " greater than 0, from a source that reads byte ranges");
                }
                return copyIntoSink(file, begin, opener);
            }
            return copyChunk(file, chunk, begin);
        } catch (FileRefusedException e) {
            return FileResult.refused(file, e.reason());
        } catch (DestinationLostException e) {
            passing[0] = e;
            return null;
        } catch (LoanEtlException e) {
            Optional<FileResult> elsewhere = committedElsewhere(file);
            if (elsewhere.isEmpty() && Retrying.passes(e)) {
                passing[0] = e;
                return null;
            }
            if (elsewhere.isEmpty() && cutRemoteRead(file, e)) {
                passing[0] = new TransientSourceException(e.getMessage(), e.getCause());
                return null;
            }
            return elsewhere.orElseGet(() -> FileResult.failed(file, e.getMessage()));
        } catch (RuntimeException e) {
            return FileResult.failedBy(file, e);
        } catch (Error e) {
            // out of memory, mostly, in this file's worker: the file fails in one line (its load rolled back as the
            // stack unwound), never vanishes, and the other files go on
            return FileResult.failedBy(file, e);
        }
    }

    /**
     * Whether a read of a remote file failed for the network's sake (a cut connection, a timeout): the reader says
     * {@code read failed} for any source, and for a remote one ({@link LoanFileSource#slowToOpen}) that passes.
     */
    private boolean cutRemoteRead(SourceFile file, LoanEtlException e) {
        return e.getClass() == SourceException.class && e.getCause() instanceof IOException && source.slowToOpen(file);
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
            // loaded by an earlier run: this cleanup is not yet recorded as begun
            return cleanUp(result, after);
        } catch (RuntimeException e) {
            return result.withAfter(null, "loaded already, but the ledger could not be read to finish its "
                    + after.label() + ": " + e.getMessage() + " (the next run retries it)");
        }
    }

    private FileResult copyIntoSink(SourceFile file,
                                    BiFunction<SourceFile, FileLayout, Optional<FileTransaction>> begin, Opener opener) {
        try (InputStream in = new CountingInputStream(opener.open(file), file, listener);
             LoanFileReader reader = LoanFileReader.open(file.name(), in, ColumnCatalog.standard(), rules)) {
            Optional<FileTransaction> claim = begin.apply(file, reader.layout());
            if (claim.isEmpty()) {
                return FileResult.skipped(file, HELD_ELSEWHERE);
            }
            try (FileTransaction load = claim.get()) {
                ControlTotals totals = new ControlTotals(reader.layout());
                LoadCounts counts = copy(reader, load, new RowClassifier(reader.layout(), rules), file, totals);
                List<ControlTotal> controls = totals.against(reader.footers());
                refuseOnMismatch(file, controls);
                // a file still being written, or edited meanwhile, is not one version: commit nothing of it
                source.confirmUnchanged(file);
                load.controlTotals(controls);
                // the commit records the cleanup to come: a keep as done, an archive or delete as begun
                load.commit(counts, after);
                return FileResult.loaded(file, counts, reader.layout().unknownColumns(),
                        reader.layout().creditScoreColumn()).withControlTotals(controls)
                        .withLoadedWithoutId(totals.loadedWithoutId());
            }
        } catch (CorruptFileException e) {
            // opening found the bytes unreadable (not gzip, a zip without a directory): a bad file, not a failed read
            throw new FileRefusedException(file.name(), e.getMessage());
        } catch (IOException e) {
            throw new SourceException(file.name() + ": read failed: " + e.getMessage(), e);
        }
    }

    /**
     * Loads one chunk under its ledger file {@code key}: its byte range read with the file's layout (the first chunk
     * finds the header itself; the others read it from the first chunk's range), its lines numbered as the file's, its
     * control sums recorded for the file's totals, and no cleanup recorded (that comes with the whole file).
     */
    private FileResult copyChunk(SourceFile key, FileChunk chunk,
                                 BiFunction<SourceFile, FileLayout, Optional<FileTransaction>> begin) {
        SourceFile file = chunk.file();
        try (InputStream in = new CountingInputStream(source.openRange(file, chunk.start(), chunk.end()), file,
                listener);
             LoanFileReader reader = chunk.index() == 0
                     ? LoanFileReader.open(key.name(), in, ColumnCatalog.standard(), rules)
                     : LoanFileReader.openChunk(key.name(), in, layoutOf(chunk), chunk.firstLine())) {
            Optional<FileTransaction> claim = begin.apply(key, reader.layout());
            if (claim.isEmpty()) {
                return FileResult.skipped(key, HELD_ELSEWHERE);
            }
            try (FileTransaction load = claim.get()) {
                ControlTotals totals = new ControlTotals(reader.layout());
                LoadCounts counts = copy(reader, load, new RowClassifier(reader.layout(), rules), key, totals);
                // the file was confirmed whole when its chunks were planned: it must still be that version
                source.confirmRangeUnchanged(file);
                load.controlSums(totals.sums(reader.footers()));
                load.commit(counts, null);
                return FileResult.loaded(key, counts, reader.layout().unknownColumns(),
                        reader.layout().creditScoreColumn()).withLoadedWithoutId(totals.loadedWithoutId());
            }
        } catch (CorruptFileException e) {
            throw new FileRefusedException(key.name(), e.getMessage());
        } catch (IOException e) {
            throw new SourceException(key.name() + ": read failed: " + e.getMessage(), e);
        }
    }

    /** The file's layout, read from the header in its first chunk's range. */
    private FileLayout layoutOf(FileChunk chunk) throws IOException {
        try (InputStream head = source.openRange(chunk.file(), 0, chunk.headerEnd());
             LoanFileReader reader = LoanFileReader.open(chunk.file().name(), head, ColumnCatalog.standard(), rules)) {
            return reader.layout();
        }
    }

    /** Refuses the file, under {@link ControlTotalMismatch#REFUSE}, when a footer's amount differs from its rows'. */
    private void refuseOnMismatch(SourceFile file, List<ControlTotal> controls) {
        if (rules.controlTotals() != ControlTotalMismatch.REFUSE) {
            return;
        }
        for (ControlTotal control : controls) {
            if (!control.matches()) {
                throw new FileRefusedException(file.name(), "control total does not match: " + control);
            }
        }
    }

    /**
     * Copies the rows, read ahead on a thread of their own ({@link Prefetch}) for a file of
     * {@value #READ_AHEAD_FROM_BYTES} bytes or more; a smaller one is read on this thread, where starting and joining
     * a reading thread would cost more than the overlap gains.
     */
    private static LoadCounts copy(LoanFileReader reader, FileTransaction load, RowClassifier classifier,
                                   SourceFile file, ControlTotals totals) {
        if (file.size() < READ_AHEAD_FROM_BYTES) {
            return copy(new Rows() {
                @Override
                public CsvLine next() {
                    return reader.next();
                }

                @Override
                public long skippedLines() {
                    return reader.skippedLines();
                }
            }, load, classifier, totals);
        }
        try (Prefetch rows = new Prefetch(reader, file.name())) {
            return copy(rows, load, classifier, totals);
        }
    }

    /** Files this large or larger are read ahead on a thread of their own. */
    static final long READ_AHEAD_FROM_BYTES = 1L << 20;

    private static LoadCounts copy(Rows rows, FileTransaction load, RowClassifier classifier, ControlTotals totals) {
        long loaded = 0;
        long rejected = 0;
        long[] filtered = new long[3];
        CsvLine line;
        while ((line = rows.next()) != null) {
            totals.add(line.fields());
            RowOutcome outcome = classifier.classify(line.line(), line.fields());
            if (outcome instanceof RowOutcome.Loaded l) {
                totals.loaded(l.row());
                load.add(l.row());
                loaded++;
            } else if (outcome instanceof RowOutcome.Filtered f) {
                filtered[f.reason().ordinal()]++;
                load.filtered(classifier.filteredRow(), f.reason());
            } else if (outcome instanceof RowOutcome.Rejected r) {
                load.reject(new Reject(line.line(), r.reason(), line.rawText()));
                rejected++;
            }
        }
        return new LoadCounts(loaded, filtered[0], filtered[1], filtered[2], rejected, rows.skippedLines());
    }

    /**
     * Keeps, archives or deletes a file committed just now, whose commit recorded the cleanup as begun (a keep as
     * done already); a failure here leaves the load committed and is reported.
     */
    private FileResult cleanUp(FileResult result) {
        if (after == AfterLoad.KEEP) {
            return result.withAfter(AfterLoad.KEEP.pastTense(), null);
        }
        return cleanUp(result, after, true);
    }

    private FileResult cleanUp(FileResult result, AfterLoad action) {
        return cleanUp(result, action, false);
    }

    private FileResult cleanUp(FileResult result, AfterLoad action, boolean begun) {
        // each step is idempotent, so a failure that passes (the database lost between the steps) is tried again
        for (int retry = 0; ; retry++) {
            try {
                if (!begun) {
                    ledger.cleaningUp(result.file(), action);
                }
                if (action != AfterLoad.KEEP) {
                    source.finish(result.file(), action);
                }
                ledger.cleanedUp(result.file(), action);
                retrying.reached();
                return result.withAfter(action.pastTense(), null).retried(retry);
            } catch (IOException | RuntimeException e) {
                if (e instanceof RuntimeException passing && Retrying.passes(passing) && retrying.again(retry, passing)) {
                    continue;
                }
                // Any failure here, an adapter's unchecked SDK exception included, comes after the commit: the load
                // stands.
                return result.withAfter(null, "committed, but " + action.label() + " failed: " + e.getMessage()
                        + " (the next run retries it)").retried(retry);
            }
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
