package org.loanetl.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.engine.LoadEngine;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoadSink;

/**
 * Loads files in this JVM, up to {@code threads} at once, each streamed through {@link LoadFile}. Files are taken as
 * the source lists them, so a long listing starts loading at once; memory stays flat: one stream per running file.
 * The report lists the files by location (then version), whatever order they finished in. A listing that fails ends
 * the run: the files listed before it still load, and the report gives them and why ({@link LoadReport#failure}).
 */
public final class InProcessLoadEngine implements LoadEngine {

    private final LoadSink sink;
    private final LoadLedger ledger;
    private final int threads;

    public InProcessLoadEngine(LoadSink sink, LoadLedger ledger, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.sink = sink;
        this.ledger = ledger;
        this.threads = threads;
    }

    @Override
    public LoadReport run(LoadJob job) {
        LoadFile loadFile = new LoadFile(job.source(), sink, ledger, job.rules(), job.after(), job.listener());
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
            // a lost database fails every file the same way: stop starting new ones; the rerun continues
            files.takeWhile(file -> !loadFile.destinationLost()).forEach(file -> {
                slots.acquireUninterruptibly();
                if (loadFile.destinationLost()) {
                    slots.release();
                    return;
                }
                pool.execute(() -> {
                    try {
                        results.add(loadFile.run(file));
                    } catch (RuntimeException | Error e) {
                        // LoadFile reports a file's own trouble; this is anything else (a listener that throws, an
                        // Error): the file is still reported, failed, so the run cannot end 0 without it
                        results.add(FileResult.failedBy(file, e));
                    } finally {
                        slots.release();
                    }
                });
            });
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
