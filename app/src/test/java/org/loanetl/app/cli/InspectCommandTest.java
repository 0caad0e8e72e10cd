package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;

/** {@code loan-etl inspect}: how a file would load and why, with no database, as a person or a script reads it. */
class InspectCommandTest {

    @TempDir
    Path dir;

    private static final Map<String, String> NO_HOME = Map.of("LOANETL_HOME", "/nonexistent/never-created");

    @Test
    void explainsAReadableC2012FileAndWouldLoadIt() {
        Run run = Cli.run(NO_HOME, "inspect", Fixtures.path("real/readable-2012-41col-notice.csv").toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("layout         LendingClub's c.2012 download with readable names",
                "header         line 2, 41 names", "credit score   from fico_range_low",
                "would load     8 data rows: 4 loaded, 0 charged off, 1 purpose other, 3 low score, 0 rejected;"
                        + " 1 lines skipped");
        assertThat(run.out()).containsPattern("26  FICO Range +-> fico_range_low \\(integer\\), fico_range_high \\(integer\\)");
        assertThat(run.out()).containsPattern("21  Screen Name +unknown, ignored");
        assertThat(Path.of("/nonexistent")).doesNotExist();
    }

    @Test
    void saysAKaggleFileWouldBeRefusedNamingTheFixAndCountsItLoadedThatWay() {
        Path file = Fixtures.path("real/kaggle-2015-74col-r-write-csv.csv");

        Run refused = Cli.run(NO_HOME, "inspect", file.toString());
        Run fixed = Cli.run(NO_HOME, "inspect", file.toString(), "--when-no-credit-score", "skip-filter");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.out()).contains("would be refused: header lacks a credit-score column",
                "--when-no-credit-score skip-filter", "null words     NA (4349)",
                "loaded anyway  200 data rows: 154 loaded, 39 charged off, 7 purpose other");
        assertThat(fixed.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(fixed.out()).contains("credit score   not applied",
                "would load     200 data rows: 154 loaded, 39 charged off, 7 purpose other, 0 low score");
    }

    @Test
    void showsTheFirstRejectsWithTheirLinesReasonsAndText() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), "id,loan_status,purpose,fico_range_low,int_rate\n"
                + "1,Current,car,720,abc\n2,Current,car,720,10%\n3,Current,car,720,x\n4,Current\n");

        Run run = Cli.run(NO_HOME, "inspect", file.toString(), "--rejects", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("1 loaded", "3 rejected", "first rejects",
                "    line 2: int_rate: not a percentage: \"abc\"\n      1,Current,car,720,abc",
                "    line 4: int_rate: not a percentage: \"x\"").doesNotContain("line 5:");
    }

    @Test
    void writesJsonForScriptsReadingGzippedFilesToo() throws IOException {
        Path gz = dir.resolve("securev1.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Fixtures.bytes("real/securev1-2014-96col-notice.csv"));
        }

        Run run = Cli.run(NO_HOME, "inspect", "--json", "--when-no-credit-score", "skip-filter", gz.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.OK);
        JsonNode file = new ObjectMapper().readTree(run.out()).get("files").get(0);
        assertThat(file.get("file").asText()).isEqualTo("securev1.csv.gz");
        assertThat(file.get("layout").get("family").asText()).isEqualTo("securev1");
        assertThat(file.get("header_line").asLong()).isEqualTo(2);
        assertThat(file.get("credit_score_column").asText()).isEqualTo("not applied");
        assertThat(file.get("refused").isNull()).isTrue();
        assertThat(file.get("data_rows").asLong()).isEqualTo(198);
        assertThat(file.get("loaded").asLong()).isEqualTo(161);
        assertThat(file.get("filtered").get("charged_off").asLong()).isEqualTo(30);
        assertThat(file.get("columns")).hasSize(96);
        assertThat(file.get("columns").get(0).get("maps_to").get(0).get("column").asText()).isEqualTo("id");
    }

    @Test
    void refusesABadRowLimitInOneLine() {
        Run run = Cli.run(NO_HOME, "inspect", Fixtures.path("real/kaggle-2015-74col.csv").toString(), "--rows", "-1");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip()).isEqualTo("loan-etl: option --rows: not a whole number of at least 0: \"-1\"");
    }

    @Test
    void namesAMissingFile() {
        Run run = Cli.run(NO_HOME, "inspect", dir.resolve("nope.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("nope.csv: no such file or folder").doesNotContain("\tat ");
    }
}
