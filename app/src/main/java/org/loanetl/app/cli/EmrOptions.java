package org.loanetl.app.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import picocli.CommandLine.Option;

/** Options every {@code loan-etl emr} command shares: the config file, and how to reach EMR. */
final class EmrOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file with an emr: section (see docs/emr.md).")
    Path config;

    @Option(names = "--emr-region", paramLabel = "REGION",
            description = "The cluster's region (default: emr.region, else AWS_REGION, the profile, or us-east-1).")
    String region;

    @Option(names = "--emr-endpoint", paramLabel = "URL",
            description = "Another EMR endpoint (default: AWS, or AWS_ENDPOINT_URL_EMR / AWS_ENDPOINT_URL).")
    String endpoint;

    @Option(names = "--poll-interval", paramLabel = "DURATION", description = "How often --wait asks EMR (default 30s).")
    String pollInterval;

    /** Settings from these flags and {@code more}, the environment and the config file. */
    Settings settings(Map<String, String> env, Map<ConfigKey, Object> more) {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.EMR_REGION, region);
        flags.put(ConfigKey.EMR_ENDPOINT, endpoint);
        flags.put(ConfigKey.EMR_POLL_INTERVAL, pollInterval);
        flags.putAll(more);
        return Settings.resolve(config, env, flags);
    }
}
