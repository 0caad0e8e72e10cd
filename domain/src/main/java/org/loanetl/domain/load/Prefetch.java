package org.loanetl.domain.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;

/**
 * Reads a file's rows on a thread of its own, a few batches ahead of the thread that casts them: decoding and
 * tokenizing is a third of a load's work, and this way it overlaps casting and the database taking in rows. At most
 * {@link #DEPTH} batches of {@link #BATCH} rows wait, so memory stays bounded. A failure of the reading thread is
 * thrown, as it was, from {@link #next} after the rows read before it. One consumer; not thread-safe.
 */
final class Prefetch implements AutoCloseable {

    static final int BATCH = 256;
    static final int DEPTH = 4;
    private static final Object END = new Object();

    private final LoanFileReader reader;
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(DEPTH);
    private final Thread thread;
    private volatile boolean stopped;
    private Iterator<CsvLine> rows = Collections.emptyIterator();
    private boolean ended;

    Prefetch(LoanFileReader reader, String name) {
        this.reader = reader;
        this.thread = new Thread(this::produce, "loan-etl-read " + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The next data row, or {@code null} at the end of the file; rethrows what reading it threw. */
    CsvLine next() {
        while (!rows.hasNext()) {
            if (ended) {
                return null;
            }
            Object batch = take();
            if (batch == END) {
                finished();
                return null;
            }
            if (batch instanceof RuntimeException failure) {
                finished();
                throw failure;
            }
            @SuppressWarnings("unchecked")
            List<CsvLine> lines = (List<CsvLine>) batch;
            rows = lines.iterator();
        }
        return rows.next();
    }

    /** Non-loan lines skipped; complete once {@link #next} has returned {@code null}. */
    long skippedLines() {
        return reader.skippedLines();
    }

    private void produce() {
        List<CsvLine> batch = new ArrayList<>(BATCH);
        Object last = END;
        try {
            CsvLine line;
            while (!stopped && (line = reader.next()) != null) {
                batch.add(line);
                if (batch.size() == BATCH) {
                    put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        } catch (RuntimeException e) {
            last = e;
        } catch (Error e) {
            last = new LoanEtlException("reading failed: " + e, e);
        }
        if (!batch.isEmpty()) {
            put(batch);
        }
        put(last);
    }

    private void put(Object item) {
        try {
            while (!stopped) {
                if (batches.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object take() {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoanEtlException("interrupted while reading", e);
        }
    }

    /** The reading thread has put its last item: wait for it to end, so what it counted is visible here. */
    private void finished() {
        ended = true;
        join();
    }

    private void join() {
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the reading thread and waits for it, so the reader can be closed safely. Never throws. */
    @Override
    public void close() {
        stopped = true;
        batches.clear();
        join();
    }
}
