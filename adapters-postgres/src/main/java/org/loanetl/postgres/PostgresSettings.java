package org.loanetl.postgres;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the database is and who logs in. Serializable, so Spark executors can open their own connections.
 * {@link #toString()} and every message built from these settings mask the password.
 *
 * @param jdbcUrl  a pgjdbc URL, {@code jdbc:postgresql://host:5432/database}
 * @param user     the login role, or {@code null} to take it from the URL
 * @param password the password, empty when none (trust or peer authentication); {@code null} is read as empty
 * @param schema   the schema that holds loan-etl's tables, created if missing; {@code null} or blank means
 *                 {@value #DEFAULT_SCHEMA}. Lower case only, because an unquoted upper-case name would name another
 *                 schema than Flyway's quoted one
 * @param currentTable whether each load also keeps {@code loan_latest} and the view {@code loans_current} at each
 *                     loan's newest snapshot ({@code database.current-table}), in the same transaction
 */
public record PostgresSettings(String jdbcUrl, String user, String password, String schema, boolean currentTable)
        implements Serializable {

    public static final String DEFAULT_SCHEMA = "loanetl";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");
    private static final String MASK = "***";

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        password = password == null ? "" : password;
        schema = schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema.trim();
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbc url " + maskUrl(jdbcUrl)
                    + ": not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (org.postgresql.Driver.parseURL(jdbcUrl, null) == null) {
            throw new IllegalArgumentException("jdbc url " + maskUrl(jdbcUrl) + ": not a valid PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:port/database: a port from 1 to 65535, a / before the database)");
        }
        if (!IDENTIFIER.matcher(schema).matches() || schema.startsWith("pg_")) {
            throw new IllegalArgumentException("schema \"" + schema + "\": not a plain SQL identifier (lower-case"
                    + " letters, digits and _, not starting with a digit or pg_, at most 63 characters)");
        }
    }

    /** Settings that keep history only (no {@code loans_current}). */
    public PostgresSettings(String jdbcUrl, String user, String password, String schema) {
        this(jdbcUrl, user, password, schema, false);
    }

    /** These settings, keeping {@code loans_current} too. */
    public PostgresSettings keepingCurrentLoans() {
        return new PostgresSettings(jdbcUrl, user, password, schema, true);
    }

    /** Settings for this URL, user and password, in the default schema. */
    public static PostgresSettings of(String jdbcUrl, String user, String password) {
        return new PostgresSettings(jdbcUrl, user, password, DEFAULT_SCHEMA);
    }

    /** These settings with another schema. */
    public PostgresSettings withSchema(String otherSchema) {
        return new PostgresSettings(jdbcUrl, user, password, otherSchema, currentTable);
    }

    /** The URL with any {@code password=} parameter masked, for messages. */
    public String safeJdbcUrl() {
        return maskUrl(jdbcUrl);
    }

    /**
     * Text for a message with any {@code password=} URL parameter and any user and password before a URL's host
     * masked. The password itself is never searched for and replaced: that would show it by elimination (a password
     * {@code e} turns {@code connect} into {@code conn***ct}); no message is built from a string that holds it.
     */
    String mask(String text) {
        return text == null ? "" : maskUrl(text);
    }

    /** The schema as a quoted SQL identifier, to qualify table names: {@code "loanetl"}. */
    String quotedSchema() {
        return '"' + schema + '"';
    }

    private static String maskUrl(String url) {
        String withoutUser = USER_INFO.matcher(url).replaceAll("//" + Matcher.quoteReplacement(MASK) + "@");
        return URL_PASSWORD.matcher(withoutUser).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + safeJdbcUrl() + ", user=" + user + ", password="
                + (password.isEmpty() ? "(none)" : MASK) + ", schema=" + schema + "]";
    }
}
