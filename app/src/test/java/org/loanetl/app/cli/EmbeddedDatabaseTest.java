package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;

/**
 * Without {@code --db}, loan-etl runs its own PostgreSQL with its data under the home folder: the README's first
 * command. A second run finds what the first loaded; {@code status} and {@code rejects} read the same data.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheBundledSamplesThenSkipsThemAndShowsStatusAndRejects() throws IOException {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        try (var files = Files.list(Fixtures.root().getParent().resolve("samples"))) {
            for (Path file : files.toList()) {
                Files.copy(file, samples.resolve(file.getFileName()));
            }
        }
        String home = dir.resolve("home").toString();

        Run first = Cli.run("load", samples.toString(), "--home", home);
        Run second = Cli.run("load", samples.toString(), "--home", home);
        Run status = Cli.run("status", "--home", home);
        Run rejects = Cli.run("rejects", "--home", home, "--file", "generated", "--limit", "2");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("original-job-sample-53col.csv", "loaded", "embedded PostgreSQL in "
                + dir.resolve("home").resolve("pgdata").toAbsolutePath());
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("original-job-sample-53col.csv: skipped: loaded already at")
                .containsPattern("original-job-sample-53col.csv +skipped")
                .containsPattern("generated-modern-151col.csv +skipped");
        assertThat(status.out()).contains("original-job-sample-53col.csv", "generated-modern-151col.csv",
                "total (2 files)");
        assertThat(rejects.exitCode()).isZero();
        assertThat(rejects.out()).containsPattern("generated-modern-151col.csv:\\d+: [a-z_]+: not ")
                .contains("2+ rejects shown");
    }

    @Test
    void dbCommandRefusesARealDatabase() {
        Run run = Cli.run("db", "--db", "jdbc:postgresql://127.0.0.1:1/none");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
