package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.DestinationLostException;
import org.loanetl.domain.TransientSourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.Journal;
import org.loanetl.domain.testing.LoanCsv;

/**
 * Self-healing: a lost database and a source's passing failures are tried again after a growing wait, and the file
 * ends {@code loaded} exactly once; errors that do not pass fail at once; an outage longer than the limit fails the
 * file and stops the run. Waits pass on a fake clock, so nothing here sleeps.
 */
class LoadFileRetryTest {

    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(60));

    private final Journal journal = new Journal();
    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource(journal);
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger(journal);
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger, journal);
    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();
    private final Retrying retrying = new Retrying(POLICY, wait -> {
        waits.add(wait);
        clock.addAndGet(wait.toNanos());
    }, clock::get, new Random(7));

    private LoadFile loadFile(LoanFileSource from, LoadSink to) {
        return new LoadFile(from, to, ledger, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE, retrying);
    }

    private SourceFile file(String name, int firstId) {
        return source.put(name, LoanCsv.aFile().with(aLoan().with("id", String.valueOf(firstId)))
                .with(aLoan().with("id", String.valueOf(firstId + 1))).text());
    }

    @Test
    void waitsForALostDatabaseAndLoadsTheFileOnce() {
        SourceFile a = file("a.csv", 1);
        DownFor down = new DownFor(sink, 4);

        FileResult result = loadFile(source, down).run(a);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.retries()).isEqualTo(4);
        assertThat(sink.committed()).hasSize(1);
        assertThat(sink.rows()).hasSize(2);
        // waits grow 1, 2, 4, 8 s, each between half and all of its step
        assertThat(waits).hasSize(4);
        long[] steps = {1000, 2000, 4000, 8000};
        for (int i = 0; i < steps.length; i++) {
            assertThat(waits.get(i).toMillis()).isBetween(steps[i] / 2, steps[i]);
        }
    }

    @Test
    void failsTheFileAndStopsTheRunWhenTheOutageOutlastsTheLimit() {
        SourceFile a = file("a.csv", 1);
        DownFor down = new DownFor(sink, Integer.MAX_VALUE);
        LoadFile loadFile = loadFile(source, down);

        FileResult result = loadFile.run(a);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).startsWith("cannot connect to PostgreSQL: server unreachable (tried ");
        assertThat(loadFile.destinationLost()).isTrue();
        assertThat(Duration.ofNanos(clock.get())).isEqualTo(Duration.ofSeconds(60));
        assertThat(sink.committed()).isEmpty();
        assertThat(source.contains(a)).isTrue();
    }

    @Test
    void oneOutageIsSharedByTheFilesItHolds() {
        SourceFile a = file("a.csv", 1);
        SourceFile b = file("b.csv", 10);
        DownFor down = new DownFor(sink, Integer.MAX_VALUE);
        LoadFile loadFile = loadFile(source, down);

        loadFile.run(a);
        FileResult second = loadFile.run(b);

        // the outage began with a's first failure and is over its limit: b does not wait another minute
        assertThat(second.status()).isEqualTo(FileStatus.FAILED);
        assertThat(second.retries()).isZero();
        assertThat(Duration.ofNanos(clock.get())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aSuccessEndsTheOutageSoTheNextOneHasItsOwnLimit() {
        SourceFile a = file("a.csv", 1);
        SourceFile b = file("b.csv", 10);
        DownFor down = new DownFor(sink, 2);
        LoadFile loadFile = loadFile(source, down);
        assertThat(loadFile.run(a).status()).isEqualTo(FileStatus.LOADED);
        clock.addAndGet(Duration.ofMinutes(10).toNanos());

        down.failNext(2);
        FileResult second = loadFile.run(b);

        assertThat(second.status()).isEqualTo(FileStatus.LOADED);
        assertThat(second.retries()).isEqualTo(2);
        assertThat(sink.committed()).hasSize(2);
    }

    @Test
    void retriesASourceThatThrottlesUpToTheAttempts() {
        SourceFile a = file("a.csv", 1);
        Throttling twice = new Throttling(source, 2);

        FileResult result = loadFile(twice, sink).run(a);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.retries()).isEqualTo(2);
        assertThat(twice.opens.get()).isEqualTo(3);
        assertThat(sink.rows()).hasSize(2);
    }

    @Test
    void failsTheFileWhenTheSourceStillThrottlesAfterTheLastAttempt() {
        SourceFile a = file("a.csv", 1);
        Throttling always = new Throttling(source, Integer.MAX_VALUE);

        FileResult result = loadFile(always, sink).run(a);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo("s3://b/a.csv: S3 error 503 SlowDown (tried 3 times)");
        assertThat(result.retries()).isEqualTo(2);
        assertThat(always.opens.get()).isEqualTo(3);
        assertThat(sink.committed()).isEmpty();
    }

    @Test
    void neverRetriesAFailureThatDoesNotPass() {
        SourceFile a = file("a.csv", 1);
        source.failOpening(a);
        SourceFile b = file("b.csv", 10);
        sink.failBeginning(b);

        FileResult unreadable = loadFile(source, sink).run(a);
        FileResult refusedBySink = loadFile(source, sink).run(b);

        assertThat(unreadable.status()).isEqualTo(FileStatus.FAILED);
        assertThat(refusedBySink.status()).isEqualTo(FileStatus.FAILED);
        assertThat(unreadable.retries() + refusedBySink.retries()).isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void aCutReadOfARemoteFilePassesAndOfALocalFileDoesNot() {
        SourceFile remote = file("remote.csv", 1);
        SourceFile local = file("local.csv", 10);
        source.failReadingAfter(local, 10);
        CutOnce cut = new CutOnce(source, remote);

        FileResult remoteResult = loadFile(cut, sink).run(remote);
        FileResult localResult = loadFile(source, sink).run(local);

        assertThat(remoteResult.status()).as(remoteResult.reason()).isEqualTo(FileStatus.LOADED);
        assertThat(remoteResult.retries()).isEqualTo(1);
        assertThat(localResult.status()).isEqualTo(FileStatus.FAILED);
        assertThat(localResult.retries()).isZero();
    }

    @Test
    void waitsForALostDatabaseWhenAGroupCommitFailsThenLoadsEachFileOnce() {
        List<SourceFile> files = List.of(file("a.csv", 1), file("b.csv", 10), file("c.csv", 20));
        LostGroupCommit lost = new LostGroupCommit(sink);

        List<FileResult> results = loadFile(source, lost).runGroup(files, null);

        assertThat(results).extracting(FileResult::status).containsOnly(FileStatus.LOADED);
        assertThat(results).extracting(FileResult::retries).containsOnly(1);
        assertThat(sink.committed()).hasSize(3);
        assertThat(sink.rows()).hasSize(6);
        assertThat(waits).hasSize(1);
    }

    @Test
    void finishesACleanupWhoseLedgerWriteFoundTheDatabaseGone() {
        SourceFile a = file("a.csv", 1);
        LoseOnce ledgerOnce = new LoseOnce(ledger);

        FileResult result = new LoadFile(source, sink, ledgerOnce, LoadRules.defaults(), AfterLoad.DELETE,
                LoadListener.NONE, retrying).run(a);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.after()).isEqualTo("deleted");
        assertThat(result.retries()).isEqualTo(1);
        assertThat(source.contains(a)).isFalse();
        assertThat(ledger.find(a).orElseThrow().cleanup()).isNotNull();
    }

    @Test
    void noPolicyRetriesNothing() {
        SourceFile a = file("a.csv", 1);
        LoadFile once = new LoadFile(source, new DownFor(sink, 1), ledger, LoadRules.defaults(), AfterLoad.KEEP,
                LoadListener.NONE);

        FileResult result = once.run(a);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.retries()).isZero();
        assertThat(once.destinationLost()).isTrue();
    }

    @Test
    void delaysGrowToTheirCapWithJitterWithinHalfAndAll() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ZERO);
        Random random = new Random(42);
        for (int seed = 0; seed < 200; seed++) {
            int retry = random.nextInt(40);
            long step = Math.min(5000, retry >= 30 ? 5000 : 200L << retry);
            assertThat(policy.delay(retry, random).toMillis()).as("retry %d", retry).isBetween(step / 2, step);
        }
    }

    /** A sink whose database is down for the next {@code n} begins: each throws as a refused connection would. */
    private static final class DownFor implements LoadSink {
        private final LoadSink sink;
        private final AtomicInteger failures;

        DownFor(LoadSink sink, int n) {
            this.sink = sink;
            this.failures = new AtomicInteger(n);
        }

        void failNext(int n) {
            failures.set(n);
        }

        @Override
        public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
            if (failures.getAndUpdate(n -> n > 0 && n < Integer.MAX_VALUE ? n - 1 : n) > 0) {
                throw new DestinationLostException("cannot connect to PostgreSQL: server unreachable", null);
            }
            return sink.begin(file, layout);
        }
    }

    /** A ledger whose first {@code cleanedUp} finds the database gone. */
    private static final class LoseOnce implements org.loanetl.domain.port.LoadLedger {
        private final org.loanetl.domain.port.LoadLedger ledger;
        private final AtomicInteger left = new AtomicInteger(1);

        LoseOnce(org.loanetl.domain.port.LoadLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Optional<org.loanetl.domain.model.LedgerEntry> find(SourceFile file) {
            return ledger.find(file);
        }

        @Override
        public void cleaningUp(SourceFile file, AfterLoad action) {
            ledger.cleaningUp(file, action);
        }

        @Override
        public void cleanedUp(SourceFile file, AfterLoad action) {
            if (left.getAndDecrement() > 0) {
                throw new DestinationLostException("cannot record the delete: server shut down", null);
            }
            ledger.cleanedUp(file, action);
        }

        @Override
        public List<org.loanetl.domain.port.LoadLedger.UnfinishedCleanup> unfinishedCleanups() {
            return ledger.unfinishedCleanups();
        }
    }

    /** A group whose commit finds the database gone once; the files' own transactions then succeed. */
    private static final class LostGroupCommit implements LoadSink {
        private final InMemoryLoadSink sink;
        private final AtomicInteger groups = new AtomicInteger();

        LostGroupCommit(InMemoryLoadSink sink) {
            this.sink = sink;
        }

        @Override
        public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
            return sink.begin(file, layout);
        }

        @Override
        public Optional<org.loanetl.domain.port.GroupTransaction> beginGroup() {
            Optional<org.loanetl.domain.port.GroupTransaction> group = sink.beginGroup();
            if (groups.getAndIncrement() > 0 || group.isEmpty()) {
                return group;
            }
            org.loanetl.domain.port.GroupTransaction inner = group.get();
            return Optional.of(new org.loanetl.domain.port.GroupTransaction() {
                @Override
                public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
                    return inner.begin(file, layout);
                }

                @Override
                public boolean usable() {
                    return inner.usable();
                }

                @Override
                public void commit() {
                    throw new DestinationLostException("cannot commit: server shut down", null);
                }

                @Override
                public void close() {
                    inner.close();
                }
            });
        }
    }

    /** A remote source that answers 503 to the first {@code n} opens. */
    private static final class Throttling extends Delegating {
        private final AtomicInteger left;
        final AtomicInteger opens = new AtomicInteger();

        Throttling(LoanFileSource source, int n) {
            super(source);
            this.left = new AtomicInteger(n);
        }

        @Override
        public InputStream open(SourceFile file) throws IOException {
            opens.incrementAndGet();
            if (left.getAndDecrement() > 0) {
                throw new TransientSourceException("s3://b/" + file.name() + ": S3 error 503 SlowDown", null);
            }
            return super.open(file);
        }
    }

    /** A remote source whose first read of {@code file} is cut after a few bytes. */
    private static final class CutOnce extends Delegating {
        private final SourceFile file;
        private final AtomicInteger cuts = new AtomicInteger(1);

        CutOnce(LoanFileSource source, SourceFile file) {
            super(source);
            this.file = file;
        }

        @Override
        public InputStream open(SourceFile which) throws IOException {
            InputStream in = super.open(which);
            if (!which.equals(file) || cuts.getAndDecrement() <= 0) {
                return in;
            }
            return new java.io.FilterInputStream(in) {
                private int left = 40;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        throw new java.net.SocketException("Connection reset");
                    }
                    int n = super.read(b, off, Math.min(len, left));
                    left -= Math.max(n, 0);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }
            };
        }
    }

    /** A source that is remote ({@link #slowToOpen}) and otherwise the in-memory one. */
    private static class Delegating implements LoanFileSource {
        private final LoanFileSource source;

        Delegating(LoanFileSource source) {
            this.source = source;
        }

        @Override
        public Stream<SourceFile> files(Consumer<String> ignored) {
            return source.files(ignored);
        }

        @Override
        public InputStream open(SourceFile file) throws IOException {
            return source.open(file);
        }

        @Override
        public void confirmUnchanged(SourceFile file) throws IOException {
            source.confirmUnchanged(file);
        }

        @Override
        public void finish(SourceFile file, AfterLoad after) throws IOException {
            source.finish(file, after);
        }

        @Override
        public boolean slowToOpen(SourceFile file) {
            return true;
        }
    }

}
