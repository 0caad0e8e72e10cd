package org.loanetl.metrics;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run's metrics are pushed.
 *
 * @param url          the Pushgateway ({@code http://pushgateway:9091})
 * @param job          the {@code job} label of the pushed group ({@value #DEFAULT_JOB} by default)
 * @param groupingKey  more labels of the group ({@code instance=nightly}); a run replaces the series of its own group
 * @param pushInterval how often to push during a run; zero pushes only at the end
 * @param timeout      how long one push may take before it is given up
 */
public record MetricsSettings(URI url, String job, Map<String, String> groupingKey, Duration pushInterval,
                              Duration timeout) {

    public static final String DEFAULT_JOB = "loan-etl";
    public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public MetricsSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(pushInterval, "pushInterval");
        Objects.requireNonNull(timeout, "timeout");
        job = job == null || job.isBlank() ? DEFAULT_JOB : job.strip();
        groupingKey = Map.copyOf(groupingKey);
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("pushgateway url " + url.getScheme() + "://...: not http or https");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("pushgateway url: holds a user and password before the host");
        }
        if (pushInterval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("push interval must be >= 0 and timeout > 0");
        }
    }

    /** Pushes to this Pushgateway under the default job, every 30 seconds and at the end. */
    public static MetricsSettings of(URI url) {
        return new MetricsSettings(url, null, Map.of(), DEFAULT_PUSH_INTERVAL, DEFAULT_TIMEOUT);
    }
}
