package org.loanetl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Parity;
import org.loanetl.app.testing.SparkStandaloneCluster;
import org.loanetl.aws.s3.testing.S3Server;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;

/**
 * The real {@code spark-submit} of {@code app/target/loan-etl-spark.jar} on a real multi-JVM Spark standalone cluster
 * ({@link SparkStandaloneCluster}: a Master and two Workers of 1 core each, every one a JVM of its own, whose
 * executors are JVMs of their own again), in client deploy mode: a folder of fixtures and generated files is loaded
 * into the test's PostgreSQL by executors that are not the driver's JVM, and ends row for row as the in-process
 * engine leaves the same folder in another schema ({@code loans}, {@code loan_rejects}, the ledger, the report).
 * Run by failsafe after {@code package}.
 */
class SparkClusterIT {

    private static final Path JAR = Path.of("target", "loan-etl-spark.jar");

    @TempDir
    static Path dir;

    private static SparkStandaloneCluster cluster;
    private static Path input;
    private static String inProcess;
    private static String onCluster;
    private static Cli.Run inProcessRun;
    private static int clusterExit;
    private static String clusterOut;
    private static long driverPid;
    private static final Set<Long> executorPids = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void loadTheSameFolderInProcessAndOnTheCluster() throws Exception {
        TestPostgres.ensureStarted();
        cluster = SparkStandaloneCluster.start(dir.resolve("cluster"), 2);
        input = Files.createDirectories(dir.resolve("in"));
        for (String folder : List.of("layouts", "reference", "real")) {
            for (String fixture : Fixtures.csvFiles(folder)) {
                Files.copy(Fixtures.path(fixture), input.resolve(folder + "-" + Path.of(fixture).getFileName()));
            }
        }
        for (int i = 1; i <= 3; i++) {
            try (Writer out = Files.newBufferedWriter(input.resolve("generated-" + i + ".csv"), StandardCharsets.UTF_8)) {
                new LoanFileGenerator(40 + i, 0.05).write(3_000, out);
            }
        }
        inProcess = TestPostgres.newSchema();
        onCluster = TestPostgres.newSchema();

        inProcessRun = Cli.run(Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD), "load", input.toString(),
                "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER, "--schema", inProcess,
                "--when-no-credit-score", "skip-filter");

