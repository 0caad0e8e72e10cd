package org.loanetl.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loanetl.aws.emr.EmrSettings;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.rules.NullTokens;

/**
 * Every configuration key: its name in the YAML file, its environment variable, its command-line flag (if any), its
 * type and default. One table, so the three ways of setting a value cannot drift apart. Secrets have no flag, so
 * they never show in a process list.
 */
public enum ConfigKey {
    SOURCE_PATHS("source.paths", "LOANETL_SOURCE", null, Type.LIST, null),
    SOURCE_AFTER("source.after", "LOANETL_AFTER", "--after", Type.AFTER, "keep"),
    SOURCE_ARCHIVE_DIR("source.archive-dir", "LOANETL_ARCHIVE_DIR", "--archive-dir", Type.TEXT, null),
    /** Local files modified less than this many seconds ago are left for a later run: for folders written in place. */
    SOURCE_SETTLE_SECONDS("source.settle-seconds", "LOANETL_SETTLE_SECONDS", "--settle-seconds", Type.COUNT, "0"),
    /** Take a local file's version from the ledger when its size, modification time and inode are as recorded. */
    SOURCE_TRUST_UNCHANGED("source.trust-unchanged", "LOANETL_TRUST_UNCHANGED", "--trust-unchanged", Type.BOOLEAN,
            "false"),
    /** Words that mean "no value" in the files (R writes {@code NA}, pandas {@code NaN}); empty: only the empty field. */
    NULL_VALUES("source.null-values", "LOANETL_NULL_VALUES", "--null-values", Type.WORDS, NullTokens.DEFAULT.label()),
    DATABASE_URL("database.jdbc-url", "LOANETL_DB_URL", "--db", Type.JDBC_URL, null),
    DATABASE_USER("database.user", "LOANETL_DB_USER", "--db-user", Type.TEXT, null),
    DATABASE_PASSWORD("database.password", "LOANETL_DB_PASSWORD", null, Type.SECRET, null),
    DATABASE_SCHEMA("database.schema", "LOANETL_DB_SCHEMA", "--schema", Type.IDENTIFIER, "loanetl"),
    DATABASE_CURRENT_TABLE("database.current-table", "LOANETL_CURRENT_TABLE", "--current-table", Type.BOOLEAN, "false"),
    EMBEDDED_HOME("embedded.home", "LOANETL_HOME", "--home", Type.TEXT, null),
    FILTER_CHARGED_OFF("filters.charged-off", "LOANETL_FILTER_CHARGED_OFF", null, Type.BOOLEAN, "true"),
    FILTER_PURPOSE_OTHER("filters.purpose-other", "LOANETL_FILTER_PURPOSE_OTHER", null, Type.BOOLEAN, "true"),
    FILTER_LOW_CREDIT_SCORE("filters.low-credit-score", "LOANETL_FILTER_LOW_CREDIT_SCORE", null, Type.BOOLEAN, "true"),
    MIN_CREDIT_SCORE("filters.min-credit-score", "LOANETL_MIN_CREDIT_SCORE", "--min-credit-score", Type.INTEGER, "700"),
    /** The columns the score may be read from; a file's score comes from the first of them its header has. */
    CREDIT_SCORE_COLUMN("filters.credit-score-column", "LOANETL_CREDIT_SCORE_COLUMN", "--credit-score-column", Type.WORDS,
            String.join(",", LoadRules.DEFAULT_SCORE_COLUMNS)),
    /** What to do with a file that has none of them: many real files (Kaggle's {@code loan.csv}) have no FICO column. */
    WHEN_NO_CREDIT_SCORE("filters.when-no-credit-score", "LOANETL_WHEN_NO_CREDIT_SCORE", "--when-no-credit-score",
            Type.NO_CREDIT_SCORE, NoCreditScore.REFUSE.label()),
    CONTROL_TOTALS("checks.control-totals", "LOANETL_CONTROL_TOTALS", "--control-totals", Type.CONTROL_TOTALS, "warn"),
    S3_REGION("s3.region", "LOANETL_S3_REGION", null, Type.TEXT, null),
    S3_ENDPOINT("s3.endpoint", "LOANETL_S3_ENDPOINT", "--s3-endpoint", Type.URL, null),
    S3_PATH_STYLE("s3.path-style", "LOANETL_S3_PATH_STYLE", "--s3-path-style", Type.BOOLEAN, "false"),
    S3_ACCESS_KEY_ID("s3.access-key-id", "LOANETL_S3_ACCESS_KEY_ID", null, Type.SECRET, null),
    S3_SECRET_ACCESS_KEY("s3.secret-access-key", "LOANETL_S3_SECRET_ACCESS_KEY", null, Type.SECRET, null),
    ENGINE("engine.name", "LOANETL_ENGINE", "--engine", Type.ENGINE, "local"),
    /** Spark's master URL; every other {@code spark.*} key passes through to Spark ({@link Settings#sparkConf()}). */
    SPARK_MASTER("spark.master", "LOANETL_SPARK_MASTER", "--spark-master", Type.TEXT, null),
    SPARK_S3_SCHEME("engine.s3-scheme", "LOANETL_S3_SCHEME", null, Type.S3_SCHEME, "auto"),
    /** More Spark settings as {@code spark.key=value} items, over those of the file's {@code spark:} section. */
    SPARK_CONF("engine.spark-conf", "LOANETL_SPARK_CONF", "--conf", Type.LIST, null),
    THREADS("engine.threads", "LOANETL_THREADS", "--threads", Type.POSITIVE_INTEGER, "2"),
    /** Small files that may share one commit (1 to 50); 1 commits every file on its own. */
    FILES_PER_COMMIT("engine.files-per-commit", "LOANETL_FILES_PER_COMMIT", "--files-per-commit",
            Type.POSITIVE_INTEGER, "50"),
    /**
     * Files larger than this load as byte-range chunks of about this size, each committed on its own (docs/spark.md);
     * {@code 0} loads every file whole.
     */
    CHUNK_SIZE("engine.chunk-size", "LOANETL_CHUNK_SIZE", "--chunk-size", Type.BYTES, "128MB"),
    // self-healing (docs/operations.md): failures that pass are tried again, with a growing wait between tries
    RETRY_ATTEMPTS("retry.attempts", "LOANETL_RETRY_ATTEMPTS", "--retry-attempts", Type.POSITIVE_INTEGER, "4"),
    RETRY_FIRST_DELAY("retry.first-delay", "LOANETL_RETRY_FIRST_DELAY", null, Type.DURATION, "1s"),
    RETRY_MAX_DELAY("retry.max-delay", "LOANETL_RETRY_MAX_DELAY", null, Type.DURATION, "30s"),
    RETRY_DATABASE_OUTAGE("retry.database-outage", "LOANETL_RETRY_DATABASE_OUTAGE", "--wait-for-database",
            Type.DURATION, "5m"),
    // lineage events and metrics of a run (docs/operations.md); off unless set. OPENLINEAGE_* are the OpenLineage
    // client's own variables, honoured as it would
    /** {@code none}, {@code http}, {@code file} or {@code console}; unset: {@code http} when {@code lineage.url} is set. */
    LINEAGE_TRANSPORT("lineage.transport", "LOANETL_LINEAGE_TRANSPORT", "--lineage", Type.LINEAGE_TRANSPORT, null),
    LINEAGE_URL("lineage.url", "OPENLINEAGE_URL", "--lineage-url", Type.URL, null),
    LINEAGE_API_KEY("lineage.api-key", "OPENLINEAGE_API_KEY", null, Type.SECRET, null),
    LINEAGE_FILE("lineage.file", "LOANETL_LINEAGE_FILE", "--lineage-file", Type.TEXT, null),
    LINEAGE_NAMESPACE("lineage.namespace", "OPENLINEAGE_NAMESPACE", null, Type.TEXT, "loan-etl"),
    LINEAGE_JOB_NAME("lineage.job-name", "LOANETL_LINEAGE_JOB_NAME", null, Type.TEXT, "load"),
    /** The run this one is part of (an Airflow task, say); all three or none. Under Spark: the Spark application. */
    LINEAGE_PARENT_NAMESPACE("lineage.parent.namespace", "LOANETL_LINEAGE_PARENT_NAMESPACE", null, Type.TEXT, null),
    LINEAGE_PARENT_JOB("lineage.parent.job", "LOANETL_LINEAGE_PARENT_JOB", null, Type.TEXT, null),
    LINEAGE_PARENT_RUN_ID("lineage.parent.run-id", "LOANETL_LINEAGE_PARENT_RUN_ID", null, Type.TEXT, null),
    METRICS_PUSHGATEWAY_URL("metrics.pushgateway-url", "LOANETL_PUSHGATEWAY_URL", "--pushgateway", Type.URL, null),
    /** Seconds between pushes during a run; 0 pushes only at its end. */
    METRICS_PUSH_INTERVAL("metrics.push-interval-seconds", "LOANETL_PUSH_INTERVAL_SECONDS", null, Type.COUNT, "30"),
    METRICS_JOB("metrics.job", "LOANETL_METRICS_JOB", null, Type.TEXT, "loan-etl"),
    /** More labels of the pushed group ({@code instance: nightly}); a map in the file, {@code key=value} items elsewhere. */
    METRICS_GROUPING_KEY("metrics.grouping-key", "LOANETL_METRICS_GROUPING_KEY", null, Type.MAP, null),
    // loan-etl emr (docs/emr.md): the cluster, where the job's files are staged, and how to follow it
    EMR_REGION("emr.region", "LOANETL_EMR_REGION", "--emr-region", Type.TEXT, null),
    EMR_ENDPOINT("emr.endpoint", "LOANETL_EMR_ENDPOINT", "--emr-endpoint", Type.URL, null),
    EMR_RELEASE_LABEL("emr.release-label", "LOANETL_EMR_RELEASE_LABEL", "--release-label", Type.TEXT,
            EmrSettings.DEFAULT_RELEASE_LABEL),
    EMR_MASTER_INSTANCE_TYPE("emr.master-instance-type", "LOANETL_EMR_MASTER_INSTANCE_TYPE", "--master-instance-type",
            Type.TEXT, EmrSettings.DEFAULT_INSTANCE_TYPE),
    EMR_CORE_INSTANCE_TYPE("emr.core-instance-type", "LOANETL_EMR_CORE_INSTANCE_TYPE", "--core-instance-type",
            Type.TEXT, EmrSettings.DEFAULT_INSTANCE_TYPE),
    EMR_CORE_INSTANCE_COUNT("emr.core-instance-count", "LOANETL_EMR_CORE_INSTANCE_COUNT", "--core-instance-count",
            Type.COUNT, "2"),
    EMR_SUBNET_ID("emr.subnet-id", "LOANETL_EMR_SUBNET_ID", "--subnet-id", Type.TEXT, null),
    EMR_KEY_NAME("emr.key-name", "LOANETL_EMR_KEY_NAME", "--key-name", Type.TEXT, null),
    EMR_SERVICE_ROLE("emr.service-role", "LOANETL_EMR_SERVICE_ROLE", "--service-role", Type.TEXT,
            EmrSettings.DEFAULT_SERVICE_ROLE),
    EMR_JOB_FLOW_ROLE("emr.job-flow-role", "LOANETL_EMR_JOB_FLOW_ROLE", "--job-flow-role", Type.TEXT,
            EmrSettings.DEFAULT_JOB_FLOW_ROLE),
    EMR_LOG_URI("emr.log-uri", "LOANETL_EMR_LOG_URI", "--log-uri", Type.S3_URI, null),
    EMR_STAGING_URI("emr.staging-uri", "LOANETL_EMR_STAGING_URI", "--staging-uri", Type.S3_URI, null),
    EMR_IDLE_TIMEOUT("emr.idle-timeout", "LOANETL_EMR_IDLE_TIMEOUT", "--idle-timeout", Type.DURATION, "1h"),
    EMR_CUSTOM_AMI_ID("emr.custom-ami-id", "LOANETL_EMR_CUSTOM_AMI_ID", "--custom-ami-id", Type.TEXT, null),
    /** {@code s3://} scripts every node runs at start-up, in order. */
    EMR_BOOTSTRAP_ACTIONS("emr.bootstrap-actions", "LOANETL_EMR_BOOTSTRAP_ACTIONS", "--bootstrap-action", Type.S3_URIS,
            null),
    /** A map in the file ({@code team: data}); {@code key=value} items in the environment and flags. */
    EMR_TAGS("emr.tags", "LOANETL_EMR_TAGS", "--tag", Type.MAP, null),
    EMR_JOB_JAR("emr.job-jar", "LOANETL_EMR_JOB_JAR", "--job-jar", Type.TEXT, null),
    EMR_POLL_INTERVAL("emr.poll-interval", "LOANETL_EMR_POLL_INTERVAL", "--poll-interval", Type.DURATION, "30s");

