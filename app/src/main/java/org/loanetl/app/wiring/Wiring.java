package org.loanetl.app.wiring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.aws.s3.S3LoanFileSource;
import org.loanetl.aws.s3.S3Settings;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.load.CommitGroups;
import org.loanetl.domain.load.RetryPolicy;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.ControlTotalMismatch;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.rules.NullTokens;
import org.loanetl.local.LocalFolderLoanFileSource;
import org.loanetl.postgres.PostgresSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds what a command needs from settings; every failure names the key that caused it. */
public final class Wiring {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private Wiring() {
    }

    /** The key that switches a filter on or off. */
    public static ConfigKey filterKey(FilterReason reason) {
        return switch (reason) {
            case CHARGED_OFF -> ConfigKey.FILTER_CHARGED_OFF;
            case PURPOSE_OTHER -> ConfigKey.FILTER_PURPOSE_OTHER;
            case LOW_CREDIT_SCORE -> ConfigKey.FILTER_LOW_CREDIT_SCORE;
        };
    }

    /**
     * The loan rules: which filters, which minimum, the score columns in the order they are tried, what to do with a
     * file that has none of them, the words that are null, and what a control-total mismatch does.
     */
    public static LoadRules rules(Settings settings) {
        Set<FilterReason> filters = EnumSet.noneOf(FilterReason.class);
        for (FilterReason reason : FilterReason.values()) {
            if (settings.bool(filterKey(reason))) {
                filters.add(reason);
            }
        }
        NoCreditScore whenNoScore = NoCreditScore.fromLabel(settings.text(ConfigKey.WHEN_NO_CREDIT_SCORE));
        NullTokens nullTokens = new NullTokens(settings.list(ConfigKey.NULL_VALUES));
        try {
            ControlTotalMismatch mismatch = ControlTotalMismatch.valueOf(
                    settings.text(ConfigKey.CONTROL_TOTALS).trim().toUpperCase(Locale.ROOT));
            return new LoadRules(filters, settings.integer(ConfigKey.MIN_CREDIT_SCORE),
                    settings.list(ConfigKey.CREDIT_SCORE_COLUMN), whenNoScore, nullTokens, mismatch);
        } catch (LoanEtlException e) {
            throw new ConfigException(settings.origin(ConfigKey.CREDIT_SCORE_COLUMN) + ": " + e.getMessage());
        }
    }

