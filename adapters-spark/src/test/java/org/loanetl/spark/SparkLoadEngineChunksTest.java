package org.loanetl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.load.RetryPolicy;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.testing.CommittedLoad;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.spark.HadoopLoanFileSource.S3Scheme;

/**
 * The Spark engine loading a large file in byte-range chunks, on a real {@code local[2]} Spark: one task per chunk,
 * the same rows, rejects and counts as the file loaded whole, and a rerun that loads only what is missing. The file is
 * the 96-column LendingClub download fixture repeated to a few thousand rows, with multi-line quoted descriptions and
 * some bad rates, cut into 64 KiB chunks.
 */
class SparkLoadEngineChunksTest {

    private static final long CHUNK_SIZE = 64 << 10;
    private static final int ROWS = 2_000;
    /** The fixture has no credit-score column: its rows load without the score filter. */
    private static final LoadRules RULES = LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER);

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    private Path in;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkLoadEngineChunksTest")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void aLargeFile() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("big.csv"), largeFile(), StandardCharsets.UTF_8);
    }

    @Test
    void loadsALargeFileOneTaskPerChunkRowForRowAsWhole() {
        RegistryTarget whole = RegistryTarget.create();
        LoadReport once = run(whole, 0, LoadListener.NONE);
        RegistryTarget chunked = RegistryTarget.create();
        List<String> heard = new ArrayList<>();
        spark.setJobGroup("chunked", "chunked load");

        LoadReport inChunks = run(chunked, CHUNK_SIZE, new Hearing(heard));

        spark.clearJobGroup();
        FileResult file = inChunks.files().get(0);
        assertThat(inChunks.files()).singleElement().satisfies(r -> assertThat(r.status()).as(r.reason()).isEqualTo(FileStatus.LOADED));
        assertThat(file.chunks()).isGreaterThan(1);
        assertThat(chunked.sink().committed()).hasSize(file.chunks());
        assertThat(tasksOf("chunked")).isEqualTo(file.chunks());
        assertThat(once.files().get(0).chunks()).isZero();
        assertThat(file.counts()).isEqualTo(once.files().get(0).counts());
        assertThat(file.counts().rejected()).isPositive();
        assertThat(rows(chunked)).isEqualTo(rows(whole)).hasSize((int) file.counts().loaded());
        assertThat(rejects(chunked)).isEqualTo(rejects(whole));
        assertThat(rows(chunked)).anySatisfy(row -> assertThat(String.join(",", row)).contains("second \"quoted\" line"));
        assertThat(heard).containsExactly("started big.csv", "finished big.csv loaded");
        assertThat(chunked.ledger().find(file.file())).hasValueSatisfying(
                e -> assertThat(e.counts()).isEqualTo(file.counts()));
    }

    @Test
    void asksTheLedgerAboutChunksOnlyForTheFileLargeEnoughToHaveAnyAndAboutTheRestOnceATask() throws IOException {
        String small = Files.readString(in.resolve("big.csv"), StandardCharsets.UTF_8).lines().limit(4)
                .map(line -> line + "\n").reduce("", String::concat);
        for (int i = 0; i < 40; i++) {
            Files.writeString(in.resolve(String.format("small-%02d.csv", i)), small, StandardCharsets.UTF_8);
        }
        RegistryTarget target = RegistryTarget.create();

        LoadReport report = run(target, CHUNK_SIZE, LoadListener.NONE);

        assertThat(report.files()).hasSize(41).allSatisfy(r -> assertThat(r.status()).as(r.reason())
                .isEqualTo(FileStatus.LOADED));
        // the big file: its saved plan and its committed chunks; the 40 small ones: nothing (a query each, before)
        assertThat(target.ledger().chunkLookups()).isEqualTo(2);
        // the driver's lookup of the listing, then each task's of its files (a query a task, not one a file)
        assertThat(target.ledger().batchLookups()).isGreaterThan(1);
    }

    @Test
    void skipsAFileLoadedInChunksOnARerun() {
        RegistryTarget target = RegistryTarget.create();
        run(target, CHUNK_SIZE, LoadListener.NONE);
        int commits = target.sink().committed().size();

        LoadReport again = run(target, CHUNK_SIZE, LoadListener.NONE);

        assertThat(again.files()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(FileStatus.SKIPPED));
        assertThat(target.sink().committed()).hasSize(commits);
    }

    @Test
    void loadsOnlyTheChunkThatDidNotCommitOnTheNextRun() throws Exception {
        RegistryTarget whole = RegistryTarget.create();
        run(whole, 0, LoadListener.NONE);
        RegistryTarget first = RegistryTarget.create();
        FileChunk lost = plan(first).get(2);
        first.sink().failCommitting(lost.ledgerFile());

        LoadReport failed = run(first, CHUNK_SIZE, LoadListener.NONE);
        RegistryTarget next = first.nextRun();
        LoadReport rerun = run(next, CHUNK_SIZE, LoadListener.NONE);

        int count = lost.count();
        assertThat(failed.files()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.FAILED);
            assertThat(r.reason()).endsWith("(" + (count - 1) + " of " + count
                    + " chunks committed; the next run loads the rest)");
        });
        assertThat(rerun.files()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(FileStatus.LOADED));
        assertThat(next.sink().committed()).extracting(CommittedLoad::file).containsExactly(lost.ledgerFile());
        List<List<String>> both = new ArrayList<>(rows(first));
        both.addAll(rows(next));
        both.sort(byLine());
        assertThat(both).isEqualTo(rows(whole));
    }

    private LoadReport run(RegistryTarget target, long chunkSize, LoadListener listener) {
        LoadJob job = new LoadJob(source(), RULES, AfterLoad.KEEP, listener, RetryPolicy.NONE, chunkSize);
        return new SparkLoadEngine(spark, target.chunking()).run(job);
    }

    private HadoopLoanFileSource source() {
        return new HadoopLoanFileSource(List.of(in.toString()), null, Map.of(), S3Scheme.AUTO);
    }

    /** The chunks the engine will cut the file into, planned as its driver plans them. */
    private List<FileChunk> plan(RegistryTarget target) {
        HadoopLoanFileSource source = source();
        SourceFile file = source.files(s -> { }).findFirst().orElseThrow();
        List<FileChunk> chunks = new LoadFile(source, target.sink(), target.chunking().ledger(), RULES,
                AfterLoad.KEEP, LoadListener.NONE, RetryPolicy.NONE, CHUNK_SIZE).planChunks(file);
        assertThat(chunks).hasSizeGreaterThan(2);
        return chunks;
    }

    /** How many tasks the jobs of this group ran, as Spark's status tracker tells it. */
    private static int tasksOf(String group) {
        return Arrays.stream(spark.statusTracker().getJobIdsForGroup(group))
                .mapToObj(spark.statusTracker()::getJobInfo)
                .flatMapToInt(job -> Arrays.stream(job.stageIds()))
                .mapToObj(spark.statusTracker()::getStageInfo)
                .mapToInt(stage -> stage == null ? 0 : stage.numTasks())
                .sum();
    }

    /** Every row the target's sink committed, rendered, in line order. */
    private static List<List<String>> rows(RegistryTarget target) {
        return target.sink().committed().stream().flatMap(c -> c.renderedRows().stream()).sorted(byLine()).toList();
    }

    private static List<Reject> rejects(RegistryTarget target) {
        return target.sink().rejects().stream().sorted(Comparator.comparingLong(Reject::line)).toList();
    }

    private static Comparator<List<String>> byLine() {
        return Comparator.comparingLong(row -> Long.parseLong(row.get(0)));
    }

    /**
     * The fixture's notice and header, then its loans repeated to {@link #ROWS} rows, each with an id of its own;
     * every seventh with a description of several lines holding commas and quotes, every 97th with a bad rate.
     */
    private static String largeFile() {
        List<String> lines = new String(Fixtures.bytes("real/securev1-2014-96col-notice.csv"), StandardCharsets.UTF_8)
                .lines().toList();
        List<String> header = fields(lines.get(1));
        int id = header.indexOf("id");
        int desc = header.indexOf("desc");
        int rate = header.indexOf("int_rate");
        List<String> loans = lines.subList(2, lines.size());
        StringBuilder out = new StringBuilder(lines.get(0)).append('\n').append(lines.get(1)).append('\n');
        for (int i = 0; i < ROWS; i++) {
            List<String> fields = new ArrayList<>(fields(loans.get(i % loans.size())));
            fields.set(id, String.valueOf(i + 1));
            if (i % 7 == 3) {
                fields.set(desc, "Borrower added on 12/01/11 > first line, with a comma\nsecond \"quoted\" line\n\n"
                        + "last line of loan " + (i + 1));
            }
            if (i % 97 == 5) {
                fields.set(rate, "abc");
            }
            out.append(fields.stream().map(f -> "\"" + f.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")))
                    .append('\n');
        }
        return out.toString();
    }

    /** The fields of a fixture line, every one of them quoted, none holding a quote. */
    private static List<String> fields(String line) {
        return List.of(line.substring(1, line.length() - 1).split("\",\"", -1));
    }

    /** Hears the driver's started and finished calls. */
    private record Hearing(List<String> heard) implements LoadListener {

        @Override
        public synchronized void started(SourceFile file) {
            heard.add("started " + file.name());
        }

        @Override
        public synchronized void finished(FileResult result) {
            heard.add("finished " + result.file().name() + " " + result.status().label());
        }
    }
}
