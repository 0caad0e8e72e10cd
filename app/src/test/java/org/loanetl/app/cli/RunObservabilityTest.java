package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.lineage.testing.LineageEndpoint;
import org.loanetl.metrics.testing.Pushgateway;
import org.loanetl.metrics.testing.Series;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * {@code loan-etl load} with lineage and metrics on: its OpenLineage events reach a schema-checking endpoint, its
 * series a real Pushgateway, and neither can fail the load.
 */
@ExtendWith(TestPostgresExtension.class)
class RunObservabilityTest {

    private static final String API_KEY = "ol-key-7f3a-never-shown";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Pushgateway gateway;

    @TempDir
    Path dir;

    private final LineageEndpoint lineage = new LineageEndpoint(LineageEndpoint.docs());
    private String schema;
    private Path input;

    @BeforeAll
    static void startGateway() {
        gateway = Pushgateway.start();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void freshSchema() throws IOException {
        schema = TestPostgres.newSchema();
        input = Files.createDirectories(dir.resolve("in"));
    }

    @AfterEach
    void stopEndpoint() {
        lineage.close();
    }

    @Test
    void aLoadSendsEveryEventAndSeries() throws Exception {
        Path sample = Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));
        Map<String, String> env = Map.of("OPENLINEAGE_URL", lineage.url().toString(), "OPENLINEAGE_API_KEY", API_KEY,
                "OPENLINEAGE_NAMESPACE", "team-loans", "LOANETL_METRICS_GROUPING_KEY", "instance=" + schema,
                "LOANETL_LINEAGE_PARENT_NAMESPACE", "airflow", "LOANETL_LINEAGE_PARENT_JOB", "loans_dag.load",
                "LOANETL_LINEAGE_PARENT_RUN_ID", "9c1f3f5e-8a4b-4f0e-9a57-6a2f3c1d2e4b");

