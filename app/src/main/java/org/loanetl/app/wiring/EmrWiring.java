package org.loanetl.app.wiring;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.aws.emr.EmrClusterLauncher;
import org.loanetl.aws.emr.EmrSettings;
import org.loanetl.aws.s3.S3Settings;
import org.loanetl.domain.LoanEtlException;

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
        return new EmrClusterLauncher(emrSettings(settings), stagingS3(settings), progress);
    }

    /** The {@code emr.*} keys as the adapter's settings. */
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
        List<String> bootstrap = settings.list(ConfigKey.EMR_BOOTSTRAP_ACTIONS);
        for (String path : bootstrap) {
            if (!path.regionMatches(true, 0, "s3://", 0, 5)) {
                throw new ConfigException(settings.origin(ConfigKey.EMR_BOOTSTRAP_ACTIONS) + ": not an s3:// script: \"" + path + "\"");
            }
        }
        String endpoint = text(settings, ConfigKey.EMR_ENDPOINT);
        try {
            return new EmrSettings(text(settings, ConfigKey.EMR_REGION), endpoint == null ? null : URI.create(endpoint),
                    text(settings, ConfigKey.EMR_RELEASE_LABEL), text(settings, ConfigKey.EMR_MASTER_INSTANCE_TYPE),
                    text(settings, ConfigKey.EMR_CORE_INSTANCE_TYPE), (int) settings.integer(ConfigKey.EMR_CORE_INSTANCE_COUNT),
                    text(settings, ConfigKey.EMR_SUBNET_ID), text(settings, ConfigKey.EMR_KEY_NAME),
                    text(settings, ConfigKey.EMR_SERVICE_ROLE), text(settings, ConfigKey.EMR_JOB_FLOW_ROLE),
                    text(settings, ConfigKey.EMR_LOG_URI), text(settings, ConfigKey.EMR_STAGING_URI), idle,
                    text(settings, ConfigKey.EMR_CUSTOM_AMI_ID), bootstrap, tags(settings), poll);
        } catch (LoanEtlException | IllegalArgumentException e) {
            throw new ConfigException("emr settings: " + e.getMessage());
        }
    }

    /** How the job's files reach S3: the {@code s3.*} keys (region, endpoint, path style, keys). */
    static S3Settings stagingS3(Settings settings) {
        String keyId = settings.text(ConfigKey.S3_ACCESS_KEY_ID);
        String secret = settings.text(ConfigKey.S3_SECRET_ACCESS_KEY);
        if ((keyId == null) != (secret == null)) {
            ConfigKey missing = keyId == null ? ConfigKey.S3_ACCESS_KEY_ID : ConfigKey.S3_SECRET_ACCESS_KEY;
            throw new ConfigException("config key " + missing.key() + " (or " + missing.env() + "): missing; "
                    + "give both s3.access-key-id and s3.secret-access-key, or neither to use the AWS credentials chain");
        }
        String endpoint = text(settings, ConfigKey.S3_ENDPOINT);
        return new S3Settings(text(settings, ConfigKey.S3_REGION), endpoint == null ? null : URI.create(endpoint),
                settings.bool(ConfigKey.S3_PATH_STYLE), keyId, secret, null, S3Settings.MAX_PAGE_SIZE);
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

    private static String text(Settings settings, ConfigKey key) {
        String text = settings.text(key);
        return text == null || text.isBlank() ? null : text.trim();
    }
}
