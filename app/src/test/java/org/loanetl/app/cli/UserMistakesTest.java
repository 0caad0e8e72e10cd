package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.app.testing.PostgresServer;
import org.loanetl.domain.testing.Fixtures;

/** A user's mistake gets one clear line, the right exit code, no stack trace and never a password. */
class UserMistakesTest {

    private static final PostgresServer DB = PostgresServer.get();

    @TempDir
    Path dir;

    @Test
    void namesAnUnknownConfigKey() throws IOException {
        Path config = write("loan-etl.yaml", "filters:\n  min-credit-scor: 700\n");

        Run run = Cli.run("load", sample(), "--config", config.toString(), "--db", DB.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: config key filters.min-credit-scor: unknown key");
        assertOneLineNoTrace(run);
    }

    @Test
    void namesAnIllTypedConfigKeyAndItsValue() throws IOException {
        Path config = write("loan-etl.yaml", "filters:\n  min-credit-score: seven hundred\n");

        Run run = Cli.run("load", sample(), "--config", config.toString(), "--db", DB.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip())
                .isEqualTo("loan-etl: config key filters.min-credit-score: not an integer: \"seven hundred\"");
    }

    @Test
    void namesTheEnvironmentVariableThatHoldsABadValue() {
        Run run = Cli.run(Map.of("LOANETL_THREADS", "zero"), "load", sample(), "--db", DB.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip())
                .isEqualTo("loan-etl: environment variable LOANETL_THREADS: not a whole number of at least 1: \"zero\"");
    }

    @Test
    void namesTheAllowedValuesOfWhatToDoWithoutAScore() {
        Run run = Cli.run("load", sample(), "--when-no-credit-score", "ignore", "--db", DB.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip())
                .isEqualTo("loan-etl: option --when-no-credit-score: not one of refuse, skip-filter: \"ignore\"");
        assertOneLineNoTrace(run);
    }

    @Test
    void namesTheEnvironmentVariableThatNamesANonScoreColumn() {
        Run run = Cli.run(Map.of("LOANETL_CREDIT_SCORE_COLUMN", "fico_range_low,grade"), "load", sample(), "--db",
                DB.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: environment variable LOANETL_CREDIT_SCORE_COLUMN: credit-score column"
                + " grade: not a known integer column");
        assertOneLineNoTrace(run);
    }

    @Test
    void refusesAnUnknownFilterName() {
        Run run = Cli.run("load", sample(), "--no-filter", "fico", "--db", DB.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: option --no-filter: ").contains("fico");
        assertOneLineNoTrace(run);
    }

    @Test
    void saysTheFolderDoesNotExist() {
        Run run = Cli.run("load", dir.resolve("nowhere").toString(), "--db", DB.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("nowhere: no such file or folder");
        assertOneLineNoTrace(run);
    }

    @Test
    void saysThePasswordIsWrongWithoutShowingIt() {
        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", "wrong-" + PostgresServer.PASSWORD),
                "load", sample(), "--db", DB.jdbcUrl(), "--db-user", PostgresServer.USER);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("cannot connect to PostgreSQL at " + DB.jdbcUrl() + " as loader: wrong password");
        assertThat(run.all()).doesNotContain(PostgresServer.PASSWORD);
        assertOneLineNoTrace(run);
    }

    @Test
    void logsInWithThePasswordFromTheEnvironment() {
        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", PostgresServer.PASSWORD),
                "load", sample(), "--db", DB.jdbcUrl(), "--db-user", PostgresServer.USER, "--schema",
                PostgresServer.newSchema());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(PostgresServer.PASSWORD);
    }

    @Test
    void saysTheDatabaseIsUnreachable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", PostgresServer.PASSWORD),
                "load", sample(), "--db", "jdbc:postgresql://127.0.0.1:" + port + "/loans", "--db-user", "loader");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + port
                + "/loans as loader: server unreachable");
        assertThat(run.all()).doesNotContain(PostgresServer.PASSWORD);
        assertOneLineNoTrace(run);
    }

    @Test
    void masksAPasswordGivenInsideTheUrl() {
        Run run = Cli.run("load", sample(), "--db", DB.jdbcUrl() + "?user=loader&password=" + "url-secret-42");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.all()).doesNotContain("url-secret-42").contains("password=***");
    }

    private static void assertOneLineNoTrace(Run run) {
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.all()).doesNotContain("\tat ", "Exception:");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String sample() {
        return Fixtures.path("reference/sample-53col.csv").toString();
    }
}
