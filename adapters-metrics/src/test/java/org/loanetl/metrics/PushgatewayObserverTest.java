package org.loanetl.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.run.RunEnd;
import org.loanetl.domain.run.RunInfo;
import org.loanetl.metrics.testing.Pushgateway;
import org.loanetl.metrics.testing.Series;

class PushgatewayObserverTest {

    private static Pushgateway gateway;

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

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private static RunInfo run() {
        return new RunInfo(UUID.randomUUID(), START, "local", List.of("/data"), "postgres://db:5432/loans", "loanetl",
                null);
    }

    private static FileResult loaded(String name, long size, LoadCounts counts) {
        return new FileResult(new SourceFile("file:/data/" + name, "v-" + name, size), FileStatus.LOADED, null, counts,
                List.of(), "kept", "fico_range_low");
    }

    private static MetricsSettings settings(String instance, Duration interval) {
        return new MetricsSettings(gateway.url(), null, Map.of("instance", instance), interval, Duration.ofSeconds(5));
    }

    /** Runs one load through the observer: these files end, then the run ends as {@code RunEnd.of} says. */
    private static void runOnce(MetricsSettings settings, Instant end, List<FileResult> files) {
        RunInfo run = run();
        try (PushgatewayObserver observer = new PushgatewayObserver(settings)) {
            observer.started(run);
            files.forEach(observer::finished);
            observer.ended(run, RunEnd.of(new LoadReport(files, List.of()), end, 2));
        }
    }

    private static double value(String page, String name, String... labels) {
        OptionalDouble value = Series.value(page, name, labels);
        assertThat(value).as(name + " " + String.join(",", labels) + " in\n" + page).isPresent();
        return value.getAsDouble();
    }

    @Test
    void pushesEverySeriesOfACompletedRunWithItsLabels() {
        runOnce(settings("complete", Duration.ZERO), START.plusSeconds(75), List.of(
                loaded("a.csv", 1000, new LoadCounts(90, 4, 3, 2, 1, 0)).withControlTotals(List.of(
                        new ControlTotal(1, new BigDecimal("28000"), new BigDecimal("27000")),
                        new ControlTotal(2, BigDecimal.ZERO, BigDecimal.ZERO))),
                loaded("b.csv", 500, new LoadCounts(10, 1, 0, 0, 2, 0)),
                FileResult.refused(new SourceFile("file:/data/c.csv", "v", 250), "c.csv: refused: header"),
                FileResult.skipped(new SourceFile("file:/data/d.csv", "v", 9999), "loaded already")));

        String page = gateway.scrape();
        String[] group = {"job=\"loan-etl\"", "instance=\"complete\""};
        assertThat(value(page, "loanetl_rows_loaded_total", group)).isEqualTo(100);
        assertThat(value(page, "loanetl_rows_rejected_total", group)).isEqualTo(3);
        assertThat(value(page, "loanetl_rows_filtered_total", with(group, "reason=\"charged_off\""))).isEqualTo(5);
        assertThat(value(page, "loanetl_rows_filtered_total", with(group, "reason=\"purpose_other\""))).isEqualTo(3);
        assertThat(value(page, "loanetl_rows_filtered_total", with(group, "reason=\"low_credit_score\""))).isEqualTo(2);
        assertThat(value(page, "loanetl_files_total", with(group, "status=\"loaded\""))).isEqualTo(2);
        assertThat(value(page, "loanetl_files_total", with(group, "status=\"refused\""))).isEqualTo(1);
        assertThat(value(page, "loanetl_files_total", with(group, "status=\"skipped\""))).isEqualTo(1);
        assertThat(value(page, "loanetl_files_total", with(group, "status=\"failed\""))).isEqualTo(0);
        assertThat(value(page, "loanetl_bytes_read_total", group)).isEqualTo(1750);
        assertThat(value(page, "loanetl_run_duration_seconds", group)).isEqualTo(75);
        assertThat(value(page, "loanetl_retries", group)).isEqualTo(2);
        assertThat(value(page, "loanetl_control_total_mismatches_total", group)).isEqualTo(1);
        assertThat(value(page, "loanetl_last_run_outcome", with(group, "outcome=\"complete\""))).isEqualTo(1);
        assertThat(value(page, "loanetl_last_run_outcome", with(group, "outcome=\"fail\""))).isEqualTo(0);
        assertThat(value(page, "loanetl_last_success_timestamp_seconds", group))
                .isEqualTo(START.plusSeconds(75).getEpochSecond());
    }

    @Test
    void aFailedRunKeepsTheLastSuccessOfTheRunBefore() {
        MetricsSettings settings = settings("nightly", Duration.ZERO);
        runOnce(settings, START.plusSeconds(60), List.of(loaded("a.csv", 100, new LoadCounts(7, 0, 0, 0, 0, 0))));
        runOnce(settings, START.plusSeconds(3600), List.of(
                FileResult.failed(new SourceFile("file:/data/b.csv", "v", 100), "b.csv: database connection lost")));

        String page = gateway.scrape();
        String[] group = {"instance=\"nightly\""};
        assertThat(value(page, "loanetl_last_success_timestamp_seconds", group)).isEqualTo(START.plusSeconds(60).getEpochSecond());
        assertThat(value(page, "loanetl_last_run_outcome", with(group, "outcome=\"fail\""))).isEqualTo(1);
        assertThat(value(page, "loanetl_last_run_outcome", with(group, "outcome=\"complete\""))).isEqualTo(0);
        assertThat(value(page, "loanetl_files_total", with(group, "status=\"failed\""))).isEqualTo(1);
        assertThat(value(page, "loanetl_rows_loaded_total", group)).isEqualTo(0);
    }

    @Test
    void pushesWhileTheRunGoesOn() throws Exception {
        RunInfo run = run();
        try (PushgatewayObserver observer = new PushgatewayObserver(settings("long", Duration.ofMillis(200)))) {
            observer.started(run);
            observer.finished(loaded("a.csv", 100, new LoadCounts(42, 0, 0, 0, 0, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            OptionalDouble seen = OptionalDouble.empty();
            while (System.nanoTime() < deadline && !(seen.isPresent() && seen.getAsDouble() == 42)) {
                Thread.sleep(100);
                seen = Series.value(gateway.scrape(), "loanetl_rows_loaded_total", "instance=\"long\"");
            }
            assertThat(seen).hasValue(42);
            String page = gateway.scrape();
            assertThat(value(page, "loanetl_last_run_outcome", "instance=\"long\"", "outcome=\"running\"")).isEqualTo(1);
            assertThat(Series.value(page, "loanetl_last_success_timestamp_seconds", "instance=\"long\"")).isEmpty();
        }
    }

    @Test
    void aPushgatewayThatIsDownNeverFailsTheRun() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MetricsSettings down = new MetricsSettings(java.net.URI.create("http://127.0.0.1:" + closedPort), null,
                Map.of(), Duration.ZERO, Duration.ofSeconds(1));
        runOnce(down, START.plusSeconds(1), List.of(loaded("a.csv", 1, new LoadCounts(1, 0, 0, 0, 0, 0))));
    }

    private static String[] with(String[] group, String label) {
        String[] all = java.util.Arrays.copyOf(group, group.length + 1);
        all[group.length] = label;
        return all;
    }
}
