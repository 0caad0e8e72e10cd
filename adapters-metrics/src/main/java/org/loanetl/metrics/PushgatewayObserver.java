package org.loanetl.metrics;

import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.run.RunEnd;
import org.loanetl.domain.run.RunInfo;
import org.loanetl.domain.run.RunObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a run's metrics to a Prometheus Pushgateway: every {@link MetricsSettings#pushInterval} while it runs (from
 * a daemon thread) and once when it ends. A completed run replaces its group's series (HTTP PUT), with
 * {@code loanetl_last_success_timestamp_seconds}; every other push adds to the group (HTTP POST), so a failed or
 * aborted run leaves the last success in place, as the Pushgateway's convention for batch jobs asks. A push that
 * fails is logged and dropped: metrics never fail a load. Driver-only.
 */
public final class PushgatewayObserver implements RunObserver {

    private static final Logger LOG = LoggerFactory.getLogger(PushgatewayObserver.class);

    private final MetricsSettings settings;
    private final RunMetrics metrics = new RunMetrics();
    private final PushGateway gateway;
    private ScheduledExecutorService pusher;
    private volatile Instant startedAt = Instant.now();

    public PushgatewayObserver(MetricsSettings settings) {
        this.settings = settings;
        String path = settings.url().getRawPath() == null ? "" : settings.url().getRawPath().replaceAll("/+$", "");
        PushGateway.Builder builder = PushGateway.builder()
                .scheme(settings.url().getScheme().toLowerCase(Locale.ROOT).equals("https") ? Scheme.HTTPS : Scheme.HTTP)
                .address(settings.url().getRawAuthority() + path)
                .job(settings.job())
                .registry(metrics.registry())
                .connectionTimeout(settings.timeout())
                .readTimeout(settings.timeout());
        settings.groupingKey().forEach(builder::groupingKey);
        this.gateway = builder.build();
    }

    @Override
    public synchronized void started(RunInfo run) {
        startedAt = run.startedAt();
        metrics.started(startedAt);
        push(false, "start");
        long every = settings.pushInterval().toMillis();
        if (every > 0) {
            pusher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "loan-etl-metrics-push");
                thread.setDaemon(true);
                return thread;
            });
            pusher.scheduleWithFixedDelay(() -> {
                metrics.running(startedAt, Instant.now());
                push(false, "interval");
            }, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void finished(FileResult result) {
        metrics.finished(result);
    }

    @Override
    public synchronized void ended(RunInfo run, RunEnd end) {
        stopPushing();
        metrics.ended(run.startedAt(), end);
        push(end.outcome() == RunEnd.Outcome.COMPLETE, "end");
    }

    @Override
    public synchronized void close() {
        stopPushing();
    }

    private void stopPushing() {
        if (pusher != null) {
            pusher.shutdownNow();
            try {
                pusher.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pusher = null;
        }
    }

    /** PUT replaces the group's series (a completed run's last push); POST replaces only the series it names. */
    private void push(boolean replace, String when) {
        try {
            if (replace) {
                gateway.push();
            } else {
                gateway.pushAdd();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("metrics: the push at the run's {} to the Pushgateway at {} failed, the load goes on: {}", when,
                    settings.url(), e.toString().replaceAll("\\s+", " "));
        }
    }
}
