package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.cli.ExitCode;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;

/**
 * Secrets never reach a message, however they were given: not by masking the secret's text wherever it occurs (which
 * shows it by elimination), not through a URL that carries a user and password, not through a YAML error that quotes
 * the broken line.
 */
class SecretsInMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aOneLetterPasswordLeavesTheMessageWhole() throws IOException {
        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", "e"), "load", sample(), "--db",
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/loans", "--db-user", "loader", "--wait-for-database", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.all()).contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:")
                .doesNotContain("***");
    }

    @Test
    void refusesAJdbcUrlWithAUserAndPasswordWithoutShowingThem() {
        Run run = Cli.run(Map.of(), "load", sample(), "--db", "jdbc:postgresql://bench:secret123@127.0.0.1:5432/loans");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("option --db: holds a user name and password before the host",
                "jdbc:postgresql://***@127.0.0.1:5432/loans", "LOANETL_DB_PASSWORD");
        assertThat(run.all()).doesNotContain("secret123", "bench:");
    }

    @Test
    void refusesAnS3EndpointWithAUserAndPasswordWithoutShowingThem() {
        Run run = Cli.run(Map.of("LOANETL_S3_ENDPOINT", "http://minio:s3cr3t-key@127.0.0.1:9000"), "load",
                "s3://bucket/loans/", "--db", "jdbc:postgresql://127.0.0.1:5432/loans");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("environment variable LOANETL_S3_ENDPOINT: holds a user name and password");
        assertThat(run.all()).doesNotContain("s3cr3t-key");
    }

    @Test
    void aYamlErrorDoesNotQuoteTheLineThatHoldsThePassword() throws IOException {
        Path config = Files.writeString(dir.resolve("loan-etl.yaml"),
                "database:\n  jdbc-url: jdbc:postgresql://127.0.0.1/loans\n  password: [hunter2-secret\n");

        Run run = Cli.run(Map.of(), "load", sample(), "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("not valid YAML").contains("(line ");
        assertThat(run.all()).doesNotContain("hunter2");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    private static String sample() {
        return Fixtures.path("reference/sample-53col.csv").toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
