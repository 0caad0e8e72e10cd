package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.app.wiring.Faults;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.source.SourceVersions;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * The crash matrix: loan-etl, a process of its own, loads a folder of files and dies, by SIGKILL at a seeded random
 * moment or by halting itself at a step boundary (while reading, during the COPY, after a commit and before its
 * cleanup, after an archive or delete and before the ledger records it); then it is rerun to the end. After every
 * trial each data row is in {@code loans} exactly once, or in {@code loan_rejects} exactly once, or counted as
 * filtered; the ledger's counts match; every source was cleaned up exactly once ({@link ExactlyOnceCheck}). The
 * password used in every run never appears in anything the runs print. Set {@code -Dloanetl.crash.trials=N} for more
 * random trials than CI runs (docs/reliability.md).
 */
@ExtendWith(TestPostgresExtension.class)
class CrashMatrixTest {

    private static final int RANDOM_TRIALS = Integer.getInteger("loanetl.crash.trials", 4);
    private static final Map<String, byte[]> FILES = new LinkedHashMap<>();
    private static ExactlyOnceCheck check;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeTheInputFiles() throws IOException, SQLException {
        for (int i = 1; i <= 3; i++) {
            StringWriter out = new StringWriter();
            new LoanFileGenerator(100 + i, 0.05).write(1200, out);
            FILES.put("gen-" + i + ".csv", out.toString().getBytes(StandardCharsets.UTF_8));
        }
        FILES.put("sample.csv", Files.readAllBytes(Fixtures.path("reference/sample-53col.csv")));
        check = ExactlyOnceCheck.of(FILES);
        // loans_current as one clean run leaves it: what every trial's current table must equal after its rerun
        Path clean = Files.createTempDirectory("loanetl-crash-reference");
        for (var file : FILES.entrySet()) {
            Files.write(clean.resolve(file.getKey()), file.getValue());
        }
        TestPostgres.ensureStarted();
        Run reference = Cli.run("load", clean.toString(), "--db", TestPostgres.superuserUrl(), "--schema",
                REFERENCE, "--current-table");
        assertThat(reference.exitCode()).as(reference.all()).isZero();
        assertThat(latest(REFERENCE)).as("the reference current table").hasSizeGreaterThan(100);
    }

    /** A clean run's schema, to compare each trial's current table with. */
    private static final String REFERENCE = TestPostgres.newSchema();

