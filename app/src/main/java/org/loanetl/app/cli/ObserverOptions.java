package org.loanetl.app.cli;

import java.util.EnumMap;
import java.util.Map;
import org.loanetl.app.config.ConfigKey;
import picocli.CommandLine.Option;

/** The options that turn on a run's lineage events and metrics (docs/operations.md). */
final class ObserverOptions {

    @Option(names = "--lineage", paramLabel = "TRANSPORT",
            description = "Send OpenLineage events: none (default), http (to --lineage-url or OPENLINEAGE_URL), file or console.")
    String lineage;

    @Option(names = "--lineage-url", paramLabel = "URL",
            description = "The OpenLineage API, e.g. http://marquez:5000 (default: OPENLINEAGE_URL); the API key comes from OPENLINEAGE_API_KEY.")
    String lineageUrl;

    @Option(names = "--lineage-file", paramLabel = "FILE", description = "Where --lineage file appends events, one JSON per line.")
    String lineageFile;

    @Option(names = "--pushgateway", paramLabel = "URL",
            description = "Push the run's metrics to this Prometheus Pushgateway, e.g. http://pushgateway:9091 (default: LOANETL_PUSHGATEWAY_URL).")
    String pushgateway;

    /** The flags given, by key. */
    Map<ConfigKey, Object> flags() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.LINEAGE_TRANSPORT, lineage);
        flags.put(ConfigKey.LINEAGE_URL, lineageUrl);
        flags.put(ConfigKey.LINEAGE_FILE, lineageFile);
        flags.put(ConfigKey.METRICS_PUSHGATEWAY_URL, pushgateway);
        return flags;
    }
}
