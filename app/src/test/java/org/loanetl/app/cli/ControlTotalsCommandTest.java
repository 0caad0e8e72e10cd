package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Control totals through the CLI, on the real trimmed 2016Q2 file whose footers cover the whole quarter: a warning by
 * default (the file loads; console, JSON report and ledger say which footer differs and by how much), a refusal with
 * {@code --control-totals refuse} (the file stays where it was, nothing of it is stored).
 */
@ExtendWith(TestPostgresExtension.class)
class ControlTotalsCommandTest {

    private static final String FIXTURE = "real/loanstats-2016Q2-99col-excel-footers.csv";

    @TempDir
    Path dir;

    @Test
    void warnsOfAMismatchInTheConsoleTheReportAndTheLedgerAndLoadsTheFile() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path(FIXTURE), input.resolve("q2.csv"));
        String schema = TestPostgres.newSchema();
        Path report = dir.resolve("report.json");

        Run run = load(input, schema, "--report", report.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("q2.csv +loaded")
                .containsPattern("q2.csv: control total does not match: policy code 1: footer 1443412975, rows \\d+ \\(mismatch\\)");
        assertThat(Files.readString(report)).contains("\"control_totals\" : [ {", "\"policy_code\" : 1",
                "\"footer\" : 1443412975", "\"match\" : false");
        List<List<String>> ledger = LoadCommandTest.query("SELECT control_totals->0->>'footer',"
                + " control_totals->0->>'match' FROM " + schema + ".loaded_files");
        assertThat(ledger).containsExactly(List.of("1443412975", "false"));
    }

    @Test
    void refusesAMismatchWhenAskedToAndLeavesTheFileWhereItWas() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path(FIXTURE), input.resolve("q2.csv"));
        String schema = TestPostgres.newSchema();

        Run run = load(input, schema, "--control-totals", "refuse", "--after", "delete");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.out()).contains("q2.csv: refused: control total does not match: policy code 1: footer 1443412975");
        assertThat(input.resolve("q2.csv")).exists();
        assertThat(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".loans")).containsExactly(List.of("0"));
    }

    @Test
    void namesTheKeyOfABadSetting() throws Exception {
        Run run = load(Files.createDirectories(dir.resolve("in")), TestPostgres.newSchema(), "--control-totals", "ignore");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip()).isEqualTo("loan-etl: option --control-totals: not one of warn, refuse: \"ignore\"");
    }

    private static Run load(Path input, String schema, String... more) {
        List<String> args = new ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(),
                "--schema", schema, "--when-no-credit-score", "skip-filter"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }
}
