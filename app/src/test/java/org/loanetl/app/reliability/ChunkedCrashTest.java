package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.app.wiring.Faults;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * A file loaded in 1 MB chunks, its load killed in the middle (a halt just after a chunk's commit, during a chunk's
 * COPY, or SIGKILL at a seeded random moment), then rerun, with the same chunk size, another, or none: every row in
 * {@code loans} or {@code loan_rejects} exactly once with its true line, the file's ledger counts those of a clean load,
 * no chunk committed twice, the source archived once; and the rerun reads only the chunks the first run did not
 * commit. Two runners started on it at once load each chunk once between them.
 */
@ExtendWith(TestPostgresExtension.class)
class ChunkedCrashTest {

    private static byte[] big;
    private static ExactlyOnceCheck check;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeTheFile() throws IOException {
        StringWriter out = new StringWriter();
        new LoanFileGenerator(23, 0.04).write(6000, out);
        big = out.toString().getBytes(StandardCharsets.UTF_8);
        check = ExactlyOnceCheck.of(Map.of("big.csv", big));
        TestPostgres.ensureStarted();
    }

    static Stream<Arguments> halts() {
        return Stream.of(Arguments.of("commit:2", "1MB"), Arguments.of("commit:3", "2MB"), Arguments.of("commit:1", "0"),
                Arguments.of("copy:2500", "1MB"), Arguments.of("copy:2900", "3MB"));
    }

    @ParameterizedTest(name = "halt at {0} in 1MB chunks, rerun with --chunk-size {1}")
    @MethodSource("halts")
    void resumesWithTheChunksNotYetCommitted(String fault, String rerunChunkSize) throws Exception {
        Trial trial = new Trial(dir);

        assertThat(trial.run(fault, "1MB", 1).await(Duration.ofMinutes(2))).as(trial.output())
                .isEqualTo(Faults.HALT_STATUS);
        long committedBefore = trial.committedChunks();
        assertThat(trial.input.resolve("big.csv")).as("the file is archived only once it is loaded whole").exists();
        int rerun = trial.run(null, rerunChunkSize, 2).await(Duration.ofMinutes(2));

        assertThat(rerun).as(trial.output()).isZero();
        trial.assertExactlyOnce();
        JsonNode file = trial.report().get("files").get(0);
        long loadedNow = file.get("loaded").asLong();
        long loadedInAll = check.counts("big.csv").loaded();
        if (committedBefore > 0) {
            assertThat(loadedNow).as("the rerun loads only the chunks not yet committed").isLessThan(loadedInAll);
        }
        assertThat(file.get("chunks").asInt()).isGreaterThanOrEqualTo(2);
    }

    static Stream<Long> seeds() {
        return new SplittableRandom(20261202).longs(3, 1, Long.MAX_VALUE).boxed();
    }

    @ParameterizedTest(name = "SIGKILL with seed {0}, then rerun")
    @MethodSource("seeds")
    void keepsEveryRowOnceWhenKilledAtARandomMoment(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Trial trial = new Trial(dir);

        LoanEtlProcess victim = trial.run(null, "1MB", 2);
        Thread.sleep(random.nextLong(1500, 6000));
        victim.kill();
        int rerun = trial.run(null, random.nextBoolean() ? "1MB" : "2MB", 2).await(Duration.ofMinutes(2));

        assertThat(rerun).as(trial.output()).isZero();
        trial.assertExactlyOnce();
    }

    @Test
    void twoRunnersAtOnceLoadEachChunkOnce() throws Exception {
        Trial trial = new Trial(dir);

        LoanEtlProcess one = trial.run(null, "1MB", 2);
        LoanEtlProcess two = trial.run(null, "1MB", 2);
        int first = one.await(Duration.ofMinutes(2));
        int second = two.await(Duration.ofMinutes(2));
        // a runner that finds a chunk held by the other leaves the file to it (exit 0); a third run finishes anything
        int third = trial.run(null, "1MB", 2).await(Duration.ofMinutes(2));

        assertThat(List.of(first, second, third)).as(trial.output()).containsOnly(0);
        trial.assertExactlyOnce();
    }

    @Test
    void commitsNoChunkOfAFileThatGrowsWhileItIsCutOrLoaded() throws Exception {
        Trial trial = new Trial(dir);
        Path growing = trial.input.resolve("big.csv");
        // whole records only (a generated file after its first line), so the file stays valid CSV as it grows
        StringWriter generated = new StringWriter();
        new LoanFileGenerator(29, 0.04).write(200, generated);
        String rows = generated.toString();
        byte[] more = rows.substring(rows.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread appender = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.write(growing, more, java.nio.file.StandardOpenOption.APPEND);
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                // moved or deleted: nothing more to append to
            }
        });
        appender.start();
        int first;
        try {
            first = trial.run(null, "1MB", 2).await(Duration.ofMinutes(2));
        } finally {
            stop.set(true);
            appender.join();
        }

        assertThat(first).as(trial.output()).isEqualTo(1);
        assertThat(trial.output()).contains("big.csv: changed while being read");
        assertThat(trial.committedChunks()).as("no chunk of a file that changed").isZero();
        byte[] written = Files.readAllBytes(growing);
        int rerun = trial.run(null, "1MB", 2).await(Duration.ofMinutes(2));

        assertThat(rerun).as(trial.output()).isZero();
        assertThat(ExactlyOnceCheck.of(Map.of("big.csv", written)).violations(TestPostgres::connect, trial.schema,
                AfterLoad.ARCHIVE, trial.input, trial.archive)).as(trial.output()).isEmpty();
    }

    /** A fresh schema and input folder holding the big file; the runs' output. */
    private static final class Trial {

        final String schema = TestPostgres.newSchema();
        final Path input;
        final Path archive;
        final Path output;
        final Path report;

        Trial(Path dir) throws IOException {
            this.input = Files.createDirectories(dir.resolve("in"));
            this.archive = dir.resolve("archive");
            this.output = dir.resolve("output.txt");
            this.report = dir.resolve("report.json");
            Files.write(input.resolve("big.csv"), big);
        }

        LoanEtlProcess run(String fault, String chunkSize, int threads) throws IOException {
            List<String> args = new ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.jdbcUrl(),
                    "--db-user", TestPostgres.USER, "--schema", schema, "--after", "archive", "--archive-dir",
                    archive.toString(), "--threads", Integer.toString(threads), "--chunk-size", chunkSize,
                    "--report", report.toString()));
            return LoanEtlProcess.start(args, Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD), fault, output);
        }

        long committedChunks() throws Exception {
            try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".loaded_files WHERE source LIKE"
                         + " '%#bytes=%'")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        JsonNode report() throws IOException {
            return new ObjectMapper().readTree(report.toFile());
        }

        String output() throws IOException {
            return Files.readString(output);
        }

        void assertExactlyOnce() throws Exception {
            assertThat(check.violations(TestPostgres::connect, schema, AfterLoad.ARCHIVE, input, archive))
                    .as("violations; output:%n%s", output()).isEmpty();
            assertThat(output()).doesNotContain(TestPostgres.PASSWORD);
        }
    }
}
