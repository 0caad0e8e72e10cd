package org.loanetl.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The one embedded PostgreSQL server of this test JVM, started on first use and stopped by zonky's shutdown hook.
 * Tuned for tests (no fsync). Each caller takes a schema of its own ({@link #settings}), so classes never see each
 * other's tables. Its {@code pg_hba.conf} trusts every role but {@value #PASSWORD_ROLE}, which must give its password
 * ({@code scram-sha-256}), so a wrong password can be tested.
 */
final class TestPostgres {

    /** A login role that must authenticate with {@link #PASSWORD}. */
    static final String PASSWORD_ROLE = "loader";
    static final String PASSWORD = "s3cret-Pa55word";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** The server, started on first call. */
    static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path hba = Files.createTempDirectory("loanetl-test-hba").resolve("pg_hba.conf");
                Files.writeString(hba, String.join("\n",
                        "local all all trust",
                        "host all " + PASSWORD_ROLE + " 127.0.0.1/32 scram-sha-256",
                        "host all " + PASSWORD_ROLE + " ::1/128 scram-sha-256",
                        "host all all 127.0.0.1/32 trust",
                        "host all all ::1/128 trust", ""));
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("hba_file", hba.toString())
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
                Jdbi.create(jdbcUrl(), "postgres", "").useHandle(h -> {
                    h.execute("CREATE ROLE " + PASSWORD_ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
                    h.execute("GRANT CREATE ON DATABASE postgres TO " + PASSWORD_ROLE);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** The port the server listens on. */
    static int port() {
        return server().getPort();
    }

    /** A URL of the {@code postgres} database, without user or password. */
    static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/postgres";
    }

    /** Superuser settings in a fresh schema named after the caller: {@code sink_3}. */
    static PostgresSettings settings(String prefix) {
        return new PostgresSettings(jdbcUrl(), "postgres", "", prefix + "_" + SCHEMAS.incrementAndGet());
    }

    /** A Jdbi that logs in as the superuser, for looking at the tables. */
    static Jdbi jdbi() {
        return Jdbi.create(jdbcUrl(), "postgres", "");
    }
}