        Path log = Files.createDirectories(Path.of("target", "spark-cluster-it")).resolve("parity.log");
        Process submit = cluster.submit(JAR, log, Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD),
                List.of("--deploy-mode", "client"), "load", input.toString(), "--engine", "spark",
                "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER, "--schema", onCluster,
                "--when-no-credit-score", "skip-filter");
        driverPid = submit.pid();
        // the executors live only as long as the application: watch for them while it runs
        while (!submit.waitFor(100, TimeUnit.MILLISECONDS)) {
            cluster.executors().forEach(p -> executorPids.add(p.pid()));
        }
        clusterExit = submit.exitValue();
        clusterOut = Files.readString(log);
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bothEnginesEndTheSameWayAndReportTheSameFiles() {
        assertThat(clusterExit).as(clusterOut).isEqualTo(inProcessRun.exitCode());
        assertThat(table(clusterOut)).as(clusterOut).isEqualTo(table(inProcessRun.out())).hasSizeGreaterThan(15);
        assertThat(clusterOut).doesNotContain(TestPostgres.PASSWORD);
    }

    @Test
    void executorsRanInJvmsOfTheirOwnOnBothWorkers() throws IOException {
        assertThat(executorPids).as("executor JVMs seen during the run").hasSizeGreaterThanOrEqualTo(2)
                .doesNotContain(driverPid, ProcessHandle.current().pid());
        // each Worker launched an executor of the application in its work dir, and that executor ran tasks
        for (Path work : cluster.workDirs()) {
            List<Path> logs = cluster.executorLogs().stream().filter(p -> p.startsWith(work)).toList();
            assertThat(logs).as("executor logs under " + work).isNotEmpty();
            assertThat(logs).anySatisfy(log -> assertThat(Files.readString(log)).contains("Running task"));
        }
        // the driver (on 127.0.0.1) was granted an executor on each Worker's host, and sent each tasks
        assertThat(clusterOut).contains("Granted executor ID", "Registered executor");
        for (int i = 0; i < cluster.workDirs().size(); i++) {
            String host = SparkStandaloneCluster.workerHost(i).replace(".", "\\.");
            assertThat(clusterOut).containsPattern("Granted executor ID \\S+ on hostPort " + host + ":\\d+")
                    .containsPattern("Starting task .*\\(" + host + ", executor");
        }
    }

    /**
     * Cluster deploy mode: spark-submit hands the driver to the Master, which has a Worker launch it in a JVM of its
     * own ({@code DriverWrapper}, its output in that Worker's work dir); the driver takes the Worker's one core, so
     * the other Worker's executor loads every file. Same rows as in-process.
     */
    @Test
    void inClusterDeployModeTheDriverRunsOnAWorkerAndLoadsTheSameRows() throws Exception {
        String schema = TestPostgres.newSchema();
        Path log = Path.of("target", "spark-cluster-it", "cluster-mode.log");
        Process submit = cluster.submit(JAR, log, Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD),
                List.of("--deploy-mode", "cluster", "--conf", "spark.standalone.submit.waitAppCompletion=true",
                        "--conf", "spark.cores.max=1",
                        // a Worker starts the driver without the module flags Java 17 needs (spark-submit's launcher
                        // adds them to its own JVM only, and SparkContext to the executors'): they go in here
                        "--conf", "spark.driver.extraJavaOptions=" + System.getProperty("spark.test.argLine")),
                "load", input.toString(), "--engine", "spark", "--db", TestPostgres.jdbcUrl(), "--db-user",
                TestPostgres.USER, "--schema", schema, "--when-no-credit-score", "skip-filter");
        assertThat(submit.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String submitted = Files.readString(log);
        List<Path> drivers = new ArrayList<>();
        for (Path work : cluster.workDirs()) {
            try (Stream<Path> files = Files.walk(work, 2)) {
                files.filter(p -> p.getFileName().toString().equals("stdout")
                        && p.getParent().getFileName().toString().startsWith("driver-")).forEach(drivers::add);
            }
        }
        assertThat(drivers).as("driver output in the Workers' work dirs").hasSize(1);
        String report = Files.readString(drivers.get(0));
        String driverLog = Files.readString(drivers.get(0).resolveSibling("stderr"));
        Files.writeString(log.resolveSibling("cluster-mode-driver.log"), report + driverLog);
        // loan-etl's exit code does not come back: the Master only knows the driver FINISHED (exit code 0) or FAILED
        // (any other), and spark-submit itself exits 0 either way (the refused file makes it 3 here)
        assertThat(submit.exitValue()).as(submitted + report + driverLog).isZero();
        assertThat(inProcessRun.exitCode()).isEqualTo(3);
        assertThat(submitted).as(report + driverLog).containsPattern("State of driver driver-\\S+ is FAILED");
        assertThat(driverLog).contains("org.apache.spark.deploy.worker.DriverWrapper");
        assertThat(table(report)).as(report).isEqualTo(table(inProcessRun.out()));
        assertThat(report + driverLog).doesNotContain(TestPostgres.PASSWORD);
        for (String table : List.of("loaded_files", "loans", "loan_rejects")) {
            assertThat(rows(comparable(table, schema))).as(table).containsExactlyElementsOf(rows(comparable(table, inProcess)));
        }
    }

    /**
     * S3 on the cluster: the executors read the keys through S3A (S3Proxy on loopback) with the settings the driver
     * shipped in the task, and the rows equal the in-process engine's load of the same bytes from a folder.
     */
    @Test
    void loadsS3KeysThroughS3aOnTheExecutors() throws Exception {
        String schema = TestPostgres.newSchema();
        try (S3Server s3 = S3Server.start()) {
            s3.createBucket("cluster");
            for (String name : List.of("generated-1.csv", "real-kaggle-accepted-151col.csv", "reference-sample-53col.csv")) {
                s3.put("cluster", "in/" + name, Files.readAllBytes(input.resolve(name)));
            }
            Path log = Path.of("target", "spark-cluster-it", "s3a.log");
            Process submit = cluster.submit(JAR, log, Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD,
                    "LOANETL_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "LOANETL_S3_SECRET_ACCESS_KEY", S3Server.SECRET_KEY,
                    "LOANETL_S3_REGION", S3Server.REGION), List.of("--deploy-mode", "client"), "load", "s3://cluster/in",
                    "--engine", "spark", "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--db",
                    TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER, "--schema", schema);
            assertThat(submit.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String out = Files.readString(log);
            assertThat(submit.exitValue()).as(out).isZero();
            assertThat(out).doesNotContain(TestPostgres.PASSWORD, S3Server.SECRET_KEY);
        }
        // same rows as the in-process load of the same bytes, the source named by its key instead of its path
        String sameSource = "regexp_replace(f.source, '^.*/', '')";
        for (String sql : List.of(
                "SELECT (to_jsonb(l) - 'file_id' || jsonb_build_object('file', " + sameSource + "))::text FROM %s.loans l"
                        + " JOIN %s.loaded_files f ON f.id = l.file_id WHERE " + sameSource + " IN ('generated-1.csv',"
                        + " 'real-kaggle-accepted-151col.csv', 'reference-sample-53col.csv') ORDER BY 1",
                "SELECT (to_jsonb(r) - 'id' - 'file_id' - 'source' || jsonb_build_object('file', " + sameSource + "))::text FROM"
                        + " %s.loan_rejects r JOIN %s.loaded_files f ON f.id = r.file_id WHERE " + sameSource
                        + " IN ('generated-1.csv', 'real-kaggle-accepted-151col.csv', 'reference-sample-53col.csv')"
                        + " ORDER BY 1")) {
            List<String> expected = rows(sql.formatted(inProcess, inProcess));
            assertThat(expected).hasSizeGreaterThan(150);
            assertThat(rows(sql.formatted(schema, schema))).containsExactlyElementsOf(expected);
        }
        assertThat(rows("SELECT source FROM " + schema + ".loaded_files ORDER BY source")).containsExactly(
                "s3://cluster/in/generated-1.csv", "s3://cluster/in/real-kaggle-accepted-151col.csv",
                "s3://cluster/in/reference-sample-53col.csv");
    }

    /**
     * One file larger than the chunk size, on the cluster: a task per 1 MB chunk, run by executors in JVMs of their own
     * that read their byte ranges and check the file unchanged with what the driver shipped; the rows, with the file's
     * true lines, and the file's counts equal the in-process engine's load of the same file whole.
     */
    @Test
    void loadsOneBigFileInChunksAsTasksOnBothWorkers() throws Exception {
        Path bigInput = Files.createDirectories(dir.resolve("big"));
        try (Writer out = Files.newBufferedWriter(bigInput.resolve("big.csv"), StandardCharsets.UTF_8)) {
            new LoanFileGenerator(77, 0.05).write(4_200, out);
        }
        String whole = TestPostgres.newSchema();
        String chunked = TestPostgres.newSchema();
        Cli.Run wholeRun = Cli.run(Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD), "load", bigInput.toString(),
                "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER, "--schema", whole, "--chunk-size", "0");
        assertThat(wholeRun.exitCode()).as(wholeRun.all()).isZero();
        Path log = Path.of("target", "spark-cluster-it", "chunks.log");
        Process submit = cluster.submit(JAR, log, Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD),
                List.of("--deploy-mode", "client"), "load", bigInput.toString(), "--engine", "spark",
                "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER, "--schema", chunked,
                "--chunk-size", "1MB");
        assertThat(submit.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log);
        assertThat(submit.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("big\\.csv: loaded in [4-5] chunks").doesNotContain(TestPostgres.PASSWORD);
        for (int i = 0; i < cluster.workDirs().size(); i++) {
            String host = SparkStandaloneCluster.workerHost(i).replace(".", "\\.");
            assertThat(out).containsPattern("Starting task .*\\(" + host + ", executor");
        }
        for (String sql : List.of(
                "SELECT (to_jsonb(l) - 'file_id')::text FROM %s.loans l ORDER BY 1",
                "SELECT (to_jsonb(r) - 'id' - 'file_id' - 'source')::text FROM %s.loan_rejects r ORDER BY 1",
                "SELECT loaded, charged_off, purpose_other, low_credit_score, rejected, skipped_lines, data_rows,"
                        + " control_totals::text, cleanup FROM %s.loaded_files WHERE source NOT LIKE '%%#bytes=%%'")) {
            List<String> expected = rows(sql.formatted(whole));
            assertThat(expected).isNotEmpty();
            assertThat(rows(sql.formatted(chunked))).as(sql).containsExactlyElementsOf(expected);
        }
    }

    /** A table's rows as the parity tests below compare them. */
    private static String comparable(String table, String schema) {
        return switch (table) {
            case "loaded_files" -> Parity.ledger(schema);
            case "loans" -> Parity.loans(schema);
            default -> Parity.rejects(schema);
        };
    }

    @Test
    void ledgerHoldsTheSameLocationsVersionsAndCounts() throws SQLException {
        List<String> expected = rows(Parity.ledger(inProcess));

        assertThat(expected).hasSizeGreaterThanOrEqualTo(15);
        assertThat(rows(Parity.ledger(onCluster))).containsExactlyElementsOf(expected);
    }

    @Test
    void loansAreEqualRowForRowInEveryColumn() throws SQLException {
        List<String> expected = rows(Parity.loans(inProcess));

        assertThat(expected).hasSizeGreaterThan(4_000);
        assertThat(rows(Parity.loans(onCluster))).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectsAreEqualRowForRow() throws SQLException {
        List<String> expected = rows(Parity.rejects(inProcess));

        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(rows(Parity.rejects(onCluster))).containsExactlyElementsOf(expected);
    }

    /** The per-file table of the console report, without Spark's log lines and the line that names the schema. */
    private static List<String> table(String out) {
        return Stream.of(out.split("\\R")).filter(l -> !l.matches("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d .*"))
                .filter(l -> l.contains(".csv") || l.contains("total")).toList();
    }

    static List<String> rows(String sql) throws SQLException {
        return Parity.rows(sql);
    }
}
