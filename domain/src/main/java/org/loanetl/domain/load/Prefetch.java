package org.loanetl.domain.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;

/**
 * Reads a file's rows on a thread of its own, a few batches ahead of the thread that casts them: decoding and
 * tokenizing is a third of a load's work, and this way it overlaps casting and the database taking in rows.
 *
 * <p>Memory is bounded by characters, not rows: a row may hold up to 16 Mi characters, so a bound on rows alone lets
 * a few hundred huge rows wait at once. Rows go over in batches of at most {@link #BATCH} rows or {@link #BATCH_CHARS}
 * characters, and the batches handed over and not yet done with (waiting, or being cast) hold at most
 * {@link #BUDGET_CHARS} characters, or a single batch larger than that: with huge rows, the casting thread has one
 * and the reading thread reads the next. Counting costs nothing per row: a row's characters are one array already.
 *
 * <p>A failure of the reading thread, an {@link Error} included, is thrown, as it was, from {@link #next} after the
 * rows read before it. One consumer; not thread-safe.
 */
final class Prefetch implements AutoCloseable, Rows {

    static final int BATCH = 256;
    static final int DEPTH = 4;
    /** A batch is handed over once its rows hold this many characters, however few rows that is. */
    static final int BATCH_CHARS = 1 << 20;
    /** Characters handed over and not yet done with; a batch larger than this goes over alone. */
    static final int BUDGET_CHARS = DEPTH * BATCH_CHARS;
    private static final Object END = new Object();

    private final LoanFileReader reader;
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(DEPTH);
    /** Permits are characters: taken by the reading thread as it hands a batch over, given back once it is cast. */
    private final Semaphore budget = new Semaphore(BUDGET_CHARS);
    private final Thread thread;
    private volatile boolean stopped;
    private Iterator<CsvLine> rows = Collections.emptyIterator();
    /** The permits the batch being cast holds; given back once its rows are done with. */
    private int held;
    private boolean ended;

    Prefetch(LoanFileReader reader, String name) {
        this.reader = reader;
        this.thread = new Thread(this::produce, "loan-etl-read " + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The next data row, or {@code null} at the end of the file; rethrows what reading it threw. */
    @Override
    public CsvLine next() {
        while (!rows.hasNext()) {
            done();
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
            if (batch instanceof Error failure) {
                finished();
                throw failure;
            }
            Batch lines = (Batch) batch;
            rows = lines.rows().iterator();
            held = lines.permits();
        }
        return rows.next();
    }

    /** Non-loan lines skipped; complete once {@link #next} has returned {@code null}. */
    @Override
    public long skippedLines() {
        return reader.skippedLines();
    }

    /** The rows of the batch being cast are done with: its characters may be read ahead again. */
    private void done() {
        rows = Collections.emptyIterator();
        budget.release(held);
        held = 0;
    }

    private void produce() {
        List<CsvLine> batch = new ArrayList<>(BATCH);
        long chars = 0;
        Object last = END;
        try {
            CsvLine line;
            while (!stopped && (line = reader.next()) != null) {
                batch.add(line);
                chars += line.fields().chars().length;
                if (batch.size() == BATCH || chars >= BATCH_CHARS) {
                    hand(batch, chars);
                    batch = new ArrayList<>(BATCH);
                    chars = 0;
                }
            }
        } catch (RuntimeException | Error e) {
            // an Error too (out of memory, mostly): the casting thread throws it, and the file fails, not vanishes
            last = e;
        }
        if (!batch.isEmpty()) {
            hand(batch, chars);
        }
        put(last);
    }

    /** Hands a batch over once the rows handed over before it and not yet cast leave room for it. */
    private void hand(List<CsvLine> batch, long chars) {
        int permits = (int) Math.min(chars, BUDGET_CHARS);
        try {
            while (!stopped) {
                if (budget.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                    put(new Batch(batch, permits));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** Rows handed over together, and the permits they hold. */
    private record Batch(List<CsvLine> rows, int permits) {
    }

    /** Stops the reading thread and waits for it, so the reader can be closed safely. Never throws. */
    @Override
    public void close() {
        stopped = true;
        batches.clear();
        join();
    }
}
