package org.loanetl.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.load.RetryPolicy;
import org.loanetl.domain.DestinationLostException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.Journal;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.RawLoan;

class InProcessLoadEngineTest {

    private final Journal journal = new Journal();
    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource(journal);
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger(journal);
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger, journal);

    @TempDir
    Path dir;

    @Test
    void loadsSeveralFilesAtOnceAndEachExactlyOnce() {
        List<SourceFile> files = IntStream.range(0, 6).mapToObj(i -> source.put("f" + i + ".csv", loans(i * 10, 3)))
                .toList();
        Overlap overlap = new Overlap(3);

        // one file per commit, so that each thread has one file at a time (grouped files start one after the other)
        LoadReport report = new InProcessLoadEngine(sink, ledger, 3, 1).run(job(AfterLoad.KEEP, overlap));

        assertThat(overlap.most()).isEqualTo(3);
        assertThat(report.files()).extracting(FileResult::status).containsOnly(FileStatus.LOADED).hasSize(6);
        assertThat(report.totals()).isEqualTo(new LoadCounts(18, 0, 0, 0, 0, 0));
        assertThat(sink.committed()).extracting(c -> c.file()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(journal.entries("begin")).hasSize(6);
        assertThat(journal.entries("commit")).hasSize(6).doesNotHaveDuplicates();
        assertThat(sink.rows()).extracting(r -> r.value(0)).doesNotHaveDuplicates().hasSize(18);
        assertThat(sink.hasOpenLoads()).isFalse();
    }

    @Test
    void commitsSmallFilesInGroupsSpreadOverTheThreads() {
        IntStream.range(0, 120).forEach(i -> source.put(String.format("f%03d.csv", i), loans(i * 10, 2)));

        LoadReport report = new InProcessLoadEngine(sink, ledger, 2).run(job(AfterLoad.KEEP, LoadListener.NONE));

        assertThat(report.files()).extracting(FileResult::status).containsOnly(FileStatus.LOADED).hasSize(120);
        assertThat(sink.committed()).hasSize(120);
        assertThat(sink.rows()).extracting(r -> r.value(0)).doesNotHaveDuplicates().hasSize(240);
        // 120 files in one batch, two threads: groups of at most 50, at least one for each thread
        assertThat(journal.entries()).filteredOn("group commit"::equals).hasSize(3);
        assertThat(sink.hasOpenLoads()).isFalse();
    }

    @Test
    void startsNoMoreFilesOnceTheDatabaseIsLost() {
        IntStream.range(0, 8).forEach(i -> source.put("f" + i + ".csv", loans(i * 10, 3)));
        LoadSink lost = (file, layout) -> {
            journal.add("begin " + file.name());
            throw new DestinationLostException("cannot connect to PostgreSQL: server unreachable", null);
        };

        LoadReport report = new InProcessLoadEngine(lost, ledger, 2).run(job(AfterLoad.KEEP, LoadListener.NONE));

        assertThat(report.files()).extracting(FileResult::status).containsOnly(FileStatus.FAILED);
        assertThat(report.files()).hasSizeLessThanOrEqualTo(2);
        assertThat(journal.entries("begin")).hasSizeLessThanOrEqualTo(2);
        assertThat(report.files().get(0).reason()).isEqualTo("cannot connect to PostgreSQL: server unreachable");
    }

    @Test
    void asksTheLedgerOnceABatchOnARerunOverManyLoadedFiles() {
        IntStream.range(0, 600).forEach(i -> source.put(String.format("f%03d.csv", i), loans(i * 10, 1)));
        InProcessLoadEngine engine = new InProcessLoadEngine(sink, ledger, 2);
        engine.run(job(AfterLoad.KEEP, LoadListener.NONE));
        int finds = ledger.finds();
        int lookups = ledger.batchLookups();
        int journaled = journal.entries().size();

        LoadReport again = engine.run(job(AfterLoad.KEEP, LoadListener.NONE));

        assertThat(again.files()).extracting(FileResult::status).containsOnly(FileStatus.SKIPPED).hasSize(600);
        assertThat(ledger.batchLookups() - lookups).as("one query per batch of 256 listed files").isEqualTo(3);
        assertThat(ledger.finds() - finds).as("no query per file").isZero();
        assertThat(journal.entries().subList(journaled, journal.entries().size()))
                .as("nothing opened, begun, committed or written to the ledger").isEmpty();
    }

    @Test
    void asksTheLedgerNothingPerFileAboutChunksWhenSmallFilesLoadWithTheDefaultChunkSize() {
        IntStream.range(0, 300).forEach(i -> source.put(String.format("f%03d.csv", i), loans(i * 10, 1)));
        LoadJob job = new LoadJob(source, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE, RetryPolicy.NONE,
                128L << 20);

        LoadReport report = new InProcessLoadEngine(sink, ledger, 2).run(job);

        assertThat(report.files()).extracting(FileResult::status).containsOnly(FileStatus.LOADED).hasSize(300);
        // files smaller than the smallest chunk size (1 MiB) can never have been loaded in chunks: a query each to
        // ask would double a small file's round trips
        assertThat(ledger.chunkLookups()).as("chunk queries for 300 files of a few KB").isZero();
    }

    @Test
    void skipsEveryFileOnTheSecondRun() {
        IntStream.range(0, 4).forEach(i -> source.put("f" + i + ".csv", loans(i * 10, 2)));
        InProcessLoadEngine engine = new InProcessLoadEngine(sink, ledger, 2);
        engine.run(job(AfterLoad.KEEP, LoadListener.NONE));

        LoadReport again = engine.run(job(AfterLoad.KEEP, LoadListener.NONE));

        assertThat(again.files()).extracting(FileResult::status).containsOnly(FileStatus.SKIPPED).hasSize(4);
        assertThat(sink.committed()).hasSize(4);
        assertThat(sink.rows()).hasSize(8);
    }

    @Test
    void loadsTheOtherFilesWhenSomeFail() {
        SourceFile good = source.put("a-good.csv", loans(0, 2));
        SourceFile unreadable = source.put("b-unreadable.csv", loans(10, 2));
        SourceFile lostCommit = source.put("c-lost-commit.csv", loans(20, 2));
        SourceFile noStatus = source.put("d-no-status.csv", "id,purpose,last_fico_range_low\n1,car,720\n");
        SourceFile alsoGood = source.put("e-good.csv", loans(30, 2));
        source.failOpening(unreadable);
        sink.failCommitting(lostCommit);

        LoadReport report = new InProcessLoadEngine(sink, ledger, 2).run(job(AfterLoad.DELETE, LoadListener.NONE));

        assertThat(report.files()).extracting(r -> r.file().name() + " " + r.status().label()).containsExactly(
                "a-good.csv loaded", "b-unreadable.csv failed", "c-lost-commit.csv failed", "d-no-status.csv refused",
                "e-good.csv loaded");
        assertThat(sink.committed()).extracting(c -> c.file()).containsExactlyInAnyOrder(good, alsoGood);
        assertThat(source.contains(good)).isFalse();
        assertThat(source.contains(unreadable)).isTrue();
        assertThat(source.contains(lostCommit)).isTrue();
        assertThat(source.contains(noStatus)).isTrue();
        assertThat(sink.hasOpenLoads()).isFalse();
    }

    @Test
    void reportsTheFilesInLocationOrderWhateverOrderTheyFinishIn() {
        source.put("c.csv", loans(0, 1));
        source.put("a.csv", loans(10, 1));
        source.put("b.csv", loans(20, 1));
        // three threads, one file each: a starts loading once b has finished, c once a has
        Map<String, CountDownLatch> done = Map.of(
                "a.csv", new CountDownLatch(1), "b.csv", new CountDownLatch(1));
        LoadListener slowFirst = new LoadListener() {
            @Override
            public void started(SourceFile file) {
                if (file.name().equals("a.csv")) {
                    await(done.get("b.csv"));
                } else if (file.name().equals("c.csv")) {
                    await(done.get("a.csv"));
                }
            }

            @Override
            public void finished(FileResult result) {
                var latch = done.get(result.file().name());
                if (latch != null) {
                    latch.countDown();
                }
            }
        };

        // one file per commit: grouped, the three would load one after the other on one thread
        LoadReport report = new InProcessLoadEngine(sink, ledger, 3, 1).run(job(AfterLoad.KEEP, slowFirst));

        assertThat(journal.entries("commit")).containsExactly("commit b.csv", "commit a.csv", "commit c.csv");
        assertThat(report.files()).extracting(r -> r.file().name()).containsExactly("a.csv", "b.csv", "c.csv");
    }

    @Test
    void reportsAFileWhoseListenerThrowsAsFailedAndGoesOn() {
        source.put("a.csv", loans(0, 1));
        source.put("b.csv", loans(10, 1));
        LoadListener broken = new LoadListener() {
            @Override
            public void started(SourceFile file) {
                if (file.name().equals("a.csv")) {
                    throw new IllegalStateException("progress bar broke");
                }
            }
        };

        LoadReport report = new InProcessLoadEngine(sink, ledger, 1).run(job(AfterLoad.KEEP, broken));

        assertThat(report.files()).extracting(r -> r.file().name() + " " + r.status().label() + " " + r.reason())
                .containsExactly("a.csv failed a.csv: unexpected error: java.lang.IllegalStateException: progress bar"
                        + " broke", "b.csv loaded null");
    }

    /** An Error in a worker used to kill its thread with the file unreported: the run ended 0 without it. */
    @Test
    void reportsAFileWhoseWorkerThrowsAnErrorAsFailedInOneLineAndGoesOn() {
        source.put("a.csv", loans(0, 1));
        source.put("b.csv", loans(10, 1));
        LoadListener broken = new LoadListener() {
            @Override
            public void started(SourceFile file) {
                if (file.name().equals("a.csv")) {
                    throw new OutOfMemoryError("Java heap space");
                }
            }
        };

        LoadReport report = new InProcessLoadEngine(sink, ledger, 2).run(job(AfterLoad.KEEP, broken));

        assertThat(report.files()).extracting(r -> r.file().name() + " " + r.status().label() + " " + r.reason())
                .containsExactly("a.csv failed a.csv: out of memory (Java heap space): give loan-etl a larger heap"
                        + " (JDK_JAVA_OPTIONS=-Xmx1g, say) or load fewer files at once (--threads)", "b.csv loaded null");
    }

    @Test
    void reportsWhatTheSourceIgnored() {
        source.put("a.csv", loans(0, 1));
        source.putIgnored("readme.txt", "not a loans file");

        LoadReport report = new InProcessLoadEngine(sink, ledger, 2).run(job(AfterLoad.KEEP, LoadListener.NONE));

        assertThat(report.ignored()).containsExactly("mem:/loans/readme.txt: not a loans file");
    }

    /**
     * A folder that cannot be read fails the listing where the walk meets it, as an {@link UncheckedIOException} (what
     * {@link Files#walk} throws): the files listed before it still load, and the report says why the run stopped.
     */
    @Test
    void reportsTheFilesListedBeforeTheListingFailedAndWhyItFailedInOneLine() {
        source.put("a.csv", loans(0, 2));
        source.put("b.csv", loans(10, 3));
        LoanFileSource failing = new FailingListing(source, new UncheckedIOException(
                new AccessDeniedException("/data/in/2012")));

        LoadReport report = new InProcessLoadEngine(sink, ledger, 2).run(
                new LoadJob(failing, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE));

        assertThat(report.files()).extracting(r -> r.file().name() + " " + r.status().label())
                .containsExactly("a.csv loaded", "b.csv loaded");
        assertThat(sink.committed()).hasSize(2);
        assertThat(report.failure()).isEqualTo("/data/in/2012: cannot list: permission denied");
        assertThat(new InProcessLoadEngine(sink, ledger, 2).run(job(AfterLoad.KEEP, LoadListener.NONE)).failure())
                .isNull();
    }

    @Test
    void refusesFewerThanOneThread() {
        assertThatThrownBy(() -> new InProcessLoadEngine(sink, ledger, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, was 0");
    }

    @Test
    void loadsAndArchivesAFolderOfPlainGzippedAndZippedFiles() throws IOException {
        Files.writeString(dir.resolve("a.csv"), LoanCsv.aFile().with(loan(1), loan(2)).text());
        Files.write(dir.resolve("b.csv.gz"), gzip(loans(10, 3)));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("c.zip")))) {
            for (int member = 0; member < 3; member++) {
                zip.putNextEntry(new ZipEntry("m" + member + ".csv"));
                zip.write(loans(100 + member * 10, 2).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        LocalFolderLoanFileSource folder = new LocalFolderLoanFileSource(List.of(dir), null);

        LoadReport report = new InProcessLoadEngine(sink, ledger, 3).run(
                new LoadJob(folder, LoadRules.defaults(), AfterLoad.ARCHIVE, LoadListener.NONE));

        assertThat(report.files()).extracting(r -> r.file().name() + " " + r.status().label() + " " + r.after())
                .containsExactly("a.csv loaded archived", "b.csv.gz loaded archived", "m0.csv loaded archived",
                        "m1.csv loaded archived", "m2.csv loaded archived");
        assertThat(report.totals().loaded()).isEqualTo(11);
        try (var left = Files.list(dir)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("archive");
        }
        assertThat(dir.resolve("archive/c.zip")).exists();
        assertThat(dir.resolve("archive/a.csv")).exists();
        assertThat(dir.resolve("archive/b.csv.gz")).exists();
    }

    private LoadJob job(AfterLoad after, LoadListener listener) {
        return new LoadJob(source, LoadRules.defaults(), after, listener);
    }

    /** A source whose listing fails with {@code failure} after the files of the source it wraps. */
    private record FailingListing(LoanFileSource source, RuntimeException failure) implements LoanFileSource {

        @Override
        public Stream<SourceFile> files(Consumer<String> ignored) {
            return Stream.concat(source.files(ignored), Stream.<SourceFile>generate(() -> {
                throw failure;
            }).limit(1));
        }

        @Override
        public InputStream open(SourceFile file) throws IOException {
            return source.open(file);
        }

        @Override
        public void finish(SourceFile file, AfterLoad after) throws IOException {
            source.finish(file, after);
        }
    }

    /** A loans file of {@code count} loans that pass the default rules, with ids from {@code firstId}. */
    private static String loans(int firstId, int count) {
        return LoanCsv.aFile().with(IntStream.range(0, count).mapToObj(i -> loan(firstId + i)).toArray(RawLoan[]::new))
                .text();
    }

    private static RawLoan loan(int id) {
        return RawLoan.aLoan().with("id", Integer.toString(id));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Waits for {@code latch}; a minute without it is a failure, not a hang. */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new AssertionError("waited a minute for another file to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds the first {@code parties} files at their start until all of them have started, and counts the overlap. */
    private static final class Overlap implements LoadListener {

        private final CountDownLatch together;
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        Overlap(int parties) {
            this.together = new CountDownLatch(parties);
        }

        @Override
        public void started(SourceFile file) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            together.countDown();
            try {
                together.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void finished(FileResult result) {
            running.decrementAndGet();
        }

        int most() {
            return most.get();
        }
    }
}
