package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** The sink against a real PostgreSQL: what a file's load makes visible, when, and exactly what it stores. */
@ExtendWith(TestPostgresExtension.class)
class PostgresLoadSinkTest {

    /** id, loan_amnt, term, int_rate, issue_d, loan_status, desc, purpose, dti, last_fico_range_low, plus an unknown. */
    private static final FileLayout LAYOUT = layout(withUnknown(LoanCsv.COLUMNS, "my_notes"));

    private PostgresSettings settings;
    private PostgresDatabase database;

    @BeforeEach
    void openAFreshSchema(PostgresSettings fresh) {
        settings = fresh;
        database = PostgresDatabase.open(settings);
    }

    @Test
    void commitsTheRowsTheRejectsAndTheLedgerEntryTogether() {
        SourceFile file = file("2011.csv", "v1");

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1077501L));
            load.add(row(3, 1077430L));
            load.reject(new Reject(4, "int_rate: not a percentage: \"abc\"", "1,2,3"));
            assertThat(Tables.count(settings, "loans")).isZero();
            assertThat(Tables.count(settings, "loan_rejects")).isZero();
            assertThat(database.ledger().find(file)).isEmpty();

            load.commit(new LoadCounts(2, 1, 0, 0, 1, 0));
        }

        assertThat(Tables.count(settings, "loans")).isEqualTo(2);
        assertThat(Tables.count(settings, "loan_rejects")).isEqualTo(1);
        assertThat(database.ledger().find(file)).hasValueSatisfying(entry -> {
            assertThat(entry.file()).isEqualTo(file);
            assertThat(entry.counts()).isEqualTo(new LoadCounts(2, 1, 0, 0, 1, 0));
            assertThat(entry.loadedAt()).isNotNull();
            assertThat(entry.cleanup()).isNull();
        });
    }

    @Test
    void refusesToCommitWhenTheDatabaseHoldsOtherRowsThanTheLoadCounted() {
        SourceFile file = file("2011.csv", "v1");
        // a trigger that drops one row on its way in: what the table holds is no longer what the load counted
        TestPostgres.execute("CREATE FUNCTION " + settings.schema() + ".drop_line_3() RETURNS trigger LANGUAGE plpgsql"
                        + " AS $$ BEGIN IF NEW.line = 3 THEN RETURN NULL; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER drop_line_3 BEFORE INSERT ON " + settings.schema() + ".loans FOR EACH ROW"
                        + " EXECUTE FUNCTION " + settings.schema() + ".drop_line_3()");

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1077501L));
            load.add(row(3, 1077430L));
            assertThatThrownBy(() -> load.commit(new LoadCounts(2, 0, 0, 0, 0, 0)))
                    .isInstanceOf(SinkException.class)
                    .hasMessage("2011.csv: the database holds 1 rows and 0 rejects for this file, but its load counted"
                            + " 2 and 0; nothing of it was committed (a loan-etl bug: please report it with this line)");
        }

        assertThat(Tables.count(settings, "loans")).isZero();
        assertThat(database.ledger().find(file)).isEmpty();
    }

    @Test
    void storesTheControlTotalsWithTheLedgerRow() {
        SourceFile file = file("2011.csv", "v1");

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1077501L));
            load.controlTotals(List.of(new ControlTotal(1, new BigDecimal("5000"), new BigDecimal("5000.00")),
                    new ControlTotal(2, new BigDecimal("10"), BigDecimal.ZERO)));
            load.commit(new LoadCounts(1, 0, 0, 0, 0, 0));
        }

        String stored = TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT control_totals::text FROM "
                + settings.schema() + ".loaded_files").mapTo(String.class).one());
        assertThat(stored).isEqualTo("[{\"rows\": 5000.00, \"match\": true, \"footer\": 5000, \"policy_code\": 1},"
                + " {\"rows\": 0, \"match\": false, \"footer\": 10, \"policy_code\": 2}]");
    }

    @Test
    void storesTheCountsAndTheUnknownColumnsWithTheLedgerRow() {
        SourceFile file = file("2011.csv", "v1");

        try (FileTransaction load = begin(file)) {
            load.add(row(5, 1L));
            load.commit(new LoadCounts(1, 2, 3, 4, 0, 6));
        }

        String stored = TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT concat_ws(' ', source, version, size,"
                        + " status, data_rows, loaded, charged_off, purpose_other, low_credit_score, rejected,"
                        + " skipped_lines, unknown_columns::text) FROM " + settings.quotedSchema() + ".loaded_files")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo("file:/data/2011.csv v1 1234 loaded 10 1 2 3 4 0 6 {my_notes}");
    }

    @Test
    void storesTheColumnTheScoreWasReadFromWithTheLedgerRow() {
        List<String> ficoOnly = LoanCsv.COLUMNS.stream()
                .map(c -> c.equals("last_fico_range_low") ? "fico_range_low" : c).toList();
        List<String> noScore = LoanCsv.COLUMNS.stream().filter(c -> !c.equals("last_fico_range_low")).toList();
        LoadRules skipFilter = LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER);
        commitEmpty(file("last.csv", "v1"), LAYOUT);
        commitEmpty(file("fico.csv", "v1"), FileLayout.of("fico.csv", ficoOnly, ColumnCatalog.standard(), skipFilter));
        commitEmpty(file("none.csv", "v1"), FileLayout.of("none.csv", noScore, ColumnCatalog.standard(), skipFilter));

        List<String> stored = TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT source || ' ' ||"
                        + " credit_score_column FROM " + settings.quotedSchema() + ".loaded_files ORDER BY id")
                .mapTo(String.class).list());
        assertThat(stored).containsExactly("file:/data/last.csv last_fico_range_low",
                "file:/data/fico.csv fico_range_low", "file:/data/none.csv not applied");
        assertThat(database.loadedFiles()).extracting(f -> f.entry().file().name() + " " + f.creditScoreColumn())
                .containsExactly("last.csv last_fico_range_low", "fico.csv fico_range_low", "none.csv not applied");
    }

    @Test
    void leavesNothingWhenTheLoadIsClosedWithoutACommit() {
        SourceFile file = file("2011.csv", "v1");

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1L));
            load.reject(new Reject(3, "term: not a term: \"x\"", "x"));
        }

        assertThat(Tables.count(settings, "loans")).isZero();
        assertThat(Tables.count(settings, "loan_rejects")).isZero();
        assertThat(Tables.count(settings, "loaded_files")).isZero();
        assertThat(database.ledger().find(file)).isEmpty();
    }

    @Test
    void letsAFileThatWasRolledBackLoadAgain() {
        SourceFile file = file("2011.csv", "v1");
        begin(file).close();

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1L));
            load.commit(new LoadCounts(1, 0, 0, 0, 0, 0));
        }

        assertThat(Tables.count(settings, "loans")).isEqualTo(1);
    }

    @Test
    void refusesASecondBeginOfAFileWhileTheFirstIsOpen() {
        SourceFile file = file("2011.csv", "v1");

        try (FileTransaction first = begin(file)) {
            assertThat(database.sink().begin(file, LAYOUT)).isEmpty();

            first.add(row(2, 1L));
            first.commit(new LoadCounts(1, 0, 0, 0, 0, 0));
        }

        assertThat(Tables.count(settings, "loans")).isEqualTo(1);
    }

    @Test
    void refusesToBeginAFileThatHasCommitted() {
        SourceFile file = file("2011.csv", "v1");
        try (FileTransaction first = begin(file)) {
            first.commit(LoadCounts.NONE);
        }

        Optional<FileTransaction> again = database.sink().begin(file, LAYOUT);

        assertThat(again).isEmpty();
        assertThat(Tables.count(settings, "loaded_files")).isEqualTo(1);
    }

    @Test
    void loadsANewVersionOfTheSameLocationAgain() {
        try (FileTransaction first = begin(file("2011.csv", "v1"))) {
            first.add(row(2, 1L));
            first.commit(new LoadCounts(1, 0, 0, 0, 0, 0));
        }

        try (FileTransaction second = begin(file("2011.csv", "v2"))) {
            second.add(row(2, 1L));
            second.commit(new LoadCounts(1, 0, 0, 0, 0, 0));
        }

        assertThat(database.loadedFiles()).extracting(f -> f.entry().file().version()).containsExactly("v1", "v2");
        assertThat(Tables.count(settings, "loans")).isEqualTo(2);
    }

    @Test
    void doesNotBlockTheSameFileLoadingIntoAnotherSchema() {
        PostgresDatabase other = PostgresDatabase.open(TestPostgres.settings("sink_other"));
        SourceFile file = file("2011.csv", "v1");

        try (FileTransaction here = begin(file)) {
            Optional<FileTransaction> there = other.sink().begin(file, LAYOUT);

            assertThat(there).isPresent();
            there.get().close();
            here.commit(LoadCounts.NONE);
        }
    }

    @Test
    void storesEveryKindOfValueExactlyAsGiven() {
        List<LoanRow> rows = List.of(
                LoanRow.of(2, new Object[] {1077501L, new BigDecimal("15824.00"), 36, new BigDecimal("10.65"),
                        LocalDate.of(2011, 12, 1), "Fully Paid", "Borrower added on 12/22/11 > I need to upgrade",
                        "credit_card", new BigDecimal("27.65"), 740L}),
                LoanRow.of(3, new Object[] {Long.MAX_VALUE, new BigDecimal("-0.01"), 60, new BigDecimal("0.00"),
                        LocalDate.of(1999, 1, 1), "a\ttab, a\nnewline, a\r\ncrlf", "back\\slash \\N \\. \\t",
                        "quotes \" and ' and \"\"", new BigDecimal("999999999999999.99"), Long.MIN_VALUE}),
                LoanRow.of(4, new Object[] {null, null, null, null, null, null, null, null, null, null}),
                LoanRow.of(5, new Object[] {0L, new BigDecimal("0.10"), 1, new BigDecimal("100.00"),
                        LocalDate.of(2030, 12, 1), "\\N", "\\.", "unicode: é ü ß 漢字 😀 \u2028 end",
                        new BigDecimal("1.00"), 0L}));

        commit(file("2011.csv", "v1"), rows, List.of());

        assertThat(Tables.loans(settings, LAYOUT.columns())).containsExactlyElementsOf(
                rows.stream().map(PostgresLoadSinkTest::expected).toList());
    }

    /** Seeded random values of every type, through the binary COPY and back, against their boxed forms. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
    void storesRandomValuesOfEveryTypeExactly(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<LoanRow> rows = new ArrayList<>();
        for (int line = 2; line < 1002; line++) {
            rows.add(LoanRow.of(line, new Object[] {random.nextLong() >> random.nextInt(64), money(random), random.nextInt(1, 1000),
                    money(random), LocalDate.ofEpochDay(random.nextLong(-1_000_000, 1_000_000)),
                    random.nextInt(5) == 0 ? null : "st\\atus " + random.nextInt(), random.nextBoolean() ? "" : "é\t漢",
                    "purpose", random.nextInt(3) == 0 ? null : money(random), random.nextLong(0, 900)}));
        }

        commit(file("random.csv", "v" + seed), rows, List.of());

        assertThat(Tables.loans(settings, LAYOUT.columns())).containsExactlyElementsOf(
                rows.stream().map(PostgresLoadSinkTest::expected).toList());
    }

    /** Two places, from 0.00 to the column's 15 digits before the point, often with zero base-10000 groups. */
    private static BigDecimal money(java.util.SplittableRandom random) {
        long unscaled = random.nextLong(100_000_000_000_000_000L) >> random.nextInt(57);
        if (random.nextBoolean()) {
            unscaled = unscaled / 1_000_000 * 1_000_000;
        }
        return BigDecimal.valueOf(random.nextBoolean() ? -unscaled : unscaled, 2);
    }

    /** About 8 MB: more chunks than the pipe holds buffers, so each buffer is filled and written several times. */
    @Test
    void streamsAFileOfManyCopyChunks() {
        List<LoanRow> rows = new ArrayList<>();
        String text = "x".repeat(1000) + "\t\\";
        for (int line = 2; line < 8002; line++) {
            rows.add(LoanRow.of(line, new Object[] {(long) line, new BigDecimal("1.25"), 36, null, null,
                    "Current", text + line, "car", null, 700L}));
        }

        commit(file("big.csv", "v1"), rows, List.of());

        assertThat(Tables.loans(settings, LAYOUT.columns())).containsExactlyElementsOf(
                rows.stream().map(PostgresLoadSinkTest::expected).toList());
    }

    @Test
    void storesRejectsWithTheirExactRawText() {
        List<Reject> rejects = List.of(
                new Reject(2, "field count: expected 10, found 3", "a,b,c"),
                new Reject(3, "int_rate: not a percentage: \"a\tb\"", "\"quoted, with comma\",\"line\nbreak\",x"),
                new Reject(7, "desc: \\ backslash", "back\\slash\\N,\\.,tab\tend\r\ncrlf,é漢😀,\"\"\"\"\""),
                new Reject(9, "empty raw text", ""));

        commit(file("rejects.csv", "v1"), List.of(), rejects);

        assertThat(database.rejects(null, 100)).containsExactlyElementsOf(rejects.stream()
                .map(r -> new StoredReject("file:/data/rejects.csv", "v1", r.line(), r.reason(), r.rawText()))
                .toList());
    }

    @Test
    void storesEveryRejectWhenTheyOutgrowMemory() throws IOException {
        PostgresLoadSink sink = new PostgresLoadSink(Jdbi.create(TestPostgres.jdbcUrl(), "postgres", ""), settings, 512);
        SourceFile file = file("bad.csv", "v1");
        List<Reject> rejects = new ArrayList<>();
        for (int line = 2; line < 3002; line++) {
            rejects.add(new Reject(line, "term: not a term: \"" + line + "\"", "raw\t" + line + ",\"q\"\n\\" + "y".repeat(300)));
        }

        Set<Path> before = spillFiles();
        try (FileTransaction load = sink.begin(file, LAYOUT).orElseThrow()) {
            rejects.forEach(load::reject);
            assertThat(spillFiles()).as("a temporary file of rejects").isNotEmpty().isNotEqualTo(before);
            load.commit(new LoadCounts(0, 0, 0, 0, rejects.size(), 0));
        }

        assertThat(database.rejects("bad.csv", 10_000)).containsExactlyElementsOf(rejects.stream()
                .map(r -> new StoredReject(file.location(), "v1", r.line(), r.reason(), r.rawText()))
                .toList());
    }

    @Test
    void refusesCountsThatDisagreeWithWhatWasAdded() {
        SourceFile file = file("2011.csv", "v1");

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1L));

            assertThatThrownBy(() -> load.commit(new LoadCounts(2, 0, 0, 0, 1, 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("2011.csv: counts say 2 loaded and 1 rejected, but 1 rows and 0 rejects were added");
        }

        assertThat(database.ledger().find(file)).isEmpty();
    }

    @Test
    void leavesNothingWhenTheServerRefusesARowAtCommit() {
        SourceFile file = file("huge.csv", "v1");

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1L));
            load.add(LoanRow.of(3, new Object[] {2L, new BigDecimal("10000000000000000.00"), 36, null, null,
                    "Current", null, "car", null, 700L}));

            assertThatThrownBy(() -> load.commit(new LoadCounts(2, 0, 0, 0, 0, 0)))
                    .isInstanceOf(SinkException.class)
                    .hasMessageStartingWith("huge.csv: cannot commit the load: numeric field overflow");
        }

        assertThat(Tables.count(settings, "loans")).isZero();
        assertThat(Tables.count(settings, "loaded_files")).isZero();
    }

    @Test
    void refusesARowThatDoesNotFitTheLayout() {
        try (FileTransaction load = begin(file("2011.csv", "v1"))) {
            assertThatThrownBy(() -> load.add(LoanRow.of(2, new Object[] {1L})))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("2011.csv:2: row has 1 values, the layout has 10 columns");
        }
    }

    @Test
    void refusesATextValueWithANulCharacter() {
        try (FileTransaction load = begin(file("2011.csv", "v1"))) {
            assertThatThrownBy(() -> load.add(LoanRow.of(2, new Object[] {1L, null, null, null, null, "a\0b", null,
                    "car", null, 700L})))
                    .isInstanceOf(SinkException.class)
                    .hasMessage("2011.csv:2: cannot store the row: a text value holds a NUL character, which"
                            + " PostgreSQL cannot store");
        }
    }

    /** A text value larger than the COPY buffer goes to the server in pieces, and comes back exactly. */
    @Test
    void storesAHugeTextValueExactly() {
        String desc = "é漢😀 a long description, \"quoted\"\n".repeat(100_000);
        List<LoanRow> rows = List.of(LoanRow.of(2, new Object[] {1L, null, null, null, null, "Current", desc, "car",
                null, 700L}), row(3, 2L));

        commit(file("huge.csv", "v1"), rows, List.of());

        assertThat(Tables.loans(settings, LAYOUT.columns())).containsExactlyElementsOf(
                rows.stream().map(PostgresLoadSinkTest::expected).toList());
    }

    /** A row that fails after part of it went to the server cannot be taken back: the load can only roll back. */
    @Test
    void refusesToCommitALoadWhoseRowFailedAfterPartOfItWasSent() {
        SourceFile file = file("huge.csv", "v1");

        try (FileTransaction load = begin(file)) {
            load.add(row(2, 1L));
            assertThatThrownBy(() -> load.add(LoanRow.of(3, new Object[] {2L, null, null, null, null,
                    "x".repeat(1 << 20), "a\0b", "car", null, 700L})))
                    .isInstanceOf(SinkException.class)
                    .hasMessage("huge.csv:3: cannot store the row: a text value holds a NUL character, which"
                            + " PostgreSQL cannot store");

            assertThatThrownBy(() -> load.commit(new LoadCounts(1, 0, 0, 0, 0, 0)))
                    .isInstanceOf(SinkException.class)
                    .hasMessage("huge.csv:3: cannot store the row: a text value holds a NUL character, which"
                            + " PostgreSQL cannot store (nothing of the file was committed)");
        }

        assertThat(Tables.count(settings, "loans")).isZero();
        assertThat(Tables.count(settings, "loaded_files")).isZero();
    }

    @Test
    void refusesToAddToALoadThatHasCommitted() {
        try (FileTransaction load = begin(file("2011.csv", "v1"))) {
            load.commit(LoadCounts.NONE);

            assertThatThrownBy(() -> load.add(row(2, 1L)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("2011.csv: the load is committed");
        }
    }

    private FileTransaction begin(SourceFile file) {
        return database.sink().begin(file, LAYOUT).orElseThrow();
    }

    private void commitEmpty(SourceFile file, FileLayout layout) {
        try (FileTransaction load = database.sink().begin(file, layout).orElseThrow()) {
            load.commit(LoadCounts.NONE);
        }
    }

    private void commit(SourceFile file, List<LoanRow> rows, List<Reject> rejects) {
        try (FileTransaction load = begin(file)) {
            rows.forEach(load::add);
            rejects.forEach(load::reject);
            load.commit(new LoadCounts(rows.size(), 0, 0, 0, rejects.size(), 0));
        }
    }

    private static SourceFile file(String name, String version) {
        return new SourceFile("file:/data/" + name, version, 1234);
    }

    /** A loan that passes the default rules, with this line and id. */
    private static LoanRow row(long line, long id) {
        return LoanRow.of(line, new Object[] {id, new BigDecimal("5000.00"), 36, new BigDecimal("10.65"),
                LocalDate.of(2011, 12, 1), "Fully Paid", null, "credit_card", new BigDecimal("27.65"), 740L});
    }

    private static List<Object> expected(LoanRow row) {
        List<Object> values = new ArrayList<>();
        values.add(row.line());
        values.addAll(Arrays.asList(row.values()));
        return values;
    }

    private static List<String> withUnknown(List<String> header, String unknown) {
        List<String> names = new ArrayList<>(header);
        names.add(unknown);
        return names;
    }

    private static FileLayout layout(List<String> header) {
        return FileLayout.of("test.csv", header, ColumnCatalog.standard(), LoadRules.defaults());
    }

    /** The temporary files that rejects spill to ({@link RejectBuffer}'s names), as they are now. */
    private static Set<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("loanetl-rejects-")).collect(Collectors.toSet());
        }
    }
}
