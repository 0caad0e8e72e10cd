package org.loanetl.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.run.RunEnd;

/**
 * The series of one run, counted as its files end. {@code loanetl_last_success_timestamp_seconds} is registered only
 * when a run completes, so that a push of a failed run, which adds to the group instead of replacing it, leaves the
 * last success the Pushgateway holds as it was.
 */
final class RunMetrics {

    static final String LAST_SUCCESS = "loanetl_last_success_timestamp_seconds";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter loaded = Counter.builder().name("loanetl_rows_loaded_total")
            .help("Rows written to the loans table").register(registry);
    private final Counter filtered = Counter.builder().name("loanetl_rows_filtered_total")
            .help("Rows left out by a filter, by reason").labelNames("reason").register(registry);
    private final Counter rejected = Counter.builder().name("loanetl_rows_rejected_total")
            .help("Rows written to the loan_rejects table").register(registry);
    private final Counter files = Counter.builder().name("loanetl_files_total")
            .help("Files whose load ended, by status").labelNames("status").register(registry);
    private final Counter mismatches = Counter.builder().name("loanetl_control_total_mismatches_total")
            .help("Funding footers (Total amount funded in policy code N) the file's rows do not add up to")
            .register(registry);
    private final Counter bytesRead = Counter.builder().name("loanetl_bytes_read_total")
            .help("Size of the files read (loaded, refused or failed; not skipped)").register(registry);
    private final Gauge retries = Gauge.builder().name("loanetl_retries")
            .help("Transient failures retried within the run").register(registry);
    private final Gauge started = Gauge.builder().name("loanetl_run_start_timestamp_seconds")
            .help("When the run started, in seconds since the epoch").register(registry);
    private final Gauge duration = Gauge.builder().name("loanetl_run_duration_seconds")
            .help("How long the run took, or has taken so far").register(registry);
    private final Gauge outcome = Gauge.builder().name("loanetl_last_run_outcome")
            .help("1 for how the last run ended (complete, fail, abort; running while it runs), 0 for the others")
            .labelNames("outcome").register(registry);

    RunMetrics() {
        // every label value from the start, so a series exists (at 0) before its first file
        for (FilterReason reason : FilterReason.values()) {
            filtered.labelValues(reason.label());
        }
        for (FileStatus status : FileStatus.values()) {
            files.labelValues(status.label());
        }
    }

    PrometheusRegistry registry() {
        return registry;
    }

    void started(Instant at) {
        started.set(at.toEpochMilli() / 1000.0);
        showOutcome("running");
    }

    /** Thread-safe: called from the threads that load. */
    void finished(FileResult result) {
        files.labelValues(result.status().label()).inc();
        LoadCounts counts = result.counts();
        loaded.inc(counts.loaded());
        rejected.inc(counts.rejected());
        for (FilterReason reason : FilterReason.values()) {
            filtered.labelValues(reason.label()).inc(counts.filtered(reason));
        }
        mismatches.inc(result.controlTotals().stream().filter(control -> !control.matches()).count());
        if (result.status() != FileStatus.SKIPPED && result.file().size() > 0) {
            bytesRead.inc(result.file().size());
        }
    }

    void running(Instant startedAt, Instant now) {
        duration.set(seconds(startedAt, now));
    }

    void ended(Instant startedAt, RunEnd end) {
        duration.set(seconds(startedAt, end.endedAt()));
        retries.set(end.retries());
        showOutcome(end.outcome().name().toLowerCase(java.util.Locale.ROOT));
        if (end.outcome() == RunEnd.Outcome.COMPLETE) {
            Gauge.builder().name(LAST_SUCCESS).help("When a run last completed, in seconds since the epoch")
                    .register(registry).set(end.endedAt().toEpochMilli() / 1000.0);
        }
    }

    private void showOutcome(String now) {
        for (String each : new String[] {"running", "complete", "fail", "abort"}) {
            outcome.labelValues(each).set(each.equals(now) ? 1 : 0);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