    /**
     * Every loan of {@code loan_latest} (kept and filtered snapshots) with the dates of its newest snapshot: what does
     * not depend on the order the files were loaded in. (Which file a loan's row comes from may: the generated files
     * share ids, and between snapshots of equal dates the later-loaded file wins, and a crash changes that order.)
     */
    static java.util.Set<String> latest(String schema) throws SQLException {
        java.util.Set<String> rows = new java.util.TreeSet<>();
        try (Connection c = TestPostgres.connect(); PreparedStatement s = c.prepareStatement("SELECT l.id,"
                + " l.last_pymnt_d, l.last_credit_pull_d FROM " + schema + ".loan_latest l JOIN " + schema
                + ".loaded_files f ON f.id = l.file_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return rows;
    }

    static Stream<Arguments> stepBoundaries() {
        List<Arguments> cases = new ArrayList<>();
        for (AfterLoad after : List.of(AfterLoad.ARCHIVE, AfterLoad.DELETE)) {
            for (String fault : List.of("read:1100", "copy:300", "copy:1500", "commit:1", "commit:3", "finish:1",
                    "finish:4")) {
                cases.add(Arguments.of(fault, after));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "halt at {0}, then rerun, --after {1}")
    @MethodSource("stepBoundaries")
    void keepsEveryRowInExactlyOnePlaceWhenTheLoadDiesAtAStepBoundary(String fault, AfterLoad after) throws Exception {
        Trial trial = new Trial(dir, after);

        int first = trial.run(fault).await(Duration.ofMinutes(2));
        int rerun = trial.run(null).await(Duration.ofMinutes(2));

        assertThat(first).as(trial.output()).isEqualTo(Faults.HALT_STATUS);
        assertThat(rerun).as(trial.output()).isZero();
        trial.assertExactlyOnce();
    }

    static Stream<Arguments> seeds() {
        return new SplittableRandom(20261126).longs(RANDOM_TRIALS, 1, Long.MAX_VALUE).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "SIGKILL with seed {0}, then rerun")
    @MethodSource("seeds")
    void keepsEveryRowInExactlyOnePlaceWhenTheLoadIsKilledAtARandomMoment(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Trial trial = new Trial(dir, random.nextBoolean() ? AfterLoad.ARCHIVE : AfterLoad.DELETE);

        LoanEtlProcess victim = trial.run(null);
        Thread.sleep(random.nextLong(300, 4000));
        victim.kill();
        int rerun = trial.run(null).await(Duration.ofMinutes(2));

        assertThat(rerun).as(trial.output()).isZero();
        trial.assertExactlyOnce();
    }

    @Test
    void finishesAnInterruptedDeleteWithoutTouchingANewFileDroppedUnderTheSameName() throws Exception {
        Trial trial = new Trial(dir, AfterLoad.DELETE);
        // one thread loads in name order: the halt comes just after gen-1.csv is deleted, before the ledger hears of it
        assertThat(trial.run("finish:1", AfterLoad.DELETE, 1).await(Duration.ofMinutes(2))).as(trial.output())
                .isEqualTo(Faults.HALT_STATUS);
        Path dropped = trial.input.resolve("gen-1.csv");
        assertThat(dropped).doesNotExist();
        byte[] replacement = generated(201, 700);
        Files.write(dropped, replacement);

        int rerun = trial.run(null, AfterLoad.KEEP, 1).await(Duration.ofMinutes(2));

        assertThat(rerun).as(trial.output()).isZero();
        assertThat(dropped).as(trial.output()).hasBinaryContent(replacement);
        long before = check.counts("gen-1.csv").loaded();
        long after = ExactlyOnceCheck.of(Map.of("gen-1.csv", replacement)).counts("gen-1.csv").loaded();
        assertThat(trial.ledger("gen-1.csv")).as(trial.output()).containsExactly(
                List.of(version(FILES.get("gen-1.csv")), "delete", before, before),
                List.of(version(replacement), "keep", after, after));
    }

    @Test
    void finishesAnInterruptedDeleteOfAFileNoLongerListedInARunWithTheFaultWrapper() throws Exception {
        Trial trial = new Trial(dir, AfterLoad.DELETE);
        // one thread loads in name order: the halt comes just after gen-1.csv is deleted, before the ledger hears of it
        assertThat(trial.run("finish:1", AfterLoad.DELETE, 1).await(Duration.ofMinutes(2))).as(trial.output())
                .isEqualTo(Faults.HALT_STATUS);
        assertThat(trial.input.resolve("gen-1.csv")).doesNotExist();

        // the wrapper is in place (finish:N) but never halts: the source it wraps must still say it owns gen-1.csv
        int rerun = trial.run("finish:1000", AfterLoad.DELETE, 1).await(Duration.ofMinutes(2));

        assertThat(rerun).as(trial.output()).isZero();
        long loaded = check.counts("gen-1.csv").loaded();
        assertThat(trial.ledger("gen-1.csv")).as(trial.output())
                .containsExactly(List.of(version(FILES.get("gen-1.csv")), "delete", loaded, loaded));
        assertThat(trial.output()).contains("loaded by an earlier run whose delete a crash interrupted");
        trial.assertExactlyOnce();
    }

    @Test
    void commitsNothingOfAFileThatGrowsWhileItIsReadAndLoadsItWholeOnTheNextRun() throws Exception {
        Trial trial = new Trial(dir, AfterLoad.DELETE);
        Path growing = trial.input.resolve("growing.csv");
        Appender appender = new Appender(growing);

        LoanEtlProcess first = trial.run(null, AfterLoad.DELETE, 2);
        int status = first.await(Duration.ofMinutes(2));
        byte[] written = appender.stop();

        assertThat(appender.appends()).as("appends while loading").isGreaterThan(10);
        assertThat(status).as(trial.output()).isEqualTo(1);
        assertThat(trial.output()).contains("growing.csv: changed while being read");
        assertThat(growing).as(trial.output()).hasBinaryContent(written);
        assertThat(trial.ledger("growing.csv")).as(trial.output()).isEmpty();

        int rerun = trial.run(null, AfterLoad.DELETE, 2).await(Duration.ofMinutes(2));

        assertThat(rerun).as(trial.output()).isZero();
        Map<String, byte[]> files = new LinkedHashMap<>(FILES);
        files.put("growing.csv", written);
        assertThat(trial.violations(ExactlyOnceCheck.of(files))).as("violations; output:%n%s", trial.output()).isEmpty();
    }

    /**
     * Writes a loans file, then appends rows to it every few milliseconds, as a copy still running does, until stopped
     * or the file is gone. The rows have no quotes, so a reader that meets a half-written line sees a short row.
     */
    private static final class Appender {

        private final Path file;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile boolean stopped;
        private volatile int appends;

        Appender(Path file) throws IOException {
            this.file = file;
            List<String> lines = Files.readAllLines(Fixtures.path("reference/sample-53col.csv"));
            String rows = lines.stream().skip(1).filter(l -> !l.isBlank() && !l.contains("\"")).map(l -> l + "\n")
                    .reduce("", String::concat);
            StringBuilder start = new StringBuilder(lines.get(0)).append('\n');
            for (int i = 0; i < 200; i++) {
                start.append(rows);
            }
            write(start.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW);
            byte[] more = rows.getBytes(StandardCharsets.UTF_8);
            this.thread = new Thread(() -> {
                try {
                    while (!stopped) {
                        write(more, StandardOpenOption.APPEND);
                        appends++;
                        Thread.sleep(5);
                    }
                } catch (IOException | InterruptedException e) {
                    // the file was moved or deleted: nothing more to append to
                }
            }, "appender");
            thread.start();
        }

        private void write(byte[] bytes, StandardOpenOption how) throws IOException {
            Files.write(file, bytes, StandardOpenOption.WRITE, how);
            written.write(bytes, 0, bytes.length);
        }

        int appends() {
            return appends;
        }

        /** Stops appending; everything written. */
        byte[] stop() throws InterruptedException {
            stopped = true;
            thread.join();
            return written.toByteArray();
        }
    }

    private static byte[] generated(long seed, int rows) throws IOException {
        StringWriter out = new StringWriter();
        new LoanFileGenerator(seed, 0.05).write(rows, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String version(byte[] content) throws IOException {
        return SourceVersions.contentHash(new ByteArrayInputStream(content));
    }

    @Test
    void theCheckCatchesAPlantedDuplicate() throws Exception {
        Trial trial = new Trial(dir, AfterLoad.DELETE);
        assertThat(trial.run(null).await(Duration.ofMinutes(2))).as(trial.output()).isZero();
        assertThat(trial.violations()).isEmpty();
        String schema = trial.schema;

        TestPostgres.execute("INSERT INTO " + schema + ".loaded_files (source, version, size, started_at) SELECT source,"
                        + " 'planted', size, now() FROM " + schema + ".loaded_files WHERE source LIKE '%/gen-1.csv'",
                "INSERT INTO " + schema + ".loans (file_id, line) SELECT (SELECT id FROM " + schema + ".loaded_files"
                        + " WHERE version = 'planted'), l.line FROM " + schema + ".loans l JOIN " + schema
                        + ".loaded_files f ON f.id = l.file_id WHERE f.source LIKE '%/gen-1.csv' LIMIT 1");

        assertThat(trial.violations()).anySatisfy(v -> assertThat(v).startsWith("gen-1.csv: 2 ledger entries"));
    }

    /** One trial: a fresh schema, a fresh copy of the input folder, and the runs' combined output. */
    private static final class Trial {

        final String schema = TestPostgres.newSchema();
        final AfterLoad after;
        final Path input;
        final Path archive;
        final Path output;

        Trial(Path dir, AfterLoad after) throws IOException {
            this.after = after;
            this.input = Files.createDirectories(dir.resolve("in"));
            this.archive = dir.resolve("archive");
            this.output = dir.resolve("output.txt");
            for (var file : FILES.entrySet()) {
                Files.write(input.resolve(file.getKey()), file.getValue());
            }
        }

        LoanEtlProcess run(String fault) throws IOException {
            return run(fault, after, 2);
        }

        LoanEtlProcess run(String fault, AfterLoad action, int threads) throws IOException {
            List<String> args = List.of("load", input.toString(), "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER,
                    "--schema", schema, "--after", action.label(), "--archive-dir", archive.toString(), "--threads",
                    Integer.toString(threads), "--current-table");
            return LoanEtlProcess.start(args, Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD), fault, output);
        }

        /** The ledger's entries for a file name, oldest first: version, cleanup, rows loaded, rows in {@code loans}. */
        List<List<Object>> ledger(String name) throws SQLException {
            List<List<Object>> entries = new ArrayList<>();
            try (Connection c = TestPostgres.connect(); PreparedStatement s = c.prepareStatement("SELECT f.version,"
                    + " coalesce(f.cleanup, 'pending'), f.loaded, (SELECT count(*) FROM " + schema + ".loans l"
                    + " WHERE l.file_id = f.id) FROM " + schema + ".loaded_files f WHERE f.source LIKE ? ORDER BY f.id")) {
                s.setString(1, "%/" + name);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            return entries;
        }

        String output() throws IOException {
            return Files.readString(output);
        }

        List<String> violations() throws Exception {
            return violations(check);
        }

        List<String> violations(ExactlyOnceCheck expected) throws Exception {
            return expected.violations(TestPostgres::connect, schema, after, input, archive);
        }

        void assertExactlyOnce() throws Exception {
            assertThat(violations()).as("violations after the rerun; output:%n%s", output()).isEmpty();
            assertThat(latest(schema)).as("loan_latest after the rerun, against a clean run's")
                    .isEqualTo(latest(REFERENCE));
            assertThat(output()).doesNotContain(TestPostgres.PASSWORD);
        }
    }
}
