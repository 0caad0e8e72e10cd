package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.Main;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * A source folder that cannot be read, met as a user without the right to read it meets it: a real file system, a real
 * PostgreSQL, loan-etl in a process of its own. Root reads a folder of mode 000 all the same, so as root the process
 * runs without the two capabilities that let it ({@code setpriv}); it stays root, so it still reads this JVM's
 * classpath.
 */
@ExtendWith(TestPostgresExtension.class)
class UnreadableFolderTest {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    @TempDir
    Path dir;

    @Test
    void endsInOneLineNamingTheFolderAfterReportingTheFilesAlreadyCommitted() throws Exception {
        assumeTrue(!ROOT || Files.isExecutable(SETPRIV), "as root, setpriv is needed to make a folder unreadable");
        Path first = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path("reference/sample-53col.csv"), first.resolve("sample.csv"));
        Path second = Files.createDirectories(dir.resolve("more"));
        Files.copy(Fixtures.path("reference/sample-53col.csv"), second.resolve("b.csv"));
        Path locked = Files.createDirectories(second.resolve("2012"));
        Files.copy(Fixtures.path("reference/sample-53col.csv"), locked.resolve("c.csv"));
        String schema = TestPostgres.newSchema();
        Path report = dir.resolve("run.json");

        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        int exit;
        String output;
        try {
            Process process = start(List.of("load", first.toString(), second.toString(), "--db", TestPostgres.superuserUrl(),
                    "--schema", schema, "--report", report.toString()));
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            exit = process.exitValue();
            output = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }

        assertThat(exit).as(output).isEqualTo(ExitCode.FAILURE);
        assertThat(output).doesNotContain("internal error").doesNotContain("Exception")
                .containsOnlyOnce("loan-etl: " + locked + ": cannot list: permission denied\n")
                .containsPattern("sample\\.csv +loaded");
        assertThat(count("SELECT count(*) FROM " + schema + ".loaded_files")).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("files")).singleElement().satisfies(f -> {
            assertThat(f.get("source").asText()).endsWith("/in/sample.csv");
            assertThat(f.get("status").asText()).isEqualTo("loaded");
        });
        assertThat(json.get("failure").asText()).isEqualTo(locked + ": cannot list: permission denied");
    }

    private Process start(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of(SETPRIV.toString(), "--bounding-set", "-dac_override,-dac_read_search"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LOANETL_") || k.startsWith("AWS_"));
        builder.environment().put("LOANETL_NO_PROGRESS", "1");
        return builder.start();
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = TestPostgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