        Run run = load(env, "--pushgateway", gateway.url().toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(API_KEY);
        List<LineageEndpoint.Received> events = lineage.received();
        assertThat(events).extracting(e -> e.event().path("eventType").asText()).containsExactly("START", "COMPLETE");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.problems()).isEmpty();
            assertThat(e.authorization()).isEqualTo("Bearer " + API_KEY);
            assertThat(e.event().path("job").path("namespace").asText()).isEqualTo("team-loans");
            assertThat(e.event().path("job").path("name").asText()).isEqualTo("load");
            assertThat(e.event().path("run").path("facets").path("parent").path("job").path("name").asText())
                    .isEqualTo("loans_dag.load");
            assertThat(e.event().path("outputs")).extracting(o -> o.path("namespace").asText() + " " + o.path("name").asText())
                    .containsExactly("postgres://127.0.0.1:" + TestPostgres.port() + "/postgres " + schema + ".loans",
                            "postgres://127.0.0.1:" + TestPostgres.port() + "/postgres " + schema + ".loan_rejects");
        });
        JsonNode end = events.get(1).event();
        assertThat(end.path("run").path("runId").asText()).isEqualTo(events.get(0).event().path("run").path("runId").asText());
        assertThat(end.path("inputs")).singleElement().satisfies(in -> {
            assertThat(in.path("namespace").asText()).isEqualTo("file");
            assertThat(in.path("name").asText()).isEqualTo(sample.toAbsolutePath().toString());
            assertThat(in.path("facets").path("version").path("datasetVersion").asText()).isNotBlank();
        });
        assertThat(end.at("/outputs/0/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(10);
        assertThat(end.at("/outputs/1/outputFacets/outputStatistics/rowCount").asLong()).isZero();
        JsonNode counts = end.at("/run/facets/loanetl_counts");
        assertThat(counts.path("loaded").asLong()).isEqualTo(10);
        assertThat(counts.at("/filtered/charged_off").asLong()).isEqualTo(4);
        assertThat(counts.at("/filtered/purpose_other").asLong()).isEqualTo(3);
        assertThat(counts.at("/filtered/low_credit_score").asLong()).isEqualTo(14);
        assertThat(counts.at("/files/loaded").asLong()).isEqualTo(1);

        String page = gateway.scrape();
        String group = "instance=\"" + schema + "\"";
        assertThat(series(page, "loanetl_rows_loaded_total", group)).isEqualTo(10);
        assertThat(series(page, "loanetl_rows_filtered_total", group, "reason=\"charged_off\"")).isEqualTo(4);
        assertThat(series(page, "loanetl_rows_filtered_total", group, "reason=\"purpose_other\"")).isEqualTo(3);
        assertThat(series(page, "loanetl_rows_filtered_total", group, "reason=\"low_credit_score\"")).isEqualTo(14);
        assertThat(series(page, "loanetl_rows_rejected_total", group)).isZero();
        assertThat(series(page, "loanetl_files_total", group, "status=\"loaded\"")).isEqualTo(1);
        assertThat(series(page, "loanetl_bytes_read_total", group)).isEqualTo(Files.size(sample));
        assertThat(series(page, "loanetl_run_duration_seconds", group)).isPositive();
        assertThat(series(page, "loanetl_retries", group)).isZero();
        assertThat(series(page, "loanetl_last_run_outcome", group, "outcome=\"complete\"")).isEqualTo(1);
        assertThat(series(page, "loanetl_last_success_timestamp_seconds", group, "job=\"loan-etl\"")).isPositive();
    }

    @Test
    void aRunWhoseDatabaseCannotBeReachedStillSaysItFailed() throws Exception {
        Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        // the last run succeeded; this one cannot open its database: the failure must reach both
        String group = "instance=\"" + schema + "\"";
        Run ok = load(Map.of("LOANETL_METRICS_GROUPING_KEY", "instance=" + schema), "--pushgateway",
                gateway.url().toString());
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        double lastSuccess = series(gateway.scrape(), "loanetl_last_success_timestamp_seconds", group);

        Run run = Cli.run(Map.of("OPENLINEAGE_URL", lineage.url().toString(), "LOANETL_METRICS_GROUPING_KEY",
                        "instance=" + schema), "load", input.toString(), "--db", "jdbc:postgresql://127.0.0.1:" + closed
                        + "/postgres", "--schema", schema, "--wait-for-database", "0", "--pushgateway",
                gateway.url().toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.FAILURE);
        List<LineageEndpoint.Received> events = lineage.received();
        assertThat(events).extracting(e -> e.event().path("eventType").asText()).containsExactly("START", "FAIL");
        assertThat(events).allSatisfy(e -> assertThat(e.problems()).isEmpty());
        assertThat(events.get(1).event().at("/run/facets/errorMessage/message").asText())
                .contains("cannot connect to PostgreSQL", "server unreachable");
        String page = gateway.scrape();
        assertThat(series(page, "loanetl_last_run_outcome", group, "outcome=\"fail\"")).isEqualTo(1);
        assertThat(series(page, "loanetl_last_success_timestamp_seconds", group)).isEqualTo(lastSuccess);
    }

    @Test
    void aLoadWhoseLineageEndpointAndPushgatewayAreDownStillLoads() throws Exception {
        Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;

        Run run = load(Map.of("OPENLINEAGE_API_KEY", API_KEY), "--lineage-url", nowhere, "--pushgateway", nowhere);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(API_KEY);
    }

    @Test
    void underSparkTheRunsParentIsTheSparkApplication() throws Exception {
        Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));

        Run run = load(Map.of("OPENLINEAGE_URL", lineage.url().toString()), "--engine", "spark", "--spark-master",
                "local[2]", "--conf", "spark.app.name=nightly-loans");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(lineage.received()).extracting(e -> e.event().path("eventType").asText())
                .containsExactly("START", "COMPLETE");
        assertThat(lineage.received()).allSatisfy(e -> {
            assertThat(e.problems()).isEmpty();
            JsonNode parent = e.event().at("/run/facets/parent");
            assertThat(parent.at("/job/namespace").asText()).isEqualTo("spark");
            assertThat(parent.at("/job/name").asText()).isEqualTo("nightly-loans");
            assertThat(parent.at("/run/runId").asText()).isNotBlank();
        });
        assertThat(lineage.received().get(1).event().at("/run/facets/loanetl_counts/loaded").asLong()).isEqualTo(10);
    }

    @Test
    void aRunStoppedBySigtermEndsAsAbortWithTheFilesFinishedSoFar() throws Exception {
        for (int i = 1; i <= 8; i++) {
            Run generated = Cli.run("generate", "--rows", "40000", "--seed", String.valueOf(i), "--out",
                    input.resolve("part-" + i + ".csv").toString());
            assertThat(generated.exitCode()).as(generated.all()).isZero();
        }
        Path events = dir.resolve("lineage.jsonl");
        LoanEtlProcess process = LoanEtlProcess.start(List.of("load", input.toString(), "--db",
                TestPostgres.superuserUrl(), "--schema", schema, "--threads", "1", "--files-per-commit", "1",
                "--lineage", "file", "--lineage-file", events.toString()), Map.of("LOANETL_NO_PROGRESS", "1"), null,
                dir.resolve("out.txt"));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (committedFiles() == 0 && process.alive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(process.alive()).as("still loading when stopped: " + process.output()).isTrue();

        process.stop();

        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSize(2);
        JsonNode start = JSON.readTree(lines.get(0));
        JsonNode abort = JSON.readTree(lines.get(1));
        assertThat(start.path("eventType").asText()).isEqualTo("START");
        assertThat(abort.path("eventType").asText()).isEqualTo("ABORT");
        assertThat(lineage.check(abort, null).problems()).isEmpty();
        assertThat(abort.path("run").path("runId")).isEqualTo(start.path("run").path("runId"));
        assertThat(abort.at("/run/facets/errorMessage/message").asText()).contains("SIGTERM");
        assertThat(abort.path("inputs").size()).isBetween(1, 7);
        assertThat(abort.at("/run/facets/loanetl_counts/files/loaded").asLong()).isEqualTo(abort.path("inputs").size());
    }

    private long committedFiles() {
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".loaded_files")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException notYetCreated) {
            return 0;
        }
    }

    @Test
    void aDryRunSendsNothing() throws Exception {
        Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));

        Run run = load(Map.of("OPENLINEAGE_URL", lineage.url().toString()), "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(lineage.received()).isEmpty();
    }

    private Run load(Map<String, String> env, String... more) {
        List<String> args = new ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(),
                "--schema", schema));
        args.addAll(List.of(more));
        return Cli.run(env, args.toArray(String[]::new));
    }

    private static double series(String page, String name, String... labels) {
        OptionalDouble value = Series.value(page, name, labels);
        assertThat(value).as(name + " " + String.join(",", labels) + " in\n" + page).isPresent();
        return value.getAsDouble();
    }
}