    /** How a key's text is checked. */
    public enum Type {
        TEXT, SECRET, LIST, BOOLEAN, INTEGER, POSITIVE_INTEGER, AFTER, ENGINE, IDENTIFIER, URL, S3_SCHEME,
        /** {@code warn} or {@code refuse}: what a funding footer that the rows do not add up to does. */
        CONTROL_TOTALS,
        /** A JDBC URL: without a user and password before the host, which pgjdbc would not read but print. */
        JDBC_URL,
        /**
         * Words separated by commas everywhere, a flag and a file's scalar included ({@code NA,N/A}), or a list in the
         * file; unlike {@link #LIST}, where an item may hold a comma. An empty value is an empty list, not unset.
         */
        WORDS,
        /** {@code refuse} or {@code skip-filter}. */
        NO_CREDIT_SCORE,
        /** {@code key=value} items; a map in the file. */
        MAP,
        /** {@code 500ms}, {@code 30s}, {@code 45m}, {@code 1h}, {@code 2d}; a bare number is seconds. */
        DURATION,
        /** A whole number of at least 0. */
        COUNT,
        /** {@code s3://bucket/prefix}. */
        S3_URI,
        /** {@code s3://bucket/key} items: a list in the file, comma-separated in the environment, a repeated flag. */
        S3_URIS,
        /** {@code none}, {@code http}, {@code file} or {@code console}. */
        LINEAGE_TRANSPORT,
        /** {@code 128MB}, {@code 64m}, {@code 1GiB}, {@code 0}: KB, MB and GB are 1024-based, as Spark's sizes are. */
        BYTES
    }

    private final String key;
    private final String env;
    private final String flag;
    private final Type type;
    private final String defaultValue;

    ConfigKey(String key, String env, String flag, Type type, String defaultValue) {
        this.key = key;
        this.env = env;
        this.flag = flag;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /** The dotted name in the YAML file: {@code filters.min-credit-score}. */
    public String key() {
        return key;
    }

    /** The environment variable: {@code LOANETL_MIN_CREDIT_SCORE}. */
    public String env() {
        return env;
    }

    /** The command-line flag, if the key has one. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    public Type type() {
        return type;
    }

    /** The default as text, or {@code null} when the key has none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The key with this dotted name. */
    public static Optional<ConfigKey> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }

    /** The dotted names of all keys, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ConfigKey::key).toList();
    }

    /** The kebab-case word of the flag name of a filter key: {@code charged_off} for {@code filters.charged-off}. */
    public String filterLabel() {
        return key.substring(key.indexOf('.') + 1).replace('-', '_').toLowerCase(Locale.ROOT);
    }
}
