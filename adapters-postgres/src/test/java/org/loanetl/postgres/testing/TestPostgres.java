package org.loanetl.postgres.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.loanetl.postgres.PostgresSettings;

/**
 * The one embedded PostgreSQL server of a test JVM (zonky, from a Maven dependency), for every module's tests: started
 * on first use, stopped by zonky's shutdown hook, tuned for tests (no fsync). Each caller takes a schema of its own
 * ({@link #newSchema()}, {@link #settings}), so tests never see each other's tables. The superuser {@code postgres}
 * logs in without a password; {@code pg_hba.conf} makes the role {@value #USER} give {@link #PASSWORD}
 * ({@code scram-sha-256}), so tests can show what a wrong password does, and trusts every other role, so an unknown
 * role is refused as unknown. {@link TestPostgresExtension} starts it before a test class and hands out settings.
 */
public final class TestPostgres {

    /** A login role that must authenticate with {@link #PASSWORD}. */
    public static final String USER = "loader";
    /** The password of {@link #USER}; tests check it never shows in output. */
    public static final String PASSWORD = "Tr0ub4dor&3-not-for-logs";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** The server, started on first call. */
    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static EmbeddedPostgres start() {
        try {
            Path hba = Files.createTempDirectory("loanetl-test-hba").resolve("pg_hba.conf");
            Files.writeString(hba, String.join("\n",
                    "local all all trust",
                    "host all " + USER + " 127.0.0.1/32 scram-sha-256",
                    "host all " + USER + " ::1/128 scram-sha-256",
                    "host all all 127.0.0.1/32 trust",
                    "host all all ::1/128 trust", ""));
            EmbeddedPostgres started = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("hba_file", hba.toString())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            Jdbi.create("jdbc:postgresql://127.0.0.1:" + started.getPort() + "/postgres", "postgres", "")
                    .useHandle(h -> {
                        h.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                        h.execute("GRANT CREATE ON DATABASE postgres TO " + USER);
                    });
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server now, if no test has yet. */
    public static void ensureStarted() {
        server();
    }

    /** The port the server listens on. */
    public static int port() {
        return server().getPort();
    }

    /** A URL of the {@code postgres} database, without user or password. */
    public static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    /** A URL that logs in as the superuser, without a password. */
    public static String superuserUrl() {
        return jdbcUrl() + "?user=postgres";
    }

    /** A schema name no other test of any JVM on this machine uses. */
    public static String newSchema() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** Superuser settings in a fresh schema named after the caller: {@code sink_3}. */
    public static PostgresSettings settings(String prefix) {
        return new PostgresSettings(jdbcUrl(), "postgres", "", prefix + "_" + SCHEMAS.incrementAndGet());
    }

    /** A Jdbi that logs in as the superuser, for looking at the tables. */
    public static Jdbi jdbi() {
        return Jdbi.create(jdbcUrl(), "postgres", "");
    }

    /** A superuser connection. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(superuserUrl());
    }

    /** Runs statements as the superuser. */
    public static void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
