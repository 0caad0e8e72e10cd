package org.loanetl.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.run.RunEnd;
import org.loanetl.domain.run.RunInfo;
import org.loanetl.lineage.testing.LineageEndpoint;
import org.slf4j.LoggerFactory;

/**
 * Why not the official OpenLineage.json: no artifact on Maven Central ships the spec's JSON (checked: openlineage-java
 * 1.55.0, openlineage-spark_2.12 and openlineage-flink 1.53.0), so events are checked against run-event.schema.json,
 * written here from the spec's rules, and against the official one when -Dopenlineage.spec names a checkout of it.
 */
class OpenLineageObserverTest {

    private static final String KEY = "k3y-never-printed-5c1f";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LineageEndpoint endpoint = new LineageEndpoint(LineageEndpoint.docs());
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        endpoint.close();
    }

    private static final SourceFile S3_FILE = new SourceFile("s3://loans-bucket/in/2011Q4.csv", "etag-1", 2048);
    private static final SourceFile LOCAL_FILE = new SourceFile("file:/data/in/2012Q1.csv.gz", "sha256:ab12", 1024);

    private static RunInfo run(RunInfo.ParentRun parent) {
        return new RunInfo(UUID.randomUUID(), Instant.parse("2026-12-01T10:00:00Z"), "local",
                List.of("s3://loans-bucket/in", "/data/in"), "postgres://db.example:5432/loans", "loanetl", parent);
    }

    /** A file loaded and kept where it was. */
    private static FileResult loaded(SourceFile file, LoadCounts counts) {
        return new FileResult(file, FileStatus.LOADED, null, counts, List.of(), "kept", "fico_range_low");
    }

    private static LoadReport report() {
        return new LoadReport(List.of(
                loaded(S3_FILE, new LoadCounts(90, 4, 3, 2, 1, 5)),
                loaded(LOCAL_FILE, new LoadCounts(10, 0, 0, 0, 2, 1)),
                FileResult.skipped(new SourceFile("file:/data/in/old.csv", "v", 5), "loaded already")), List.of());
    }

    @Test
    void sendsStartThenCompleteForOneRunWithFilesTablesAndCounts() {
        RunInfo run = run(new RunInfo.ParentRun("spark", "loan-etl", "application_1700000000_0001"));
        try (OpenLineageObserver observer = new OpenLineageObserver(LineageSettings.http(endpoint.url(), KEY))) {
            observer.started(run);
            observer.ended(run, RunEnd.of(report(), Instant.parse("2026-12-01T10:05:00Z"), 3));
        }

        List<LineageEndpoint.Received> received = endpoint.received();
        assertThat(received).hasSize(2);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
        });
        JsonNode start = received.get(0).event();
        JsonNode end = received.get(1).event();
        assertThat(start.path("eventType").asText()).isEqualTo("START");
        assertThat(end.path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(start.path("run").path("runId").asText()).isEqualTo(run.runId().toString())
                .isEqualTo(end.path("run").path("runId").asText());
        assertThat(end.path("job").path("namespace").asText()).isEqualTo("loan-etl");
        assertThat(end.path("job").path("name").asText()).isEqualTo("load");
        assertThat(start.path("eventTime").asText()).startsWith("2026-12-01T10:00");

        JsonNode parent = end.path("run").path("facets").path("parent");
        assertThat(parent.path("job").path("namespace").asText()).isEqualTo("spark");
        assertThat(parent.path("job").path("name").asText()).isEqualTo("loan-etl");
        assertThat(parent.path("run").path("runId").asText())
                .isEqualTo(LineageEvents.runUuid("application_1700000000_0001").toString());

        assertThat(start.path("inputs")).isEmpty();
        JsonNode inputs = end.path("inputs");
        assertThat(inputs).hasSize(2);
        assertThat(inputs.get(0).path("namespace").asText()).isEqualTo("s3://loans-bucket");
        assertThat(inputs.get(0).path("name").asText()).isEqualTo("in/2011Q4.csv");
        assertThat(inputs.get(0).path("facets").path("version").path("datasetVersion").asText()).isEqualTo("etag-1");
        assertThat(inputs.get(1).path("namespace").asText()).isEqualTo("file");
        assertThat(inputs.get(1).path("name").asText()).isEqualTo("/data/in/2012Q1.csv.gz");

        for (JsonNode event : List.of(start, end)) {
            assertThat(event.path("outputs")).extracting(o -> o.path("namespace").asText() + " " + o.path("name").asText())
                    .containsExactly("postgres://db.example:5432/loans loanetl.loans",
                            "postgres://db.example:5432/loans loanetl.loan_rejects");
        }
        assertThat(end.path("outputs").get(0).path("outputFacets").path("outputStatistics").path("rowCount").asLong())
                .isEqualTo(100);
        assertThat(end.path("outputs").get(1).path("outputFacets").path("outputStatistics").path("rowCount").asLong())
                .isEqualTo(3);

        JsonNode counts = end.path("run").path("facets").path("loanetl_counts");
        assertThat(counts.path("_schemaURL").asText()).isEqualTo(CountsRunFacet.SCHEMA_URL.toString());
        assertThat(counts.path("loaded").asLong()).isEqualTo(100);
        assertThat(counts.path("filtered").path("charged_off").asLong()).isEqualTo(4);
        assertThat(counts.path("filtered").path("purpose_other").asLong()).isEqualTo(3);
        assertThat(counts.path("filtered").path("low_credit_score").asLong()).isEqualTo(2);
        assertThat(counts.path("rejected").asLong()).isEqualTo(3);
        assertThat(counts.path("files").path("loaded").asLong()).isEqualTo(2);
        assertThat(counts.path("files").path("skipped").asLong()).isEqualTo(1);
        assertThat(counts.path("retries").asLong()).isEqualTo(3);
        assertThat(end.path("run").path("facets").has("errorMessage")).isFalse();
    }

    @Test
    void sendsFailWithTheErrorMessage() {
        RunInfo run = run(null);
        LoadReport failed = new LoadReport(List.of(FileResult.failed(S3_FILE, "2011Q4.csv: database connection lost")),
                List.of());
        try (OpenLineageObserver observer = new OpenLineageObserver(LineageSettings.http(endpoint.url(), null))) {
            observer.started(run);
            observer.ended(run, RunEnd.of(failed, Instant.now(), 0));
        }

        JsonNode end = endpoint.received().get(1).event();
        assertThat(endpoint.received()).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(endpoint.received().get(0).authorization()).isNull();
        assertThat(end.path("eventType").asText()).isEqualTo("FAIL");
        assertThat(end.path("run").path("facets").path("errorMessage").path("message").asText())
                .isEqualTo("2011Q4.csv: database connection lost");
        assertThat(end.path("run").path("facets").path("errorMessage").path("programmingLanguage").asText())
                .isEqualTo("Java");
        assertThat(end.path("run").path("facets").has("parent")).isFalse();
    }

    @Test
    void sendsAbortWithTheFilesFinishedSoFar() {
        RunInfo run = run(null);
        LoadReport soFar = new LoadReport(List.of(FileResult.loaded(S3_FILE, new LoadCounts(5, 0, 0, 0, 0, 0),
                List.of(), "fico_range_low")), List.of());
        try (OpenLineageObserver observer = new OpenLineageObserver(LineageSettings.http(endpoint.url(), KEY))) {
            observer.started(run);
            observer.ended(run, new RunEnd(RunEnd.Outcome.ABORT, soFar, "stopped by SIGTERM", Instant.now(), 0));
        }

        JsonNode end = endpoint.received().get(1).event();
        assertThat(endpoint.received().get(1).problems()).isEmpty();
        assertThat(end.path("eventType").asText()).isEqualTo("ABORT");
        assertThat(end.path("inputs")).hasSize(1);
        assertThat(end.path("run").path("facets").path("errorMessage").path("message").asText())
                .isEqualTo("stopped by SIGTERM");
    }

    @Test
    void logsAnEndpointThatRefusesWithoutTheKeyAndGoesOn() {
        endpoint.answer(500);
        RunInfo run = run(null);
        try (OpenLineageObserver observer = new OpenLineageObserver(LineageSettings.http(endpoint.url(), KEY))) {
            observer.started(run);
            observer.ended(run, RunEnd.of(report(), Instant.now(), 0));
        }

        assertThat(endpoint.received()).hasSize(2);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("lineage: the START event of run " + run.runId()));
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(KEY));
        assertThat(new LineageSettings(LineageSettings.Transport.HTTP, endpoint.url(), KEY, null, null, null,
                LineageSettings.DEFAULT_TIMEOUT).toString()).doesNotContain(KEY).contains("apiKey=***");
    }

    @Test
    void givesUpOnAnEndpointThatDoesNotAnswerWithinTheTimeout() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            LineageSettings settings = new LineageSettings(LineageSettings.Transport.HTTP,
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), KEY, null, null, null, Duration.ofSeconds(1));
            long began = System.nanoTime();
            try (OpenLineageObserver observer = new OpenLineageObserver(settings)) {
                observer.started(run(null));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("was not sent"))
                .noneMatch(m -> m.contains(KEY));
    }

    @Test
    void fileTransportWritesOneJsonEventPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lineage.jsonl");
        RunInfo run = run(null);
        try (OpenLineageObserver observer = new OpenLineageObserver(LineageSettings.file(file)
                .named("team-loans", "nightly-load"))) {
            observer.started(run);
            observer.ended(run, RunEnd.of(report(), Instant.now(), 0));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(endpoint.check(event, null).problems()).isEmpty();
            assertThat(event.path("job").path("namespace").asText()).isEqualTo("team-loans");
            assertThat(event.path("job").path("name").asText()).isEqualTo("nightly-load");
        }
        assertThat(lines).extracting(l -> JSON.readTree(l).path("eventType").asText()).containsExactly("START", "COMPLETE");
    }
}
