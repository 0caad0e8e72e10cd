package org.loanetl.app.wiring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.domain.run.RunInfo;
import org.loanetl.lineage.LineageSettings;
import org.loanetl.metrics.MetricsSettings;

/** The {@code lineage.*} and {@code metrics.*} keys as the observers' settings. */
final class ObserverSettings {

    private ObserverSettings() {
    }

    /**
     * Lineage from the settings: {@code lineage.transport}, or {@code http} when only {@code lineage.url}
     * ({@code OPENLINEAGE_URL}) is set; empty when off.
     */
    static Optional<LineageSettings> lineage(Settings settings) {
        String url = text(settings, ConfigKey.LINEAGE_URL);
        String transport = text(settings, ConfigKey.LINEAGE_TRANSPORT);
        String chosen = transport != null ? transport.toLowerCase(Locale.ROOT) : url != null ? "http" : "none";
        if (chosen.equals("none")) {
            return Optional.empty();
        }
        String file = text(settings, ConfigKey.LINEAGE_FILE);
        if (chosen.equals("http") && url == null) {
            throw new ConfigException(settings.origin(ConfigKey.LINEAGE_TRANSPORT) + ": http needs "
                    + ConfigKey.LINEAGE_URL.key() + " (OPENLINEAGE_URL)");
        }
        if (chosen.equals("file") && file == null) {
            throw new ConfigException(settings.origin(ConfigKey.LINEAGE_TRANSPORT) + ": file needs "
                    + ConfigKey.LINEAGE_FILE.key() + " (LOANETL_LINEAGE_FILE, --lineage-file)");
        }
        return Optional.of(new LineageSettings(LineageSettings.Transport.valueOf(chosen.toUpperCase(Locale.ROOT)),
                url == null ? null : URI.create(url), settings.text(ConfigKey.LINEAGE_API_KEY),
                file == null ? null : Path.of(file), text(settings, ConfigKey.LINEAGE_NAMESPACE),
                text(settings, ConfigKey.LINEAGE_JOB_NAME), LineageSettings.DEFAULT_TIMEOUT));
    }

    /** Metrics from the settings; empty without {@code metrics.pushgateway-url}. */
    static Optional<MetricsSettings> metrics(Settings settings) {
        String url = text(settings, ConfigKey.METRICS_PUSHGATEWAY_URL);
        if (url == null) {
            return Optional.empty();
        }
        Map<String, String> grouping = new LinkedHashMap<>();
        for (String item : settings.list(ConfigKey.METRICS_GROUPING_KEY)) {
            grouping.put(item.substring(0, item.indexOf('=')).trim(), item.substring(item.indexOf('=') + 1).trim());
        }
        return Optional.of(new MetricsSettings(URI.create(url), text(settings, ConfigKey.METRICS_JOB), grouping,
                Duration.ofSeconds(settings.integer(ConfigKey.METRICS_PUSH_INTERVAL)), MetricsSettings.DEFAULT_TIMEOUT));
    }

    /** The parent that {@code lineage.parent.*} names: all three keys, or none. */
    static RunInfo.ParentRun configuredParent(Settings settings) {
        String namespace = text(settings, ConfigKey.LINEAGE_PARENT_NAMESPACE);
        String job = text(settings, ConfigKey.LINEAGE_PARENT_JOB);
        String runId = text(settings, ConfigKey.LINEAGE_PARENT_RUN_ID);
        if (namespace == null && job == null && runId == null) {
            return null;
        }
        for (ConfigKey key : List.of(ConfigKey.LINEAGE_PARENT_NAMESPACE, ConfigKey.LINEAGE_PARENT_JOB,
                ConfigKey.LINEAGE_PARENT_RUN_ID)) {
            if (text(settings, key) == null) {
                throw new ConfigException("config key " + key.key() + ": not set; a parent run needs all of"
                        + " lineage.parent.namespace, lineage.parent.job and lineage.parent.run-id");
            }
        }
        return new RunInfo.ParentRun(namespace, job, runId);
    }

    /**
     * A JDBC URL as the namespace of the tables' datasets: {@code postgres://host:port/database}, never with a user,
     * password or any other parameter (pgjdbc reads them from the query string; they are dropped here).
     */
    static String lineageName(String jdbcUrl) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            return "postgres://unknown";
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        String port = parsed.getProperty("PGPORT", "5432").split(",")[0];
        return "postgres://" + host + ":" + port + "/" + parsed.getProperty("PGDBNAME", "");
    }

    private static String text(Settings settings, ConfigKey key) {
        String value = settings.text(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
