package org.loanetl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.aws.s3.testing.S3Server;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.lineage.testing.LineageEndpoint;
import org.loanetl.metrics.testing.Pushgateway;
import org.loanetl.metrics.testing.Series;
import org.loanetl.postgres.testing.TestPostgres;

/**
 * {@code app/target/loan-etl-spark.jar} submitted through Spark's own entry point ({@code SparkSubmit}, what
 * {@code spark-submit} runs) in local mode, in a JVM of its own whose class path holds Spark, Hadoop and their
 * dependencies but none of loan-etl's own (no PostgreSQL driver, Jdbi, Flyway, picocli, YAML, logback, AWS SDK v2):
 * the job jar must bring those itself. Loads local files into the test's PostgreSQL (run by failsafe after
 * {@code package}).
 */
class SparkSubmitIT {

    private static final Path JAR = Path.of("target", "loan-etl-spark.jar");
    /** What the job jar bundles, or what a Spark cluster does not have: left off the child's class path. */
    private static final List<String> NOT_ON_A_CLUSTER = List.of("/org/loanetl/", "/target/", "/org/postgresql/",
            "/org/jdbi/", "/org/flywaydb/", "/info/picocli/", "/jackson-dataformat-yaml/", "/me/tongfei/", "/org/jline/",
            "/de/siegmar/", "/io/zonky/", "/io/leangen/", "/software/amazon/", "/ch/qos/logback/", "/org/gaul/",
            "/org/junit/", "/org/assertj/", "/com/tngtech/", "/org/opentest4j/", "/tools/jackson/", "/io/openlineage/",
            "/io/prometheus/", "/org/apache/httpcomponents/client5/", "/org/apache/httpcomponents/core5/",
            "/io/micrometer/", "/org/hdrhistogram/", "/com/networknt/");

    @TempDir
    Path dir;

    @Test
    void loadsAndArchivesLocalFilesUnderSparkSubmitInLocalMode() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));
        Files.copy(Fixtures.path("layouts/modern151.csv"), input.resolve("modern.csv"));
        String schema = TestPostgres.newSchema();

        String out = submit(Map.of(), "load", input.toString(), "--engine", "spark", "--db", TestPostgres.jdbcUrl(), "--db-user",
                TestPostgres.USER, "--schema", schema, "--after", "archive", "--report", dir.resolve("r.json").toString());

        assertThat(out).containsPattern("sample.csv +loaded +31 +10 +4 +3 +14 +last_fico_range_low +0 +0 +archived");
        assertThat(out).doesNotContain(TestPostgres.PASSWORD);
        assertThat(input.resolve("archive/sample.csv")).exists();
        assertThat(input.resolve("archive/modern.csv")).exists();
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".loaded_files WHERE cleanup = 'archive'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void loadsAndDeletesS3KeysThroughS3aUnderSparkSubmit() throws Exception {
        String schema = TestPostgres.newSchema();
        try (S3Server s3 = S3Server.start()) {
            s3.createBucket("submit");
            s3.put("submit", "in/2011/sample.csv", Fixtures.bytes("reference/sample-53col.csv"));
            s3.put("submit", "in/modern.csv", Fixtures.bytes("layouts/modern151.csv"));

            String out = submit(Map.of("LOANETL_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "LOANETL_S3_SECRET_ACCESS_KEY",
                    S3Server.SECRET_KEY, "LOANETL_S3_REGION", S3Server.REGION), "load", "s3://submit/in", "--engine", "spark",
                    "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--db", TestPostgres.jdbcUrl(), "--db-user",
                    TestPostgres.USER, "--schema", schema, "--after", "delete");

            assertThat(out).containsPattern("sample.csv +loaded +31 +10 +4 +3 +14 +last_fico_range_low +0 +0 +deleted");
            assertThat(out).doesNotContain(TestPostgres.PASSWORD, S3Server.SECRET_KEY);
            // Hadoop's S3A leaves an empty folder marker ("in/2011/") where it deleted a folder's last object
            assertThat(s3.keys("submit")).allMatch(key -> key.endsWith("/"));
            try (Connection c = TestPostgres.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT string_agg(source, ',' ORDER BY source) FROM " + schema
                         + ".loaded_files WHERE cleanup = 'delete'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("s3://submit/in/2011/sample.csv,s3://submit/in/modern.csv");
            }
        }
    }

    @Test
    void sendsLineageEventsAndPushesMetricsFromTheJobJar() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));
        String schema = TestPostgres.newSchema();
        try (LineageEndpoint lineage = new LineageEndpoint(LineageEndpoint.docs());
             Pushgateway gateway = Pushgateway.start()) {
            submit(Map.of("OPENLINEAGE_URL", lineage.url().toString(), "LOANETL_METRICS_GROUPING_KEY", "instance=" + schema),
                    "load", input.toString(), "--engine", "spark", "--db", TestPostgres.jdbcUrl(), "--db-user",
                    TestPostgres.USER, "--schema", schema, "--pushgateway", gateway.url().toString());

            assertThat(lineage.received()).extracting(e -> e.event().path("eventType").asText())
                    .containsExactly("START", "COMPLETE");
            assertThat(lineage.received()).allSatisfy(e -> {
                assertThat(e.problems()).isEmpty();
                assertThat(e.event().at("/run/facets/parent/job/namespace").asText()).isEqualTo("spark");
            });
            assertThat(lineage.received().get(1).event().at("/run/facets/loanetl_counts/loaded").asLong()).isEqualTo(10);
            assertThat(Series.value(gateway.scrape(), "loanetl_rows_loaded_total", "instance=\"" + schema + "\""))
                    .hasValue(10);
        }
    }

    /**
     * Runs {@code spark-submit --master local[2] --class org.loanetl.app.Main loan-etl-spark.jar args...} in a JVM of
     * its own, with the database password (and {@code env}) in its environment; returns what it printed once it has
     * exited 0.
     */
    private static String submit(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("spark.test.argLine", "").split("\\s+")));
        command.addAll(List.of("-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--class", "org.loanetl.app.Main",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command.stream().filter(a -> !a.isBlank()).toList())
                .redirectErrorStream(true);
        builder.environment().put("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("LOANETL_NO_PROGRESS", "1");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static String sparkClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> NOT_ON_A_CLUSTER.stream().noneMatch(entry.replace('\\', '/')::contains))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }
}
