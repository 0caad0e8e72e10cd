package org.loanetl.lineage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a run's OpenLineage events go, and under which job name.
 *
 * @param transport where the events go
 * @param url       the OpenLineage API's base URL ({@code http://marquez:5000}), for {@link Transport#HTTP}; events
 *                  are posted to its {@code /api/v1/lineage}
 * @param apiKey    sent as {@code Authorization: Bearer ...} over HTTP, or {@code null}; never printed
 * @param file      the file that {@link Transport#FILE} appends one JSON event per line to
 * @param namespace the job's namespace ({@value #DEFAULT_NAMESPACE} by default)
 * @param jobName   the job's name ({@value #DEFAULT_JOB_NAME} by default)
 * @param timeout   how long one HTTP request may take before it is given up
 */
public record LineageSettings(Transport transport, URI url, String apiKey, Path file, String namespace,
                              String jobName, Duration timeout) {

    public static final String DEFAULT_NAMESPACE = "loan-etl";
    public static final String DEFAULT_JOB_NAME = "load";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Where events go. */
    public enum Transport {
        /** POSTed to an OpenLineage API (Marquez, OpenMetadata, DataHub). */
        HTTP,
        /** Appended to a file, one JSON object per line. */
        FILE,
        /** Logged, one JSON object per event. */
        CONSOLE
    }

    public LineageSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeout, "timeout");
        namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.strip();
        jobName = jobName == null || jobName.isBlank() ? DEFAULT_JOB_NAME : jobName.strip();
        if (transport == Transport.HTTP && url == null) {
            throw new IllegalArgumentException("lineage over http needs a url");
        }
        if (transport == Transport.FILE && file == null) {
            throw new IllegalArgumentException("lineage to a file needs a file");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Events posted to this API, with this key (or {@code null}), under the default namespace and job name. */
    public static LineageSettings http(URI url, String apiKey) {
        return new LineageSettings(Transport.HTTP, url, apiKey, null, null, null, DEFAULT_TIMEOUT);
    }

    /** Events appended to this file. */
    public static LineageSettings file(Path file) {
        return new LineageSettings(Transport.FILE, null, null, file, null, null, DEFAULT_TIMEOUT);
    }

    /** These settings under another namespace and job name (blank: the defaults). */
    public LineageSettings named(String otherNamespace, String otherJobName) {
        return new LineageSettings(transport, url, apiKey, file, otherNamespace, otherJobName, timeout);
    }

    /** Never shows the API key, only whether there is one. */
    @Override
    public String toString() {
        return "LineageSettings[transport=" + transport + ", url=" + url + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", file=" + file + ", namespace=" + namespace + ", jobName="
                + jobName + ", timeout=" + timeout + "]";
    }
}
