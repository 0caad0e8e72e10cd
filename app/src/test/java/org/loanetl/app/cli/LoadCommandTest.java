package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** {@code loan-etl load} end to end, in this JVM, against a real PostgreSQL. */
@ExtendWith(TestPostgresExtension.class)
class LoadCommandTest {

    private static final String SAMPLE = "reference/sample-53col.csv";

    /** Two loans and no credit-score column, as Kaggle's loan.csv; R's NA for a missing amount and rate. */
    private static final String NO_FICO = "id,loan_amnt,term,int_rate,loan_status,purpose\n"
            + "1,5000,36 months,10.65%,Fully Paid,car\n"
            + "2,NA,36 months,NA,Current,credit_card\n";

    @TempDir
    Path dir;

    private String schema;
    private Path input;

    @BeforeEach
    void freshSchemaAndInputFolder() throws IOException {
        schema = TestPostgres.newSchema();
        input = Files.createDirectories(dir.resolve("in"));
    }

    @Test
    void loadsTheOriginalSampleExactlyAsTheGoldenFileHoldsIt() throws Exception {
        copy(SAMPLE, "sample.csv");

        Run run = load();

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<List<String>> expected = readCsv(Fixtures.path("reference/sample-53col.expected-loans.csv"));
        List<String> columns = expected.get(0);
        assertThat(query("SELECT " + String.join(", ", columns.stream().map(c -> "\"" + c + "\"::text").toList())
                + " FROM " + schema + ".loans l ORDER BY l.line")).containsExactlyElementsOf(expected.subList(1, expected.size()));
        assertThat(query("SELECT data_rows, loaded, charged_off, purpose_other, low_credit_score, rejected, cleanup"
                + " FROM " + schema + ".loaded_files")).containsExactly(List.of("31", "10", "4", "3", "14", "0", "keep"));
    }

    @Test
    void rerunLoadsNothingNewAndReportsTheFileSkipped() throws Exception {
        copy(SAMPLE, "sample.csv");
        assertThat(load().exitCode()).isZero();

        Run again = load("--report", dir.resolve("again.json").toString());

        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(count("loans")).isEqualTo(10);
        assertThat(count("loaded_files")).isEqualTo(1);
        JsonNode file = json(dir.resolve("again.json")).get("files").get(0);
        assertThat(file.get("status").asText()).isEqualTo("skipped");
        assertThat(file.get("loaded").asLong()).isZero();
    }

    @Test
    void loadsAnEditedFileAgainAsANewVersion() throws Exception {
        Path file = copy(SAMPLE, "sample.csv");
        assertThat(load().exitCode()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);

        Run run = load();

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(query("SELECT source, count(*)::text FROM " + schema + ".loaded_files GROUP BY source"))
                .containsExactly(List.of(file.toUri().toString().replace("file:///", "file:/"), "2"));
        assertThat(query("SELECT loaded::text FROM " + schema + ".loaded_files ORDER BY id"))
                .containsExactly(List.of("10"), List.of("9"));
    }

