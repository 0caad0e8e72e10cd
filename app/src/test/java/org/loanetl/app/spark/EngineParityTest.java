package org.loanetl.app.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Parity;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * Both engines, run through the CLI on the same input folder (every fixture file, the real files of every family
 * included, a generated reject-heavy file, a
 * gzipped and a zipped copy, a refused file) into two schemas of one PostgreSQL, must leave the same rows: every
 * column of {@code loans} and {@code loan_rejects} and every ledger count, keyed by the same locations and versions.
 * The Spark engine runs {@code local[2]} in this JVM.
 */
@ExtendWith(TestPostgresExtension.class)
class EngineParityTest {

    @TempDir
    static Path dir;

    private static Path input;
    private static String inProcess;
    private static String spark;
    private static Run inProcessRun;
    private static Run sparkRun;

    @BeforeAll
    static void loadTheSameFilesWithBothEngines() throws IOException {
        input = Files.createDirectories(dir.resolve("in"));
        for (String folder : List.of("layouts", "reference", "real")) {
            for (String fixture : Fixtures.csvFiles(folder)) {
                Files.copy(Fixtures.path(fixture), input.resolve(folder + "-" + Path.of(fixture).getFileName()));
            }
        }
        try (Writer out = Files.newBufferedWriter(input.resolve("generated-rejects.csv"), StandardCharsets.UTF_8)) {
            new LoanFileGenerator(7, 0.2).write(400, out);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input.resolve("sample.csv.gz")))) {
            out.write(Fixtures.bytes("reference/sample-53col.csv"));
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(input.resolve("layouts.zip")))) {
            for (String fixture : Fixtures.csvFiles("layouts")) {
                out.putNextEntry(new ZipEntry("zipped/" + Path.of(fixture).getFileName()));
                out.write(Fixtures.bytes(fixture));
                out.closeEntry();
            }
        }
        Files.writeString(input.resolve("refused.csv"), "id,loan_amnt,purpose,last_fico_range_low\n1,1000,car,720\n");
        inProcess = TestPostgres.newSchema();
        spark = TestPostgres.newSchema();

        inProcessRun = load(inProcess);
        sparkRun = load(spark, "--engine", "spark", "--spark-master", "local[2]");
    }

    @Test
    void bothEnginesEndTheSameWayAndReportTheSameFiles() {
        assertThat(inProcessRun.exitCode()).as(inProcessRun.all()).isEqualTo(3);
        assertThat(sparkRun.exitCode()).as(sparkRun.all()).isEqualTo(3);
        assertThat(table(sparkRun.out())).isEqualTo(table(inProcessRun.out()));
        assertThat(sparkRun.out()).contains("refused.csv: refused: header lacks column loan_status");
    }

    @Test
    void ledgerHoldsTheSameLocationsVersionsAndCounts() throws SQLException {
        List<String> expected = rows(Parity.ledger(inProcess));

        assertThat(expected).hasSizeGreaterThanOrEqualTo(16);
        assertThat(rows(Parity.ledger(spark))).containsExactlyElementsOf(expected);
    }

    @Test
    void loansAreEqualRowForRowInEveryColumn() throws SQLException {
        List<String> expected = rows(Parity.loans(inProcess));

        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(rows(Parity.loans(spark))).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectsAreEqualRowForRow() throws SQLException {
        List<String> expected = rows(Parity.rejects(inProcess));

        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(rows(Parity.rejects(spark))).containsExactlyElementsOf(expected);
    }

    @Test
    void eachEngineSkipsWhatTheOtherLoaded() {
        Run again = load(inProcess, "--engine", "spark", "--spark-master", "local[2]");

        assertThat(again.exitCode()).as(again.all()).isEqualTo(3);
        assertThat(again.out()).doesNotContainPattern(" loaded +\\d");
        assertThat(again.out()).containsPattern("skipped");
    }

    private static Run load(String schema, String... more) {
        // files without a score column (Kaggle's, the quarterly ones) load too, so their rows are compared as well
        List<String> args = new ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema,
                "--when-no-credit-score", "skip-filter"));
        args.addAll(List.of(more));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    /** The per-file table of the console report, without the line that names the schema. */
    private static List<String> table(String out) {
        return Stream.of(out.split("\\R")).filter(l -> l.contains(".csv") || l.contains("total")).toList();
    }

    private static List<String> rows(String sql) throws SQLException {
        return Parity.rows(sql);
    }
}
