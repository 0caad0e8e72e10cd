package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.SinkException;
import org.loanetl.postgres.testing.TestPostgres;

/** Opening a database: the one-line messages of the commonest mistakes, and never the password in them. */
class PostgresDatabaseTest {

    @Test
    void opensWithTheRightPassword() {
        PostgresSettings settings = new PostgresSettings(TestPostgres.jdbcUrl(), TestPostgres.USER,
                TestPostgres.PASSWORD, "password_ok");

        PostgresDatabase database = PostgresDatabase.open(settings);

        assertThat(database.loadedFiles()).isEmpty();
        assertThat(database.describe()).isEqualTo(TestPostgres.jdbcUrl() + ", schema password_ok");
    }

    @Test
    void attachesToADatabaseSetUpElsewhereWithoutMigrating() {
        PostgresSettings settings = new PostgresSettings(TestPostgres.jdbcUrl(), TestPostgres.USER,
                TestPostgres.PASSWORD, "attached");
        PostgresDatabase.open(settings);
        PostgresSettings unmigrated = settings.withSchema("attached_never_migrated");

        PostgresDatabase attached = PostgresDatabase.attach(settings);

        assertThat(attached.loadedFiles()).isEmpty();
        assertThatThrownBy(() -> PostgresDatabase.attach(unmigrated).loadedFiles())
                .isInstanceOf(SinkException.class);
    }

    @Test
    void saysThePasswordIsWrongWithoutShowingIt() {
        PostgresSettings settings = new PostgresSettings(TestPostgres.jdbcUrl(), TestPostgres.USER,
                "Wrong-Secret-42", "password_wrong");

        assertThatThrownBy(() -> PostgresDatabase.open(settings))
                .isInstanceOf(DatabaseLoginException.class)
                .hasMessage("cannot connect to PostgreSQL at " + TestPostgres.jdbcUrl() + " as loader: wrong password"
                        + " (password authentication failed for user \"loader\")")
                .hasMessageNotContaining("Wrong-Secret-42");
    }

    @Test
    void saysTheServerIsUnreachableWithoutShowingThePassword() throws IOException {
        int port = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?password=Url-Secret-1&sslmode=disable";
        PostgresSettings settings = new PostgresSettings(url, "loader", "Field-Secret-2", "unreachable");

        assertThatThrownBy(() -> PostgresDatabase.open(settings))
                .isInstanceOf(SinkException.class)
                .isNotInstanceOf(DatabaseLoginException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + port
                        + "/postgres?password=***&sslmode=disable as loader: server unreachable (Connection to"
                        + " 127.0.0.1:" + port + " refused")
                .hasMessageNotContaining("Url-Secret-1")
                .hasMessageNotContaining("Field-Secret-2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void saysTheDatabaseDoesNotExist() {
        String url = "jdbc:postgresql://localhost:" + TestPostgres.port() + "/no_such_db";
        PostgresSettings settings = new PostgresSettings(url, "postgres", "", "nodb");

        assertThatThrownBy(() -> PostgresDatabase.open(settings))
                .isInstanceOf(DatabaseLoginException.class)
                .hasMessage("cannot connect to PostgreSQL at " + url + " as postgres: no such database (database"
                        + " \"no_such_db\" does not exist)");
    }

    @Test
    void saysAnUnknownRoleIsRefused() {
        PostgresSettings settings = new PostgresSettings(TestPostgres.jdbcUrl(), "nobody_here", "pw-123", "norole");

        assertThatThrownBy(() -> PostgresDatabase.open(settings))
                .isInstanceOf(DatabaseLoginException.class)
                .hasMessage("cannot connect to PostgreSQL at " + TestPostgres.jdbcUrl() + " as nobody_here: login"
                        + " refused (role \"nobody_here\" does not exist)");
    }

    @Test
    void saysWhyTheSchemaCannotBeSetUp() {
        TestPostgres.jdbi().useHandle(h -> h.execute("CREATE SCHEMA IF NOT EXISTS not_ours"));
        TestPostgres.jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS not_ours.t (x int)"));
        PostgresSettings settings = new PostgresSettings(TestPostgres.jdbcUrl(), "postgres", "", "not_ours");

        assertThatThrownBy(() -> PostgresDatabase.open(settings))
                .isInstanceOf(SinkException.class)
                .hasMessageStartingWith("cannot set up schema not_ours: ")
                .hasMessageNotContaining("\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
