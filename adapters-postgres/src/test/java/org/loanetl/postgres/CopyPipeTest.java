package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteStreamWriter;

/**
 * The pipe's own logic, against a COPY that counts what it is given (its bytes reaching a real server is
 * {@link PostgresLoadSinkTest}'s): memory bounded by bytes, and a writer that dies of an {@link Error} fails the load
 * rather than let it commit without the rows it lost.
 */
class CopyPipeTest {

    private static final int HUGE = 6 << 20;

    @Test
    void failsTheLoadWhenTheWriterThrowsAnError() throws Exception {
        Copy copy = new Copy();
        copy.error = new OutOfMemoryError("Java heap space");
        CopyPipe pipe = new CopyPipe(copy, "a.csv");

        pipe.swap(new byte[1024], 1024);

        assertThatThrownBy(() -> pipe.finish(new byte[0], 0)).isInstanceOf(SQLException.class)
                .hasMessage("writing rows failed: java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void holdsOneHugeChunkAtATimeNotOneForEachPlaceInTheQueue() throws Exception {
        Copy copy = new Copy();
        CopyPipe pipe = new CopyPipe(copy, "a.csv");

        pipe.swap(new byte[HUGE], HUGE);
        CompletableFuture<byte[]> second = CompletableFuture.supplyAsync(() -> swap(pipe, HUGE));

        assertThat(copy.writing.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        assertThat(second).as("a second huge chunk waits while the first is written").isNotDone();
        copy.go.countDown();
        second.get(10, TimeUnit.SECONDS);
        pipe.finish(new byte[0], 0);
        assertThat(copy.written.get()).isEqualTo(2L * HUGE);
    }

    @Test
    void handsBackAnOrdinaryBufferForOneGrownForAHugeRow() throws Exception {
        Copy copy = new Copy();
        copy.go.countDown();
        CopyPipe pipe = new CopyPipe(copy, "a.csv");

        byte[] next = pipe.swap(new byte[HUGE], HUGE);

        assertThat(next.length).isLessThanOrEqualTo(CopyPipe.RECYCLE_LIMIT);
        pipe.finish(new byte[0], 0);
    }

    @Test
    void writesASmallFilesOnlyChunkOnTheCallersThreadAtTheEnd() throws Exception {
        Copy copy = new Copy();
        copy.go.countDown();
        CopyPipe pipe = new CopyPipe(copy, "small.csv");

        pipe.finish(new byte[1_000], 700);

        assertThat(copy.written.get()).isEqualTo(700);
        assertThat(copy.writers).containsExactly(Thread.currentThread().getName());
        assertThat(pipe.abandon()).as("no writer thread to stop").isTrue();
    }

    private static byte[] swap(CopyPipe pipe, int length) {
        try {
            return pipe.swap(new byte[length], length);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the bytes written; waits for {@link #go} before each write; throws {@link #error} if set. */
    private static final class Copy implements CopyIn {

        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch writing = new CountDownLatch(1);
        final AtomicLong written = new AtomicLong();
        final java.util.Set<String> writers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile Error error;

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) throws SQLException {
            if (error != null) {
                throw error;
            }
            writing.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
            written.addAndGet(siz);
            writers.add(Thread.currentThread().getName());
        }

        @Override
        public void writeToCopy(ByteStreamWriter from) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void flushCopy() {
        }

        @Override
        public long endCopy() {
            return 0;
        }

        @Override
        public int getFieldCount() {
            return 0;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void cancelCopy() {
        }

        @Override
        public long getHandledRowCount() {
            return 0;
        }
    }
}
