package org.loanetl.app.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (zonky, from a Maven dependency), started on first use and stopped at exit. The
 * superuser {@code postgres} logs in without a password; the role {@value #USER} must give {@value #PASSWORD}, so
 * tests can show what a wrong password does. Each test takes its own schema from {@link #newSchema()}.
 */
public final class PostgresServer {

    public static final String USER = "loader";
    public static final String PASSWORD = "Tr0ub4dor&3-not-for-logs";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static PostgresServer instance;

    private final EmbeddedPostgres server;

    private PostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The shared server. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    instance.server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return instance;
    }

    private static PostgresServer start() {
        try {
            Path data = Files.createTempDirectory("loanetl-pg");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .start();
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
            PostgresServer started = new PostgresServer(server);
            started.execute("SELECT pg_reload_conf()",
                    "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'",
                    "GRANT CREATE ON DATABASE postgres TO " + USER);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }

    /** A URL that logs in as the superuser without a password. */
    public String superuserUrl() {
        return jdbcUrl() + "?user=postgres";
    }

    /** A schema name no other test uses. */
    public static String newSchema() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** A superuser connection. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(superuserUrl());
    }

    /** Runs statements as the superuser. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
