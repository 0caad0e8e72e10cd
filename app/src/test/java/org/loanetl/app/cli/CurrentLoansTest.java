package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * {@code loans_current} across three snapshots of the same real loans (Kaggle's accepted file, with statuses and
 * payments changed), loaded newest first, then the oldest, then the middle one: each loan holds its newest snapshot,
 * decided by the data, not by load order. A loan charged off in the newest snapshot leaves the table; a loan whose
 * newest snapshot is rejected keeps its last good one. Both engines.
 */
@ExtendWith(TestPostgresExtension.class)
class CurrentLoansTest {

    private static final String FIXTURE = "real/kaggle-accepted-151col.csv";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"local", "spark"})
    void holdsEachLoansNewestSnapshotWhateverTheOrderTheyWereLoadedIn(String engine) throws Exception {
        Snapshots snapshots = Snapshots.of(Files.readString(Fixtures.path(FIXTURE)));
        Path oldest = snapshots.write(dir.resolve("2016-01"), "LoanStats-2016-01.csv", 0);
        Path middle = snapshots.write(dir.resolve("2016-06"), "LoanStats-2016-06.csv", 1);
        Path newest = snapshots.write(dir.resolve("2016-12"), "LoanStats-2016-12.csv", 2);
        String schema = TestPostgres.newSchema();

        for (Path folder : List.of(newest, oldest, middle)) {
            Run run = load(folder, schema, engine);
            assertThat(run.exitCode()).as(run.all()).isZero();
            if (folder.equals(newest)) {
                assertThat(run.out()).containsPattern("LoanStats-2016-12.csv: \\d+ rejected rows changed nothing in"
                        + " loans_current");
            }
        }

        assertNewestSnapshots(snapshots, schema);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "spark"})
    void picksTheNewestAmongSnapshotsThatShareOneCommit(String engine) throws Exception {
        Snapshots snapshots = Snapshots.of(Files.readString(Fixtures.path(FIXTURE)));
        Path all = dir.resolve("all");
        snapshots.write(all, "LoanStats-2016-12.csv", 2);
        snapshots.write(all, "LoanStats-2016-01.csv", 0);
        snapshots.write(all, "LoanStats-2016-06.csv", 1);
        String schema = TestPostgres.newSchema();

        Run run = load(all, schema, engine);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertNewestSnapshots(snapshots, schema);
    }

    @org.junit.jupiter.api.Test
    void leavesRowsWithoutAnIdInTheHistoryAndSaysHowMany() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("no-ids"));
        Files.copy(Fixtures.path("real/kaggle-2018-145col-no-ids.csv"), folder.resolve("loan.csv"));
        String schema = TestPostgres.newSchema();
        Path report = dir.resolve("report.json");

        Run run = Cli.run("load", folder.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema,
                "--current-table", "--when-no-credit-score", "skip-filter", "--report", report.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        String loaded = query("SELECT count(*) FROM " + schema + ".loans").get(0).get(0);
        assertThat(Long.parseLong(loaded)).isPositive();
        assertThat(run.out()).contains("loan.csv: " + loaded + " loaded rows have no id: in loans only, not in loans_current");
        assertThat(Files.readString(report)).contains("\"loaded_without_id\" : " + loaded);
        assertThat(query("SELECT count(*) FROM " + schema + ".loans_current")).containsExactly(List.of("0"));
    }

    @org.junit.jupiter.api.Test
    void keepsNoCurrentTableUnlessAskedTo() throws Exception {
        Snapshots snapshots = Snapshots.of(Files.readString(Fixtures.path(FIXTURE)));
        Path folder = snapshots.write(dir.resolve("2016-12"), "LoanStats-2016-12.csv", 2);
        String schema = TestPostgres.newSchema();

        Run run = Cli.run("load", folder.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(query("SELECT count(*) FROM " + schema + ".loans")).doesNotContain(List.of("0"));
        assertThat(query("SELECT count(*) FROM " + schema + ".loans_current")).containsExactly(List.of("0"));
    }

    private static void assertNewestSnapshots(Snapshots snapshots, String schema) throws SQLException {
        // what each snapshot's lines became, from the history the loads kept: loaded, rejected, or else filtered
        Map<String, Long> fileIds = new HashMap<>();
        for (List<String> row : query("SELECT regexp_replace(source, '^.*/', ''), id FROM " + schema + ".loaded_files")) {
            fileIds.put(row.get(0), Long.parseLong(row.get(1)));
        }
        long[] files = {fileIds.get("LoanStats-2016-01.csv"), fileIds.get("LoanStats-2016-06.csv"),
            fileIds.get("LoanStats-2016-12.csv")};
        List<Set<Long>> loaded = new ArrayList<>();
        List<Set<Long>> rejected = new ArrayList<>();
        for (long file : files) {
            loaded.add(lines("SELECT line FROM " + schema + ".loans WHERE file_id = " + file));
            rejected.add(lines("SELECT line FROM " + schema + ".loan_rejects WHERE file_id = " + file));
        }
        // the newest snapshot of each loan that was not rejected decides: loaded, it is the current row; filtered, none
        Set<String> expected = new TreeSet<>();
        int fromMiddle = 0;
        int gone = 0;
        for (Map.Entry<Long, String> line : snapshots.idByLine().entrySet()) {
            for (int s = 2; s >= 0; s--) {
                if (rejected.get(s).contains(line.getKey())) {
                    continue;
                }
                if (loaded.get(s).contains(line.getKey())) {
                    expected.add(line.getValue() + " " + files[s] + " " + line.getKey());
                    fromMiddle += s == 1 ? 1 : 0;
                } else {
                    gone++;
                }
                break;
            }
        }
        Set<String> actual = new TreeSet<>();
        query("SELECT id, file_id, line FROM " + schema + ".loans_current")
                .forEach(row -> actual.add(String.join(" ", row)));

        assertThat(actual).isEqualTo(expected);
        assertThat(fromMiddle).as("loans whose newest snapshot was rejected keep the middle one").isPositive();
        assertThat(gone).as("loans charged off since leave the table").isPositive();
        // the current rows are their snapshots' rows, value for value
        assertThat(query("SELECT count(*) FROM (SELECT c.* FROM " + schema + ".loans_current c EXCEPT"
                + " SELECT l.id, l.file_id, l.line, " + columnsBut(schema) + " FROM " + schema + ".loans l) AS d"))
                .containsExactly(List.of("0"));
    }

    private static String columnsBut(String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        for (List<String> row : query("SELECT attname FROM pg_attribute WHERE attrelid = '" + schema
                + ".loans_current'::regclass AND attnum > 3 AND NOT attisdropped ORDER BY attnum")) {
            names.add("l.\"" + row.get(0) + "\"");
        }
        return String.join(", ", names);
    }

    private static Set<Long> lines(String sql) throws SQLException {
        Set<Long> lines = new HashSet<>();
        query(sql).forEach(row -> lines.add(Long.parseLong(row.get(0))));
        return lines;
    }

    private static List<List<String>> query(String sql) throws SQLException {
        return LoadCommandTest.query(sql);
    }

    private static Run load(Path folder, String schema, String engine) {
        return Cli.run("load", folder.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema,
                "--engine", engine, "--current-table", "--no-filter", "low_credit_score", "--no-filter", "purpose_other");
    }

    /**
     * Three downloads of the same loans: January (all Current), June (every fifth Late), December (every seventh
     * Charged Off, every third Fully Paid, every eleventh with an int_rate that cannot be read), each with its own
     * last payment and credit pull month and total paid. Written alike, so a loan is on the same line in each.
     */
    private record Snapshots(List<String> header, List<List<String>> rows) {

        static Snapshots of(String csv) throws Exception {
            List<List<String>> records = new ArrayList<>();
            try (CsvReader<CsvRecord> reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                    .ofCsvRecord(csv)) {
                reader.forEach(record -> records.add(record.getFields()));
            }
            List<String> header = records.get(0);
            List<List<String>> rows = records.subList(1, records.size()).stream()
                    .filter(row -> row.size() == header.size() && !row.get(0).isBlank()).toList();
            return new Snapshots(header, rows);
        }

        Path write(Path folder, String name, int snapshot) throws Exception {
            Files.createDirectories(folder);
            int status = header.indexOf("loan_status");
            int paid = header.indexOf("last_pymnt_d");
            int pulled = header.indexOf("last_credit_pull_d");
            int total = header.indexOf("total_pymnt");
            int rate = header.indexOf("int_rate");
            String[] month = {"Jan-2016", "Jun-2016", "Dec-2016"};
            try (CsvWriter writer = CsvWriter.builder().build(folder.resolve(name))) {
                writer.writeRecord(header);
                for (int i = 0; i < rows.size(); i++) {
                    List<String> row = new ArrayList<>(rows.get(i));
                    row.set(paid, month[snapshot]);
                    row.set(pulled, month[snapshot]);
                    row.set(total, String.valueOf(100 * (snapshot + 1)));
                    row.set(status, status(snapshot, i + 1));
                    if (snapshot == 2 && (i + 1) % 11 == 0) {
                        row.set(rate, "abc");
                    }
                    writer.writeRecord(row);
                }
            }
            return folder;
        }

        private static String status(int snapshot, int n) {
            if (snapshot == 1) {
                return n % 5 == 0 ? "Late (31-120 days)" : "Current";
            }
            if (snapshot == 2) {
                return n % 7 == 0 ? "Charged Off" : n % 3 == 0 ? "Fully Paid" : "Current";
            }
            return "Current";
        }

        /** Each row's id by the line it is written on (the header is line 1; no field spans lines here). */
        Map<Long, String> idByLine() {
            Map<Long, String> ids = new HashMap<>();
            int id = header.indexOf("id");
            for (int i = 0; i < rows.size(); i++) {
                ids.put(i + 2L, rows.get(i).get(id));
            }
            return ids;
        }
    }
}
