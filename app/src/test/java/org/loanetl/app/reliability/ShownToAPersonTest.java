package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * What the read-only commands and the reports show a person: no schema made by a command that only reads, rejects
 * streamed however many are asked for, and no terminal control character from the data reaching the terminal.
 */
@ExtendWith(TestPostgresExtension.class)
class ShownToAPersonTest {

    private static final char ESC = 0x1b;

    @TempDir
    Path dir;

    @Test
    void statusAndRejectsSayASchemaIsEmptyWithoutCreatingIt() throws SQLException {
        String schema = TestPostgres.newSchema();

        Run status = Cli.run("status", "--db", TestPostgres.superuserUrl(), "--schema", schema);
        Run rejects = Cli.run("rejects", "--db", TestPostgres.superuserUrl(), "--schema", schema);

        for (Run run : List.of(status, rejects)) {
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).contains("schema " + schema + " does not exist yet: nothing has been loaded into it");
        }
        try (Connection c = TestPostgres.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void rejectsStreamsAHugeLimitInASmallHeap() throws IOException, InterruptedException {
        Path input = Files.createDirectories(dir.resolve("in"));
        try (Writer out = Files.newBufferedWriter(input.resolve("all-bad.csv"), StandardCharsets.UTF_8)) {
            new LoanFileGenerator(11, 1.0).write(60_000, out);
        }
        String schema = TestPostgres.newSchema();
        Run load = Cli.run("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema);
        assertThat(load.exitCode()).as(load.all()).isZero();
        long stored = Long.parseLong(load.out().lines().filter(l -> l.startsWith("all-bad.csv")).findFirst()
                .orElseThrow().trim().split(" +")[8].replace(",", ""));
        assertThat(stored).isGreaterThan(30_000);

        // some 50 MB of raw text: held as a list it does not fit 48 MB of heap; streamed it does
        LoanEtlProcess rejects = LoanEtlProcess.start(List.of("rejects", "--limit", "999999999", "--no-raw", "--db",
                TestPostgres.superuserUrl(), "--schema", schema), Map.of(), null, dir.resolve("rejects.out"), "48m");

        assertThat(rejects.await(Duration.ofMinutes(2))).as(rejects.output()).isZero();
        assertThat(rejects.output()).contains(stored + " rejects").doesNotContain("OutOfMemoryError");
    }

    @Test
    void showsControlCharactersFromTheDataAsText() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));
        String name = "clear" + ESC + "[2J.csv";
        Files.writeString(input.resolve(name), "id,loan_status,purpose,fico_range_low,int_rate\n"
                + "1,Current,car,720,\"" + ESC + "]0;owned" + (char) 7 + "\"\n2,Current,car,720,10%\n");
        String schema = TestPostgres.newSchema();

        Run load = Cli.run("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema);
        Run rejects = Cli.run("rejects", "--db", TestPostgres.superuserUrl(), "--schema", schema);

        assertThat(load.exitCode()).as(load.all()).isZero();
        assertThat(load.out()).contains("clear\\x1b[2J.csv");
        assertThat(rejects.out()).contains("clear\\x1b[2J.csv:2: int_rate: not a percentage: \"\\x1b]0;owned\\x07\"",
                "    1,Current,car,720,\"\\x1b]0;owned\\x07\"");
        for (Run run : List.of(load, rejects)) {
            assertThat(run.out()).doesNotContain(String.valueOf(ESC), String.valueOf((char) 7));
        }
    }
}
