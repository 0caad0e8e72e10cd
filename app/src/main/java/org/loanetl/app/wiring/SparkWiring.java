package org.loanetl.app.wiring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.run.RunInfo;
import org.loanetl.postgres.PostgresLoadTarget;
import org.loanetl.spark.HadoopLoanFileSource.S3Scheme;
import org.loanetl.spark.HadoopLoanFileSource;
import org.loanetl.spark.SparkLoadEngine;
import org.loanetl.spark.SparkSettings;
import org.loanetl.spark.SparkStart;

/**
 * Builds the Spark engine ({@code engine.name: spark}) and its source. Kept apart from {@link Wiring} so the
 * spark-submit jar, which carries no AWS SDK v2, never loads the S3 source's classes: under Spark, S3 is read through
 * Hadoop ({@code s3a://}, or EMRFS on EMR).
 */
public final class SparkWiring {

    private SparkWiring() {
    }

    /** Whether the settings choose the Spark engine. */
    public static boolean chosen(Settings settings) {
        return "spark".equals(settings.text(ConfigKey.ENGINE).trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The files of {@code source.paths} (local paths, {@code file:}, {@code s3://}, {@code s3a://}) read through
     * Hadoop. The {@code s3.*} keys become S3A settings ({@code fs.s3a.*}) of the source itself, so the S3 keys travel
     * inside Spark's tasks and never into Spark's configuration (which Spark logs and shows); {@code spark.hadoop.*}
     * keys apply over them.
     */
    public static HadoopLoanFileSource source(Settings settings) {
        List<String> paths = settings.list(ConfigKey.SOURCE_PATHS);
        if (paths.isEmpty()) {
            throw new ConfigException("nothing to load: name a folder, file or s3://bucket/prefix, or set source.paths in the config file");
        }
        for (String path : paths) {
            if (!path.contains("://") && !path.startsWith("file:") && !Files.exists(Path.of(path))) {
                throw new ConfigException(settings.origin(ConfigKey.SOURCE_PATHS) + ": " + path + ": no such file or folder");
            }
        }
        Map<String, String> hadoop = s3a(settings);
        hadoop.putAll(new SparkSettings(null, settings.sparkConf()).hadoopSettings());
        String scheme = settings.text(ConfigKey.SPARK_S3_SCHEME).trim().toLowerCase(Locale.ROOT);
        S3Scheme s3Scheme = scheme.equals("s3") ? S3Scheme.NATIVE : S3Scheme.valueOf(scheme.toUpperCase(Locale.ROOT));
        // built first without the archive, so a refused location is blamed on the key that named it
        HadoopLoanFileSource source = hadoopSource(settings, ConfigKey.SOURCE_PATHS, paths, null, hadoop, s3Scheme);
        String archive = settings.text(ConfigKey.SOURCE_ARCHIVE_DIR);
        return archive == null ? source
                : hadoopSource(settings, ConfigKey.SOURCE_ARCHIVE_DIR, paths, archive, hadoop, s3Scheme);
    }

    private static HadoopLoanFileSource hadoopSource(Settings settings, ConfigKey blamed, List<String> paths,
                                                     String archive, Map<String, String> hadoop, S3Scheme s3Scheme) {
        try {
            return new HadoopLoanFileSource(paths, archive, hadoop, s3Scheme);
        } catch (LoanEtlException e) {
            throw new ConfigException(settings.origin(blamed) + ": " + e.getMessage());
        }
    }

    /**
     * Begins starting Spark (or joining the context {@code spark-submit} made) on a thread of its own, so it comes up
     * while the database is opened; {@link #run} takes it over.
     *
     * @throws ConfigException when executors on a cluster would have to reach the embedded database (said before
     *                         anything starts)
     */
    public static SparkStart begin(Settings settings) {
        String master = settings.text(ConfigKey.SPARK_MASTER);
        String effective = settings.sparkConf().getOrDefault("spark.master",
                master != null ? master : System.getProperty("spark.master", "local[*]"));
        String url = settings.text(ConfigKey.DATABASE_URL);
        boolean embedded = url == null || url.isBlank();
        if (embedded && !effective.startsWith("local")) {
            throw new ConfigException("engine spark on master " + effective + ": executors cannot reach the embedded"
                    + " database of this process; set database.jdbc-url (--db)");
        }
        return SparkStart.begin(new SparkSettings(master == null ? null : master.trim(), settings.sparkConf()));
    }

    /** Runs the job on Spark against this database, on the context {@link #begin} started, and stops Spark afterwards. */
    public static LoadReport run(Database database, LoadJob job, SparkStart start) {
        return run(database, job, start, application -> { });
    }

    /**
     * {@link #run(Database, LoadJob, SparkStart)}, telling {@code started} which Spark application runs the job (as a
     * lineage parent: namespace {@code spark}, the application's name and id) once Spark is up, before the job runs.
     */
    public static LoadReport run(Database database, LoadJob job, SparkStart start,
                                 Consumer<RunInfo.ParentRun> started) {
        try (SparkLoadEngine engine = start.engine(new PostgresLoadTarget(database.postgres().settings()))) {
            // the engine's context is the active one now, so getOrCreate returns it and creates none
            SparkContext context = SparkContext.getOrCreate();
            started.accept(new RunInfo.ParentRun("spark", context.appName(), context.applicationId()));
            return engine.run(job);
        }
    }

    private static Map<String, String> s3a(Settings settings) {
        Map<String, String> hadoop = new LinkedHashMap<>();
        String endpoint = settings.text(ConfigKey.S3_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            hadoop.put("fs.s3a.endpoint", endpoint.trim());
            hadoop.put("fs.s3a.connection.ssl.enabled", String.valueOf(!endpoint.trim().startsWith("http:")));
        }
        if (settings.bool(ConfigKey.S3_PATH_STYLE)) {
            hadoop.put("fs.s3a.path.style.access", "true");
        }
        String region = settings.text(ConfigKey.S3_REGION);
        if (region != null && !region.isBlank()) {
            hadoop.put("fs.s3a.endpoint.region", region.trim());
        }
        String keyId = settings.text(ConfigKey.S3_ACCESS_KEY_ID);
        String secret = settings.text(ConfigKey.S3_SECRET_ACCESS_KEY);
        if (keyId != null && secret != null) {
            hadoop.put("fs.s3a.access.key", keyId);
            hadoop.put("fs.s3a.secret.key", secret);
            hadoop.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        }
        return hadoop;
    }
}
