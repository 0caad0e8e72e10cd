package org.loanetl.postgres;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.postgresql.copy.CopyIn;

/**
 * Hands COPY data to PostgreSQL on a thread of its own, so that parsing the next rows and the server taking in the
 * last ones overlap: with one thread, the parser waits whenever the socket is full, and the server waits whenever the
 * parser is busy. At most {@link #DEPTH} chunks, and at most {@link #BUDGET} bytes, wait or are being written in
 * between (or a single chunk larger than that: a row with a huge text value), so memory stays bounded by bytes, not
 * by chunks. The buffers are handed over, not copied, and come back once written, so a load allocates a handful of
 * them rather than one per chunk; a buffer grown past {@link #RECYCLE_LIMIT} for a huge row is left to the GC, and
 * its place taken by an ordinary one. Only the pipe's thread touches the connection until {@link #finish} returns.
 * Whatever the writer throws, an {@link Error} included, fails the producer's next call. The thread starts with the
 * first chunk handed over before the last: a small file's rows, one chunk in all, are written by the producer at
 * {@link #finish}, which costs less than starting and joining a thread. Not thread-safe on the producer side: one
 * producer.
 */
final class CopyPipe {

    static final int DEPTH = 4;
    /** Bytes queued or being written at most; far above what {@link #DEPTH} ordinary chunks hold. */
    static final int BUDGET = 4 << 20;
    /** Buffers up to this size are reused; larger ones were grown for a huge row. */
    static final int RECYCLE_LIMIT = 1 << 20;
    private static final Chunk END = new Chunk(new byte[0], 0);

    /** Bytes {@code [0, length)} of a buffer to write. */
    private record Chunk(byte[] bytes, int length) {
    }

    private final CopyIn copy;
    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(DEPTH);
    /** Buffers the writer is done with, for the producer to fill again. */
    private final BlockingQueue<byte[]> written = new ArrayBlockingQueue<>(DEPTH + 1);
    /** Permits are bytes: taken as a chunk is queued, given back once it is written. */
    private final Semaphore budget = new Semaphore(BUDGET);
    private final Thread writer;
    private boolean started;
    private volatile SQLException failure;

    CopyPipe(CopyIn copy, String name) {
        this.copy = copy;
        this.writer = new Thread(this::drain, "loan-etl-copy " + name);
        this.writer.setDaemon(true);
    }

    /**
     * Queues {@code bytes[0, length)} to be written, blocking while {@link #DEPTH} chunks or {@link #BUDGET} bytes
     * wait, and returns the buffer to fill next: one already written, or a new one as large as {@code bytes} (at most
     * {@link #RECYCLE_LIMIT}). The caller gives {@code bytes} up.
     */
    byte[] swap(byte[] bytes, int length) throws SQLException {
        checkFailure();
        if (length == 0) {
            return bytes;
        }
        if (!started) {
            started = true;
            writer.start();
        }
        put(new Chunk(bytes, length));
        byte[] next = written.poll();
        return next != null ? next : new byte[Math.min(bytes.length, RECYCLE_LIMIT)];
    }

    /**
     * Writes {@code bytes[0, length)}, the last chunk, after every queued one: on this thread if no chunk went before
     * it; afterwards the caller may use the connection again.
     */
    void finish(byte[] bytes, int length) throws SQLException {
        checkFailure();
        if (!started) {
            if (length > 0) {
                copy.writeToCopy(bytes, 0, length);
            }
            return;
        }
        if (length > 0) {
            put(new Chunk(bytes, length));
        }
        put(END);
        join();
        checkFailure();
    }

    /**
     * Stops the writer without writing what waits; for an abandoned load. Never throws.
     *
     * @return whether the writer stopped; if not (stuck writing to a server that stopped reading), the caller must not
     *         use the connection again, only abort it
     */
    boolean abandon() {
        if (!started) {
            return true;
        }
        writer.interrupt();
        chunks.clear();
        chunks.offer(END);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !writer.isAlive();
    }

    private void drain() {
        try {
            for (Chunk chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                copy.writeToCopy(chunk.bytes(), 0, chunk.length());
                budget.release(permits(chunk));
                if (chunk.bytes().length <= RECYCLE_LIMIT) {
                    written.offer(chunk.bytes()); // if the producer holds enough already, this one is left to the GC
                }
            }
        } catch (SQLException e) {
            failure = e;
            chunks.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // out of memory in the driver, say: the load must fail, never commit without the rows this lost
            failure = new SQLException("writing rows failed: " + e, e);
            chunks.clear();
        }
    }

    private void put(Chunk chunk) throws SQLException {
        try {
            while (!budget.tryAcquire(permits(chunk), 100, TimeUnit.MILLISECONDS)) {
                checkWriting();
            }
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                checkWriting();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while writing rows", e);
        }
    }

    private void checkWriting() throws SQLException {
        checkFailure();
        if (!writer.isAlive()) {
            throw new SQLException("the COPY writer stopped");
        }
    }

    /** What a chunk counts against the budget: its length, or the whole budget for a chunk larger than that. */
    private static int permits(Chunk chunk) {
        return Math.min(chunk.length(), BUDGET);
    }

    private void join() throws SQLException {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while writing rows", e);
        }
    }

    private void checkFailure() throws SQLException {
        if (failure != null) {
            throw failure;
        }
    }
}
