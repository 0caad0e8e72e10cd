package org.loanetl.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.engine.LoadEngine;
import org.loanetl.domain.load.CommitGroups;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.ListingBatches;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoadSink;

/**
 * Loads files in this JVM, up to {@code threads} at once, each streamed through {@link LoadFile}. Files are taken as
 * the source lists them, in {@link ListingBatches} that the ledger is asked about in one query each, so a long listing
 * starts loading at once and a rerun over many loaded files costs a query per batch. Runs of small files share a
 * transaction ({@link CommitGroups}, {@link LoadFile#runGroup}), each still loaded exactly once, so a folder of a
 * thousand small files pays for a few dozen commits, not a thousand. Memory stays flat: one batch of listed files,
 * and one stream per running file.
 * The report lists the files by location (then version), whatever order they finished in. A listing that fails ends
 * the run: the files listed before it still load, and the report gives them and why ({@link LoadReport#failure}).
 */
public final class InProcessLoadEngine implements LoadEngine {

    private final LoadSink sink;
    private final LoadLedger ledger;
    private final int threads;
    private final int filesPerCommit;

    /** An engine that commits runs of small files together, {@link CommitGroups#MAX_FILES_PER_COMMIT} at most. */
    public InProcessLoadEngine(LoadSink sink, LoadLedger ledger, int threads) {
        this(sink, ledger, threads, CommitGroups.MAX_FILES_PER_COMMIT);
    }

    /** @param filesPerCommit small files that may share a commit ({@link CommitGroups}); 1 commits each alone */
    public InProcessLoadEngine(LoadSink sink, LoadLedger ledger, int threads, int filesPerCommit) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (filesPerCommit < 1 || filesPerCommit > CommitGroups.MAX_FILES_PER_COMMIT) {
            throw new IllegalArgumentException("files per commit must be 1 to " + CommitGroups.MAX_FILES_PER_COMMIT
                    + ", was " + filesPerCommit);
        }
        this.sink = sink;
        this.ledger = ledger;
        this.threads = threads;
        this.filesPerCommit = filesPerCommit;
    }

    @Override
    public LoadReport run(LoadJob job) {
        LoadFile loadFile = new LoadFile(job.source(), sink, ledger, job.rules(), job.after(), job.listener(),
                job.retries(), job.chunkSize()).chunkThreads(chunkThreads(threads));
        Queue<FileResult> results = new ConcurrentLinkedQueue<>(loadFile.finishInterruptedCleanups());
        List<String> ignored = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "loan-etl-load");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore slots = new Semaphore(threads);
        String failure = null;
        try (Stream<SourceFile> files = job.source().files(ignored::add)) {
            ListingBatches batches = ListingBatches.of(files.iterator());
            // a lost database fails every file the same way: stop starting new ones; the rerun continues
            while (!loadFile.destinationLost() && batches.hasNext()) {
                List<SourceFile> batch = batches.next();
                Map<SourceFile, LedgerEntry> lookedUp = loadFile.lookUp(batch);
                long aloneFrom = job.chunkSize() > 0 ? job.chunkSize() + 1 : Long.MAX_VALUE;
                for (List<SourceFile> group : CommitGroups.of(batch, perCommit(batch.size()), aloneFrom)) {
                    slots.acquireUninterruptibly();
                    if (loadFile.destinationLost()) {
                        slots.release();
                        break;
                    }
                    pool.execute(() -> {
                        try {
                            if (group.size() == 1) {
                                results.add(loadFile.run(group.get(0), lookedUp));
                            } else {
                                results.addAll(loadFile.runGroup(group, lookedUp));
                            }
                        } catch (RuntimeException | Error e) {
                            // LoadFile reports a file's own trouble; this is anything else (a listener that throws,
                            // an Error): the files are still reported, failed, so the run cannot end 0 without them
                            group.forEach(file -> results.add(FileResult.failedBy(file, e)));
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            // the listing failed (a folder that cannot be read): the files handed out before it still load, and the
            // report says what they did and why the run stopped
            failure = LoadReport.whyListingStopped(e);
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
        }
        // in location order, not finishing order, so two runs of the same files report alike
        return LoadReport.inLocationOrder(results, ignored, failure);
    }

    /**
     * How many chunks of one large file load at once: the threads, but no more than the cores less one. Each chunk
     * also reads ahead on a thread of its own, and PostgreSQL works beside it: on 2 cores, one chunk at a time loaded a
     * 1 GB file 10-15% faster than two at once (docs/benchmarks.md, "One file in chunks").
     */
    static int chunkThreads(int threads) {
        return Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * Files per commit for a batch: the configured most, but few enough that every thread gets a group (four small
     * files on two threads load two and two, at once, not four after one another).
     */
    private int perCommit(int batchSize) {
        return Math.max(1, Math.min(filesPerCommit, (batchSize + threads - 1) / threads));
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new LoanEtlException("interrupted while loading", e);
        }
    }
}