    /** What to do with files after their commit. */
    public static AfterLoad after(Settings settings) {
        return AfterLoad.valueOf(settings.text(ConfigKey.SOURCE_AFTER).trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The files named on the command line or in {@code source.paths}: local paths and {@code file:} URIs, and
     * {@code s3://bucket/prefix} URIs, in one run. {@code source.archive-dir} applies to the sources of its own kind (a
     * folder to local files, an {@code s3://} URI to S3 keys); the other kind archives into its default place.
     */
    public static Sources source(Settings settings) {
        List<String> paths = settings.list(ConfigKey.SOURCE_PATHS);
        if (paths.isEmpty()) {
            throw new ConfigException("nothing to load: name a folder, file or s3://bucket/prefix, or set source.paths in the config file");
        }
        List<String> s3 = paths.stream().filter(Wiring::isS3).toList();
        List<String> local = paths.stream().filter(p -> !isS3(p)).toList();
        String archive = settings.text(ConfigKey.SOURCE_ARCHIVE_DIR);
        boolean s3Archive = archive != null && isS3(archive);
        return new Sources(local.isEmpty() ? null : localSource(settings, local, s3Archive ? null : archive),
                s3.isEmpty() ? null : s3Source(settings, s3, s3Archive ? archive : null));
    }

    /** The local files and folders among the sources (not s3:// ones), as paths; none when no source is named. */
    public static List<Path> localSourcePaths(Settings settings) {
        return settings.list(ConfigKey.SOURCE_PATHS).stream().filter(p -> !isS3(p))
                .map(p -> localPath(settings, ConfigKey.SOURCE_PATHS, p)).toList();
    }

    private static LoanFileSource localSource(Settings settings, List<String> paths, String archive) {
        List<Path> roots = paths.stream().map(p -> localPath(settings, ConfigKey.SOURCE_PATHS, p)).toList();
        for (Path root : roots) {
            if (!root.toFile().exists()) {
                throw new ConfigException(settings.origin(ConfigKey.SOURCE_PATHS) + ": " + root + ": no such file or folder");
            }
        }
        Path archiveDir = archive == null ? null : localPath(settings, ConfigKey.SOURCE_ARCHIVE_DIR, archive);
        if (archiveDir != null) {
            Path archivePath = archiveDir.toAbsolutePath().normalize();
            for (Path root : roots) {
                Path source = root.toAbsolutePath().normalize();
                if (source.startsWith(archivePath)) {
                    // the listing leaves the archive out, so a source inside it would list nothing and say nothing
                    throw new ConfigException(settings.origin(ConfigKey.SOURCE_ARCHIVE_DIR) + ": " + archivePath
                            + (source.equals(archivePath) ? " is the source " : " holds the source ") + source
                            + ": name an archive folder outside the sources (or inside a source folder)");
                }
            }
        }
        LocalFolderLoanFileSource source = new LocalFolderLoanFileSource(roots, archiveDir,
                Duration.ofSeconds(settings.integer(ConfigKey.SOURCE_SETTLE_SECONDS)));
        if (!settings.bool(ConfigKey.SOURCE_TRUST_UNCHANGED)) {
            source.hashAhead(); // while the database opens; with trust, most files are not hashed at all
        }
        return source;
    }

    private static LoanFileSource s3Source(Settings settings, List<String> uris, String archive) {
        S3Settings s3 = s3Settings(settings);
        try {
            s3 = s3.withArchive(archive);
        } catch (LoanEtlException e) {
            throw new ConfigException(settings.origin(ConfigKey.SOURCE_ARCHIVE_DIR) + ": " + e.getMessage());
        }
        try {
            return new S3LoanFileSource(uris, s3);
        } catch (LoanEtlException e) {
            throw new ConfigException(settings.origin(ConfigKey.SOURCE_PATHS) + ": " + e.getMessage());
        }
    }

    /**
     * How S3 is reached, from the {@code s3.*} keys (region, endpoint, path style, keys), for the S3 sources and for
     * staging an EMR job; no archive location. A blank region is unset: the SDK's region chain decides.
     */
    static S3Settings s3Settings(Settings settings) {
        String keyId = settings.text(ConfigKey.S3_ACCESS_KEY_ID);
        String secret = settings.text(ConfigKey.S3_SECRET_ACCESS_KEY);
        if ((keyId == null) != (secret == null)) {
            ConfigKey missing = keyId == null ? ConfigKey.S3_ACCESS_KEY_ID : ConfigKey.S3_SECRET_ACCESS_KEY;
            throw new ConfigException("config key " + missing.key() + " (or " + missing.env() + "): missing; "
                    + "give both s3.access-key-id and s3.secret-access-key, or neither to use the AWS credentials chain");
        }
        String region = settings.text(ConfigKey.S3_REGION);
        String endpoint = settings.text(ConfigKey.S3_ENDPOINT);
        return new S3Settings(region == null || region.isBlank() ? null : region.trim(),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()),
                settings.bool(ConfigKey.S3_PATH_STYLE), keyId, secret, null, S3Settings.MAX_PAGE_SIZE);
    }

    private static boolean isS3(String text) {
        return text.regionMatches(true, 0, "s3://", 0, 5);
    }

    /** A local path or a {@code file:} URI (a source, or the archive folder); a refusal names the key that named it. */
    private static Path localPath(Settings settings, ConfigKey key, String text) {
        String source = settings.origin(key) + ": " + text;
        if (text.startsWith("file:")) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(text.startsWith("file://") ? text : "file://" + text.substring(5));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": not a file: URI (" + e.getMessage() + ")");
            }
            if (uri.getAuthority() != null && !uri.getAuthority().equalsIgnoreCase("localhost")) {
                throw new ConfigException(source + ": a file: URI names a file on this machine"
                        + " (file:///path), not one on host " + uri.getAuthority());
            }
            return Path.of(uri.getPath());
        }
        if (text.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new ConfigException(source + ": not a local path, file: URI or s3:// URI");
        }
        return Path.of(text);
    }

