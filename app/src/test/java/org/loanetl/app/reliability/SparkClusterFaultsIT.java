package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.SparkStandaloneCluster;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;

/**
 * Faults of a real multi-JVM Spark cluster ({@link SparkStandaloneCluster}: a Master and two 1-core Workers, each a
 * JVM, executors JVMs of their own) under the real {@code spark-submit} of {@code loan-etl-spark.jar}: an executor
 * JVM killed ({@code SIGKILL}) while its task is inside its load transaction, and speculative execution made as
 * eager as Spark allows. Either way every file has one ledger entry and every row and reject is in the database
 * exactly once ({@link ExactlyOnceCheck}). Run by failsafe after {@code package}.
 */
class SparkClusterFaultsIT {

    private static final Path JAR = Path.of("target", "loan-etl-spark.jar");

    @TempDir
    static Path dir;

    private static SparkStandaloneCluster cluster;

    @BeforeAll
    static void startTheCluster() throws Exception {
        TestPostgres.ensureStarted();
        cluster = SparkStandaloneCluster.start(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anExecutorKilledInTheMiddleOfALoadHasItsTaskRetriedAndEveryRowLoadsExactlyOnce() throws Exception {
        Path input = Files.createDirectories(dir.resolve("kill"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("big-1.csv", generated(input, "big-1.csv", 11, 120_000));
        files.put("big-2.csv", generated(input, "big-2.csv", 12, 120_000));
        files.put("sample.csv", copy(input, "reference/sample-53col.csv", "sample.csv"));
        String schema = TestPostgres.newSchema();
        Path log = logs().resolve("kill.log");

        Process submit = submit(input, schema, log, List.of(), "--chunk-size", "0");
        // both big files are inside their load transactions (each has written), one task per executor: kill one.
        // Each file is big enough (120,000 rows, several seconds on one executor core, longer on a loaded CI machine)
        // that its task is still running when the kill lands, so the kill always costs a running task
        awaitWritingLoads(submit, 2);
        List<ProcessHandle> executors = cluster.executors();
        // the process table can lag the executors' start by a moment: look again for a few seconds before judging
        for (int look = 0; executors.size() < 2 && look < 100; look++) {
            Thread.sleep(100);
            executors = cluster.executors();
        }
        assertThat(executors).hasSize(2);
        ProcessHandle victim = executors.get(0);
        victim.destroyForcibly();
        victim.onExit().get(30, TimeUnit.SECONDS);
        assertThat(submit.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log);

        // the kill cost a running task (not one that had finished), and Spark ran it again
        assertThat(out).contains("ExecutorLostFailure");
        assertThat(submit.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("big-1.csv +loaded").containsPattern("big-2.csv +loaded");
        assertThat(ExactlyOnceCheck.of(files).violations(TestPostgres::connect, schema, AfterLoad.KEEP, input,
                dir.resolve("no-archive"))).isEmpty();
    }

    /**
     * With speculation, a copy of the big file's task starts on the other Worker while the first attempt is inside
     * its load transaction. The copy, a later attempt, finds the file claimed and waits for the claim instead of
     * reporting the file skipped (which would make Spark take its result and kill the attempt that was loading): the
     * first attempt commits, the copy then finds the file loaded, and the very first run has every row exactly once.
     */
    @Test
    void withSpeculativeExecutionEveryRowLoadsExactlyOnceInTheFirstRun() throws Exception {
        Path input = Files.createDirectories(dir.resolve("speculation"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        // big enough (160,000 rows, about 150 MB, loaded whole) that its task runs well past 1.1 times the small
        // files' task however slow the machine: both pay the executor's cold start, only the big one pays its rows
        files.put("big.csv", generated(input, "big.csv", 21, 160_000));
        for (String fixture : Fixtures.csvFiles("layouts")) {
            String name = "layout-" + Path.of(fixture).getFileName();
            files.put(name, copy(input, fixture, name));
        }
        files.put("sample.csv", copy(input, "reference/sample-53col.csv", "sample.csv"));
        String schema = TestPostgres.newSchema();
        ExactlyOnceCheck check = ExactlyOnceCheck.of(files);
        List<String> speculation = List.of("--conf", "spark.speculation=true",
                "--conf", "spark.speculation.interval=50ms", "--conf", "spark.speculation.multiplier=1.1",
                "--conf", "spark.speculation.quantile=0.1", "--conf", "spark.speculation.minTaskRuntime=50ms",
                // resource offers (which launch speculative copies) ten times a second rather than once
                "--conf", "spark.scheduler.revive.interval=100ms");

        String first = run(input, schema, logs().resolve("speculation.log"), speculation, "--chunk-size", "0");

        // Spark did start a second attempt of the big file's task (on the other Worker's host) while the first ran
        assertThat(first).contains("as speculatable").containsPattern("Starting task \\d+\\.1 in stage");
        assertThat(check.violations(TestPostgres::connect, schema, AfterLoad.KEEP, input, dir.resolve("no-archive")))
                .as(first).isEmpty();
        assertThat(first).containsPattern("big.csv +loaded");
    }

    /** Runs a load on the cluster to its end; what spark-submit printed, once it exited 0. */
    private static String run(Path input, String schema, Path log, List<String> sparkArgs, String... loadArgs)
            throws Exception {
        Process submit = submit(input, schema, log, sparkArgs, loadArgs);
        assertThat(submit.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log);
        assertThat(submit.exitValue()).as(out).isZero();
        return out;
    }

    private static Process submit(Path input, String schema, Path log, List<String> sparkArgs, String... loadArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--deploy-mode", "client"));
        args.addAll(sparkArgs);
        List<String> load = new ArrayList<>(List.of("load", input.toString(), "--engine", "spark", "--db",
                TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER, "--schema", schema));
        load.addAll(List.of(loadArgs));
        return cluster.submit(JAR, log, Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD), args,
                load.toArray(String[]::new));
    }

    /**
     * Waits until {@code n} of the loader's file loads have written (have a transaction id, and their last statement
     * is a file's claim or its COPY: the driver's migrations write too, and must not count).
     */
    private static void awaitWritingLoads(Process submit, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertThat(submit.isAlive()).as("spark-submit ended before the loads began writing").isTrue();
            try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '"
                         + TestPostgres.USER + "' AND backend_xid IS NOT NULL"
                         + " AND (query LIKE 'COPY %' OR query LIKE 'INSERT INTO %loaded_files%')")) {
                rs.next();
                if (rs.getInt(1) >= n) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the loads did not begin writing");
    }

    /** spark-submit's output (driver log and report) stays in target/ for a look after the run. */
    private static Path logs() throws IOException {
        return Files.createDirectories(Path.of("target", "spark-cluster-it"));
    }

    private static byte[] generated(Path input, String name, long seed, int rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(input.resolve(name), StandardCharsets.UTF_8)) {
            new LoanFileGenerator(seed, 0.05).write(rows, out);
        }
        return Files.readAllBytes(input.resolve(name));
    }

    private static byte[] copy(Path input, String fixture, String name) throws IOException {
        Files.copy(Fixtures.path(fixture), input.resolve(name));
        return Files.readAllBytes(input.resolve(name));
    }
}
