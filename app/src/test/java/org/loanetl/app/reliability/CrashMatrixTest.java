package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.app.testing.PostgresServer;
import org.loanetl.app.wiring.Faults;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.testing.Fixtures;

/**
 * The crash matrix: loan-etl, a process of its own, loads a folder of files and dies, by SIGKILL at a seeded random
 * moment or by halting itself at a step boundary (while reading, during the COPY, after a commit and before its
 * cleanup, after an archive or delete and before the ledger records it); then it is rerun to the end. After every
 * trial each data row is in {@code loans} exactly once, or in {@code loan_rejects} exactly once, or counted as
 * filtered; the ledger's counts match; every source was cleaned up exactly once ({@link ExactlyOnceCheck}). The
 * password used in every run never appears in anything the runs print. Set {@code -Dloanetl.crash.trials=N} for more
 * random trials than CI runs (docs/reliability.md).
 */
class CrashMatrixTest {

    private static final PostgresServer DB = PostgresServer.get();
    private static final int RANDOM_TRIALS = Integer.getInteger("loanetl.crash.trials", 4);
    private static final Map<String, byte[]> FILES = new LinkedHashMap<>();
    private static ExactlyOnceCheck check;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeTheInputFiles() throws IOException {
        for (int i = 1; i <= 3; i++) {
            StringWriter out = new StringWriter();
            new LoanFileGenerator(100 + i, 0.05).write(1200, out);
            FILES.put("gen-" + i + ".csv", out.toString().getBytes(StandardCharsets.UTF_8));
        }
        FILES.put("sample.csv", Files.readAllBytes(Fixtures.path("reference/sample-53col.csv")));
        check = ExactlyOnceCheck.of(FILES);
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
    void theCheckCatchesAPlantedDuplicate() throws Exception {
        Trial trial = new Trial(dir, AfterLoad.DELETE);
        assertThat(trial.run(null).await(Duration.ofMinutes(2))).as(trial.output()).isZero();
        assertThat(trial.violations()).isEmpty();
        String schema = trial.schema;

        DB.execute("INSERT INTO " + schema + ".loaded_files (source, version, size, started_at) SELECT source,"
                        + " 'planted', size, now() FROM " + schema + ".loaded_files WHERE source LIKE '%/gen-1.csv'",
                "INSERT INTO " + schema + ".loans (file_id, line) SELECT (SELECT id FROM " + schema + ".loaded_files"
                        + " WHERE version = 'planted'), l.line FROM " + schema + ".loans l JOIN " + schema
                        + ".loaded_files f ON f.id = l.file_id WHERE f.source LIKE '%/gen-1.csv' LIMIT 1");

        assertThat(trial.violations()).anySatisfy(v -> assertThat(v).startsWith("gen-1.csv: 2 ledger entries"));
    }

    /** One trial: a fresh schema, a fresh copy of the input folder, and the runs' combined output. */
    private static final class Trial {

        final String schema = PostgresServer.newSchema();
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
            List<String> args = List.of("load", input.toString(), "--db", DB.jdbcUrl(), "--db-user", PostgresServer.USER,
                    "--schema", schema, "--after", after.label(), "--archive-dir", archive.toString(), "--threads", "2");
            return LoanEtlProcess.start(args, Map.of("LOANETL_DB_PASSWORD", PostgresServer.PASSWORD), fault, output);
        }

        String output() throws IOException {
            return Files.readString(output);
        }

        List<String> violations() throws Exception {
            return check.violations(DB::connect, schema, after, input, archive);
        }

        void assertExactlyOnce() throws Exception {
            assertThat(violations()).as("violations after the rerun; output:%n%s", output()).isEmpty();
            assertThat(output()).doesNotContain(PostgresServer.PASSWORD);
        }
    }
}