    @Test
    void leavesARefusedFileInPlaceReportsItAndCommitsTheOthers() throws Exception {
        copy(SAMPLE, "good.csv");
        Path refused = input.resolve("refused.csv");
        Files.writeString(refused, "id,loan_amnt,purpose,last_fico_range_low\n1,1000,car,720\n");

        Run run = load("--after", "delete", "--report", dir.resolve("r.json").toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused).exists();
        assertThat(input.resolve("good.csv")).doesNotExist();
        assertThat(run.out()).contains("refused.csv: refused: header lacks column loan_status");
        JsonNode files = json(dir.resolve("r.json")).get("files");
        assertThat(files).extracting(f -> f.get("source").asText().replaceAll(".*/", "") + " " + f.get("status").asText()
                + " " + f.get("after").asText()).containsExactlyInAnyOrder("good.csv loaded deleted", "refused.csv refused null");
        assertThat(count("loans")).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep", "archive", "delete"})
    void keepsArchivesOrDeletesTheSourceAfterItsCommit(String after) throws Exception {
        Path file = copy(SAMPLE, "sample.csv");
        Path archive = dir.resolve("archive");

        Run run = load("--after", after, "--archive-dir", archive.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.exists(file)).isEqualTo(after.equals("keep"));
        assertThat(Files.exists(archive.resolve("sample.csv"))).isEqualTo(after.equals("archive"));
        assertThat(query("SELECT cleanup FROM " + schema + ".loaded_files")).containsExactly(List.of(after));
    }

    @Test
    void leavesAFileModifiedWithinTheSettleTimeForALaterRun() throws Exception {
        Path settled = copy(SAMPLE, "settled.csv");
        Files.setLastModifiedTime(settled, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = copy(SAMPLE, "fresh.csv");

        Run run = load("--settle-seconds", "3600", "--after", "delete");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).contains(fresh + ": modified ").contains("less than the settle time of 3600 s; left for a later run");
        assertThat(settled).doesNotExist();
        assertThat(fresh).exists();
        assertThat(count("loaded_files")).isEqualTo(1);

        Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Run later = load("--settle-seconds", "3600", "--after", "delete");

        assertThat(later.exitCode()).as(later.all()).isZero();
        assertThat(fresh).doesNotExist();
        assertThat(count("loaded_files")).isEqualTo(2);
    }

    @Test
    void dryRunWritesNothingAndCountsWhatARealRunLoads() throws Exception {
        copy(SAMPLE, "sample.csv");
        copy("layouts/modern151.csv", "modern.csv");

        Run dry = load("--dry-run", "--after", "delete", "--report", dir.resolve("dry.json").toString());

        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(input.resolve("sample.csv")).exists();
        assertThat(query("SELECT count(*)::text FROM information_schema.schemata WHERE schema_name = '" + schema + "'"))
                .containsExactly(List.of("0"));
        Run real = load("--report", dir.resolve("real.json").toString());
        assertThat(real.exitCode()).as(real.all()).isZero();
        assertThat(json(dir.resolve("dry.json")).get("totals")).isEqualTo(json(dir.resolve("real.json")).get("totals"));
        assertThat(json(dir.resolve("real.json")).at("/totals/rows/loaded").asLong()).isPositive();
    }

    @Test
    void writesTheReportWithTheNamesScriptsRelyOn() throws Exception {
        copy(SAMPLE, "sample.csv");

        load("--report", dir.resolve("r.json").toString());

        JsonNode file = json(dir.resolve("r.json")).get("files").get(0);
        assertThat(file.fieldNames()).toIterable().contains("source", "version", "status", "reason", "data_rows",
                "loaded", "filtered", "rejected", "skipped_lines", "credit_score_column", "unknown_columns", "after");
        assertThat(file.get("credit_score_column").asText()).isEqualTo("last_fico_range_low");
        assertThat(file.get("filtered").toString())
                .isEqualTo("{\"charged_off\":4,\"purpose_other\":3,\"low_credit_score\":14}");
        assertThat(json(dir.resolve("r.json")).at("/totals/rows/data_rows").asLong()).isEqualTo(31);
    }

    @Test
    void appliesTheRulesGivenAsFlags() throws Exception {
        copy(SAMPLE, "sample.csv");

        Run run = load("--no-filter", "purpose_other", "--min-credit-score", "650", "--report", dir.resolve("r.json").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode file = json(dir.resolve("r.json")).get("files").get(0);
        assertThat(file.at("/filtered/purpose_other").asLong()).isZero();
        assertThat(file.get("loaded").asLong()).isGreaterThan(10);
    }

    @Test
    void recordsTheScoreColumnUsedInTheLedgerTheTableTheReportAndStatus() throws Exception {
        copy(SAMPLE, "sample.csv");

        Run run = load("--credit-score-column", "fico_range_low,last_fico_range_low", "--report", dir.resolve("r.json").toString());
        Run status = Cli.run("status", "--db", TestPostgres.superuserUrl(), "--schema", schema);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(query("SELECT credit_score_column FROM " + schema + ".loaded_files")).containsExactly(List.of("fico_range_low"));
        assertThat(json(dir.resolve("r.json")).at("/files/0/credit_score_column").asText()).isEqualTo("fico_range_low");
        assertThat(run.out()).containsPattern("low score +score column +rejected")
                .containsPattern("sample\\.csv +loaded( +[\\d,]+){5} +fico_range_low +[\\d,]+ +[\\d,]+ +kept");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).containsPattern("filtered +score column +rejected")
                .containsPattern("sample\\.csv +\\S+ +[\\d: -]+Z( +[\\d,]+){3} +fico_range_low +[\\d,]+ +[\\d,]+ +kept");
    }

    @Test
    void showsADashForTheScoreColumnOfAFileItDidNotRead() throws Exception {
        copy(SAMPLE, "sample.csv");
        assertThat(load().exitCode()).isZero();

        Run again = load("--report", dir.resolve("again.json").toString());

        assertThat(again.out()).containsPattern("sample\\.csv +skipped +0 +0 +0 +0 +0 +- +0 +0");
        assertThat(json(dir.resolve("again.json")).at("/files/0/credit_score_column").isNull()).isTrue();
    }

    @Test
    void refusesAFileWithoutAScoreColumnUnlessToldToLoadItWithoutTheFilter() throws Exception {
        Files.writeString(input.resolve("nofico.csv"), NO_FICO);

        Run refused = load("--report", dir.resolve("refused.json").toString());
        Run loaded = load("--when-no-credit-score", "skip-filter", "--report", dir.resolve("loaded.json").toString());

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.out()).contains("nofico.csv: refused: header lacks a credit-score column"
                + " (last_fico_range_low or fico_range_low)", "--when-no-credit-score skip-filter");
        assertThat(json(dir.resolve("refused.json")).at("/files/0/credit_score_column").isNull()).isTrue();
        assertThat(loaded.exitCode()).as(loaded.all()).isZero();
        assertThat(json(dir.resolve("loaded.json")).at("/files/0/credit_score_column").asText()).isEqualTo("not applied");
        assertThat(loaded.out()).containsPattern("nofico\\.csv +loaded +2 +2 +0 +0 +0 +not applied +0");
        assertThat(query("SELECT credit_score_column FROM " + schema + ".loaded_files")).containsExactly(List.of("not applied"));
        assertThat(query("SELECT line::text, coalesce(loan_amnt::text, 'NULL') FROM " + schema + ".loans ORDER BY line"))
                .containsExactly(List.of("2", "5000.00"), List.of("3", "NULL"));
    }

    @Test
    void takesOnlyTheEmptyFieldAsNullWhenTheNullValuesAreEmpty() throws Exception {
        Files.writeString(input.resolve("nofico.csv"), NO_FICO);

        Run run = load("--when-no-credit-score", "skip-filter", "--null-values", "", "--report", dir.resolve("r.json").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode file = json(dir.resolve("r.json")).at("/files/0");
        assertThat(file.get("loaded").asLong()).isEqualTo(1);
        assertThat(file.get("rejected").asLong()).isEqualTo(1);
        assertThat(query("SELECT line::text, reason FROM " + schema + ".loan_rejects"))
                .singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("3"))
                .satisfies(r -> assertThat(r.get(1)).startsWith("loan_amnt: ").contains("\"NA\""));
    }

    private Run load(String... more) {
        List<String> args = new ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema));
        args.addAll(List.of(more));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    private Path copy(String fixture, String name) throws IOException {
        return Files.copy(Fixtures.path(fixture), input.resolve(name));
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT count(*)::text FROM " + schema + "." + table).get(0).get(0));
    }

    static List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i) == null ? "" : rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<String>> readCsv(Path file) throws IOException {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            return csv.stream().map(r -> List.copyOf(r.getFields())).toList();
        }
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
