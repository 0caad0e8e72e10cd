package org.loanetl.app.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.loanetl.app.config.ConfigKey;
import picocli.CommandLine.Option;

/**
 * The load a step runs ({@code emr submit}, {@code emr run}) and where its files are staged. The load's settings are
 * resolved here, as {@code loan-etl load} would, and staged as the job's config; the password never goes on a
 * command line.
 */
final class EmrJobOptions {

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL the cluster loads into; the password comes from LOANETL_DB_PASSWORD or the config file.")
    String db;

    @Option(names = "--db-user", paramLabel = "NAME", description = "Database user.")
    String dbUser;

    @Option(names = "--schema", paramLabel = "NAME", description = "Schema of the loan tables (default: loanetl).")
    String schema;

    @Option(names = "--after", paramLabel = "ACTION", description = "After a file commits: keep (default), archive or delete it.")
    String after;

    @Option(names = "--archive-dir", paramLabel = "S3_URI", description = "Where --after archive moves files.")
    String archiveDir;

    @Option(names = "--conf", paramLabel = "spark.KEY=VALUE", description = "A Spark setting of the job. Repeatable.")
    List<String> sparkConf = new ArrayList<>();

    @Option(names = "--staging-uri", paramLabel = "S3_URI", description = "Where the job jar and config are put (emr.staging-uri).")
    String stagingUri;

    @Option(names = "--job-jar", paramLabel = "FILE", description = "The Spark job jar (default: app/target/loan-etl-spark.jar).")
    String jobJar;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "An S3-compatible endpoint for staging and the job.")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Address buckets as http://host/bucket.")
    boolean s3PathStyle;

    /** The flags given, by key, with the command's SOURCE arguments. */
    Map<ConfigKey, Object> flags(List<String> sources) {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SOURCE_PATHS, sources);
        flags.put(ConfigKey.DATABASE_URL, db);
        flags.put(ConfigKey.DATABASE_USER, dbUser);
        flags.put(ConfigKey.DATABASE_SCHEMA, schema);
        flags.put(ConfigKey.SOURCE_AFTER, after);
        flags.put(ConfigKey.SOURCE_ARCHIVE_DIR, archiveDir);
        flags.put(ConfigKey.SPARK_CONF, sparkConf);
        flags.put(ConfigKey.EMR_STAGING_URI, stagingUri);
        flags.put(ConfigKey.EMR_JOB_JAR, jobJar);
        flags.put(ConfigKey.S3_ENDPOINT, s3Endpoint);
        flags.put(ConfigKey.S3_PATH_STYLE, s3PathStyle ? "true" : null);
        return flags;
    }
}
