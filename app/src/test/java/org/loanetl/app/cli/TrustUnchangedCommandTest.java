package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * {@code --trust-unchanged} through the CLI: a rerun takes a kept file's version from the ledger by its stat, and, as
 * docs/configuration.md warns, so skips a file rewritten in place with its size and time restored, which a run
 * without it loads as the new version it is.
 */
@ExtendWith(TestPostgresExtension.class)
class TrustUnchangedCommandTest {

    @TempDir
    Path dir;

    @Test
    void takesTheRecordedVersionWhileTheStatHoldsAndHashesWithoutTrust() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Path sample = input.resolve("sample.csv");
        Files.copy(Fixtures.path("reference/sample-53col.csv"), sample);
        String schema = TestPostgres.newSchema();
        assertThat(load(input, schema).exitCode()).isZero();
        List<List<String>> stats = LoadCommandTest.query("SELECT source_stat FROM " + schema + ".loaded_files");
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).get(0)).startsWith("size=" + Files.size(sample) + " modified=").contains(" key=(");

        // the same size, other bytes, written in place, and the old modification time put back
        FileTime modified = Files.getLastModifiedTime(sample);
        byte[] bytes = Files.readAllBytes(sample);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("Fully Paid");
        bytes[at] = 'f';
        Files.write(sample, bytes);
        Files.setLastModifiedTime(sample, modified);

        Run trusted = load(input, schema, "--trust-unchanged");
        assertThat(trusted.exitCode()).as(trusted.all()).isZero();
        assertThat(trusted.out()).containsPattern("sample.csv +skipped");
        assertThat(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".loaded_files")).containsExactly(List.of("1"));

        Run hashed = load(input, schema);
        assertThat(hashed.exitCode()).as(hashed.all()).isZero();
        assertThat(hashed.out()).containsPattern("sample.csv +loaded");
        assertThat(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".loaded_files")).containsExactly(List.of("2"));
    }

    private static Run load(Path input, String schema, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(),
                "--schema", schema));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }
}