    /**
     * Small files that may share a commit ({@code engine.files-per-commit}): 1 to
     * {@value CommitGroups#MAX_FILES_PER_COMMIT}.
     */
    /**
     * How failures that pass are retried ({@code retry.*}): {@code retry.attempts} tries of a file whose source
     * throttles or is cut, waits from {@code retry.first-delay} growing to {@code retry.max-delay}, and
     * {@code retry.database-outage} of waiting for a lost database ({@code 0} fails its files at once).
     */
    public static RetryPolicy retries(Settings settings) {
        Duration first = EmrWiring.duration(settings, ConfigKey.RETRY_FIRST_DELAY);
        Duration max = EmrWiring.duration(settings, ConfigKey.RETRY_MAX_DELAY);
        if (max.compareTo(first) < 0) {
            throw new ConfigException(settings.origin(ConfigKey.RETRY_MAX_DELAY) + ": shorter than "
                    + ConfigKey.RETRY_FIRST_DELAY.key() + " (" + settings.text(ConfigKey.RETRY_FIRST_DELAY).trim() + ")");
        }
        return new RetryPolicy((int) Math.min(settings.integer(ConfigKey.RETRY_ATTEMPTS), 100), first, max,
                EmrWiring.duration(settings, ConfigKey.RETRY_DATABASE_OUTAGE));
    }

    public static int filesPerCommit(Settings settings) {
        long perCommit = settings.integer(ConfigKey.FILES_PER_COMMIT);
        if (perCommit > CommitGroups.MAX_FILES_PER_COMMIT) {
            throw new ConfigException(settings.origin(ConfigKey.FILES_PER_COMMIT) + ": " + perCommit + " is more than "
                    + CommitGroups.MAX_FILES_PER_COMMIT + " (a shared commit holds its files' rows in memory, and their"
                    + " claims, until it ends)");
        }
        return (int) perCommit;
    }

    /** The database to load into: the one configured, or the embedded one under the home folder. */
    public static Database database(Settings settings) {
        return Databases.open(settings);
    }

    /**
     * {@link #database}, for a load: a scheduled run that finds the database down (restarting, failing over) waits
     * for it, as a run that loses it in the middle does, for at most {@code retry.database-outage}. Commands a person
     * runs ({@code status}, {@code db}, {@code rejects}) do not wait.
     */
    public static Database databaseForLoad(Settings settings) {
        return retries(settings).reaching(() -> Databases.open(settings), (lost, wait) -> LOG.warn(
                "{} (waiting {} ms for it to come back, up to {} in all)", lost.getMessage(), wait.toMillis(),
                settings.text(ConfigKey.RETRY_DATABASE_OUTAGE).trim()));
    }

    /** A PostgreSQL database, opened and migrated (for the library face, {@code LoanEtl}). */
    public static Database postgres(PostgresSettings settings) {
        return new Database(org.loanetl.postgres.PostgresDatabase.open(settings), null);
    }

    /** The embedded PostgreSQL with its data under {@code home}, started, opened and migrated. */
    public static Database embeddedPostgres(Path home, String schema) {
        return Databases.embedded(home, schema);
    }

    /**
     * The database for a command that only reads: empty when its schema does not exist yet, which such a command
     * reports instead of creating the schema.
     */
    public static java.util.Optional<Database> existingDatabase(Settings settings) {
        return Databases.open(settings, true);
    }

    /** What a read-only command says of a schema that does not exist: nothing was loaded into it. */
    public static String emptySchema(Settings settings) {
        String schema = settings.text(ConfigKey.DATABASE_SCHEMA);
        return "schema " + (schema == null || schema.isBlank() ? "loanetl" : schema.trim()) + " does not exist yet:"
                + " nothing has been loaded into it ('loan-etl load' creates it)";
    }
}
