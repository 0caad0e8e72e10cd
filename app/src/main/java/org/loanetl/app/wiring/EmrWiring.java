package org.loanetl.app.wiring;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.aws.emr.EmrClusterLauncher;
import org.loanetl.aws.emr.EmrSettings;

/**
 * Builds the EMR launcher from the {@code emr.*} keys (staging through S3 as the {@code s3.*} keys reach it), and the
 * job's jar and config for the cluster ({@link JobConfig}). Every failure names the key that caused it.
 */
public final class EmrWiring {

    static final String JOB_JAR = "loan-etl-spark.jar";

    private EmrWiring() {
    }

    /** The launcher; {@code progress} receives its news (uploads, changes of state). */
    public static EmrClusterLauncher launcher(Settings settings, Consumer<String> progress) {
        // the job's files reach S3 as the sources of a load would: the s3.* keys (region, endpoint, path style, keys)
        return new EmrClusterLauncher(emrSettings(settings), Wiring.s3Settings(settings), progress);
    }

    /**
     * The {@code emr.*} keys as the adapter's settings. Every value the adapter's record would refuse is refused here
     * first, naming the key as it was set (option, environment variable or config key), never a field of the record;
     * the URIs and URLs are checked as the settings are resolved ({@link Settings}).
     */
    public static EmrSettings emrSettings(Settings settings) {
        Duration idle = duration(settings, ConfigKey.EMR_IDLE_TIMEOUT);
        if (idle.compareTo(EmrSettings.MIN_IDLE_TIMEOUT) < 0 || idle.compareTo(EmrSettings.MAX_IDLE_TIMEOUT) > 0) {
            throw new ConfigException(settings.origin(ConfigKey.EMR_IDLE_TIMEOUT) + ": not between 1 minute and 7 days"
                    + " (EMR's limits): \"" + settings.text(ConfigKey.EMR_IDLE_TIMEOUT).trim() + "\"");
        }
        Duration poll = duration(settings, ConfigKey.EMR_POLL_INTERVAL);
        if (poll.isZero()) {
            throw new ConfigException(settings.origin(ConfigKey.EMR_POLL_INTERVAL) + ": must be more than 0");
        }
        String endpoint = text(settings, ConfigKey.EMR_ENDPOINT);
        return new EmrSettings(text(settings, ConfigKey.EMR_REGION), endpoint == null ? null : URI.create(endpoint),
                required(settings, ConfigKey.EMR_RELEASE_LABEL), required(settings, ConfigKey.EMR_MASTER_INSTANCE_TYPE),
                required(settings, ConfigKey.EMR_CORE_INSTANCE_TYPE), (int) settings.integer(ConfigKey.EMR_CORE_INSTANCE_COUNT),
                text(settings, ConfigKey.EMR_SUBNET_ID), text(settings, ConfigKey.EMR_KEY_NAME),
                required(settings, ConfigKey.EMR_SERVICE_ROLE), required(settings, ConfigKey.EMR_JOB_FLOW_ROLE),
                text(settings, ConfigKey.EMR_LOG_URI), text(settings, ConfigKey.EMR_STAGING_URI), idle,
                text(settings, ConfigKey.EMR_CUSTOM_AMI_ID), settings.list(ConfigKey.EMR_BOOTSTRAP_ACTIONS), tags(settings),
                poll);
    }

    /**
     * The Spark job jar to stage: {@code emr.job-jar}, else {@code app/target/loan-etl-spark.jar} under the working
     * folder, else the one beside the running {@code loan-etl.jar}.
     */
    public static Path jobJar(Settings settings) {
        String configured = text(settings, ConfigKey.EMR_JOB_JAR);
        Path jar = configured != null ? Path.of(configured) : defaultJar();
        if (!Files.isRegularFile(jar)) {
            throw new ConfigException((configured != null ? settings.origin(ConfigKey.EMR_JOB_JAR) : "config key emr.job-jar (unset)")
                    + ": no job jar at " + jar + " (build it with ./mvnw -pl app -am package -DskipTests, or set emr.job-jar)");
        }
        return jar;
    }

    /** The job's config for the cluster; see {@link JobConfig}. */
    public static byte[] jobConfig(Settings settings) {
        return JobConfig.render(settings);
    }

    private static Path defaultJar() {
        Path inRepo = Path.of("app", "target", JOB_JAR);
        if (Files.isRegularFile(inRepo)) {
            return inRepo;
        }
        try {
            Path running = Path.of(EmrWiring.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (running.getFileName().toString().endsWith(".jar")) {
                return running.resolveSibling(JOB_JAR);
            }
        } catch (Exception e) {
            // no code source: keep the repository's path
        }
        return inRepo;
    }

    private static Map<String, String> tags(Settings settings) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String item : settings.list(ConfigKey.EMR_TAGS)) {
            int eq = item.indexOf('=');
            tags.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return tags;
    }

    /** {@code 500ms}, {@code 30s}, {@code 45m}, {@code 1h}, {@code 2d}; a bare number is seconds (checked already). */
    static Duration duration(Settings settings, ConfigKey key) {
        String text = settings.text(key).trim();
        String digits = text.replaceAll("[a-z]+$", "");
        long n = Long.parseLong(digits);
        return switch (text.substring(digits.length())) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A key the cluster cannot do without: each has a default, so only a value set empty can be missing. */
    private static String required(Settings settings, ConfigKey key) {
        String text = text(settings, key);
        if (text == null) {
            throw new ConfigException(settings.origin(key) + ": empty; leave it out for the default ("
                    + key.defaultValue() + ")");
        }
        return text;
    }

    private static String text(Settings settings, ConfigKey key) {
        String text = settings.text(key);
        return text == null || text.isBlank() ? null : text.trim();
    }
}
