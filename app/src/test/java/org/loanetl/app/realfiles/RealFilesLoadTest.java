package org.loanetl.app.realfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.RealFiles;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * Every real file of {@code fixtures/real/} through the CLI into PostgreSQL, with each engine: the counts and score
 * column in the ledger, and every column of the first loaded rows of each file read back from the {@code loans}
 * table, as an independent reading of the spec worked them out ({@link RealFiles}). With the default settings, the
 * files that have no score column are refused with the fix named, and the others load.
 */
@ExtendWith(TestPostgresExtension.class)
class RealFilesLoadTest {

    @TempDir
    static Path dir;

    private static Path input;
    private static final Map<String, String> SCHEMAS = new LinkedHashMap<>();
    private static final Map<String, Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void loadEveryRealFileWithBothEngines() throws IOException {
        input = Files.createDirectories(dir.resolve("in"));
        for (RealFiles.Expected file : RealFiles.expected()) {
            Files.copy(Fixtures.path(file.fixture()), input.resolve(file.file()));
        }
        for (String engine : List.of("in-process", "spark")) {
            String schema = TestPostgres.newSchema();
            SCHEMAS.put(engine, schema);
            List<String> args = new ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema",
                    schema, "--when-no-credit-score", "skip-filter"));
            if (engine.equals("spark")) {
                args.addAll(List.of("--engine", "spark", "--spark-master", "local[2]"));
            }
            RUNS.put(engine, Cli.run(Map.of(), args.toArray(String[]::new)));
        }
    }

    static List<Arguments> engines() {
        return List.of(Arguments.of("in-process"), Arguments.of("spark"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void loadsEveryFileWithTheExpectedCountsAndScoreColumn(String engine) throws SQLException {
        Run run = RUNS.get(engine);
        assertThat(run.exitCode()).as(run.all()).isZero();

        Map<String, String> expected = new LinkedHashMap<>();
        for (RealFiles.Expected file : RealFiles.expected()) {
            var c = file.counts();
            expected.put(file.file(), List.of(c.dataRows(), c.loaded(), c.chargedOff(), c.purposeOther(),
                    c.lowCreditScore(), c.rejected(), c.skippedLines()) + " " + file.creditScoreColumn());
        }
        Map<String, String> ledger = new LinkedHashMap<>();
        try (Connection c = TestPostgres.connect(); PreparedStatement s = c.prepareStatement("SELECT source, data_rows, loaded,"
                + " charged_off, purpose_other, low_credit_score, rejected, skipped_lines, credit_score_column FROM "
                + SCHEMAS.get(engine) + ".loaded_files ORDER BY source"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                List<Long> counts = new ArrayList<>();
                for (int i = 2; i <= 8; i++) {
                    counts.add(rs.getLong(i));
                }
                ledger.put(Path.of(rs.getString(1)).getFileName().toString(), counts + " " + rs.getString(9));
            }
        }
        assertThat(ledger).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void storesEveryColumnOfTheFirstLoadedRowsOfEachFile(String engine) throws SQLException {
        List<Column> columns = ColumnCatalog.standard().columns();
        StringBuilder select = new StringBuilder("SELECT l.line");
        columns.forEach(column -> select.append(", l.").append(column.storedName()));
        select.append(" FROM ").append(SCHEMAS.get(engine)).append(".loans l JOIN ").append(SCHEMAS.get(engine))
                .append(".loaded_files f ON f.id = l.file_id WHERE f.source LIKE ? AND l.line = ?");
        int compared = 0;
        try (Connection c = TestPostgres.connect(); PreparedStatement s = c.prepareStatement(select.toString())) {
            for (RealFiles.Expected file : RealFiles.expected()) {
                for (var row : RealFiles.expectedRows(file.file()).entrySet()) {
                    s.setString(1, "%/" + file.file());
                    s.setLong(2, row.getKey());
                    try (ResultSet rs = s.executeQuery()) {
                        assertThat(rs.next()).as(file.file() + ":" + row.getKey() + " is in loans").isTrue();
                        Map<String, String> stored = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            stored.put(columns.get(i).name(), rs.getString(i + 2));
                        }
                        assertThat(stored).as(file.file() + ":" + row.getKey())
                                .containsExactlyInAnyOrderEntriesOf(row.getValue());
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(14);
    }

    @Test
    void showsTheScoreColumnOfEachFileInTheReport() {
        String out = RUNS.get("in-process").out();

        assertThat(out).containsPattern("readable-2012-41col-notice\\.csv .*fico_range_low");
        assertThat(out).containsPattern("kaggle-accepted-151col\\.csv .*last_fico_range_low");
        assertThat(out).containsPattern("kaggle-2015-74col\\.csv .*not applied");
    }

    @Test
    void underTheDefaultsRefusesTheFilesWithoutAScoreNamingTheFixAndLoadsTheRest() {
        Run run = Cli.run(Map.of(), "load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema",
                TestPostgres.newSchema());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        for (RealFiles.Expected file : RealFiles.expected()) {
            if (file.lacksScore()) {
                assertThat(run.out()).contains(file.file() + ": refused: header lacks a credit-score column"
                        + " (last_fico_range_low or fico_range_low); to load it anyway: --when-no-credit-score"
                        + " skip-filter");
            } else {
                assertThat(run.out()).containsPattern(file.file().replace(".", "\\.") + " +loaded +"
                        + file.counts().dataRows() + " +" + file.counts().loaded() + " ");
            }
        }
    }
}
