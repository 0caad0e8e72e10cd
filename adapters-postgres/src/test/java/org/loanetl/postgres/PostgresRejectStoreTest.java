package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loanetl.domain.load.FileReplay;
import org.loanetl.domain.load.ReplayRejects;
import org.loanetl.domain.load.ReplayReport;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.RejectedFile;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.ReplayTransaction;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** Replays of stored rejects against a real PostgreSQL: what moves, what stays, the ledger and the replay's record. */
@ExtendWith(TestPostgresExtension.class)
class PostgresRejectStoreTest {

    private static final FileLayout LAYOUT = FileLayout.of("2011.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(),
            LoadRules.defaults());
    private static final SourceFile FILE = new SourceFile("file:/data/2011.csv", "v1", 100);

    private PostgresSettings settings;
    private PostgresDatabase database;

    @BeforeEach
    void openAFreshSchema(PostgresSettings fresh) {
        settings = fresh;
        database = PostgresDatabase.open(settings);
    }

    /** A file of one loaded row and three rejects: one that loads today, one filtered today, one that still fails. */
    private void loadAFileWithThreeRejects() {
        LoanCsv csv = LoanCsv.aFile();
        try (FileTransaction load = database.sink().begin(FILE, LAYOUT).orElseThrow()) {
            load.add(org.loanetl.domain.model.LoanRow.of(2, 1L, null, null, null, null, null, null, null, null, null));
            load.reject(new Reject(3, "dti: not a decimal number: \"NA\"", csv.line(aLoan().with("id", "3")
                    .with("dti", "NA"))));
            load.reject(new Reject(4, "dti: not a decimal number: \"NA\"", csv.line(aLoan().with("id", "4")
                    .with("dti", "NA").with("purpose", "other"))));
            load.reject(new Reject(5, "dti: not a decimal number: \"NA\"", csv.line(aLoan().with("id", "5")
                    .with("dti", "NA").with("int_rate", "abc"))));
            load.commit(new LoadCounts(1, 0, 0, 0, 3, 0));
        }
    }

    private List<List<Object>> query(String sql) {
        return TestPostgres.jdbi().withHandle(h -> h.createQuery(sql.replace("$s", settings.quotedSchema()))
                .map((rs, ctx) -> {
                    List<Object> row = new java.util.ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    return row;
                }).list());
    }

    @Test
    void keepsEachFilesHeaderWithItsLedgerRow() {
        loadAFileWithThreeRejects();

        assertThat(database.rejectStore().files(RejectSelection.ALL)).singleElement()
                .isEqualTo(new RejectedFile(1, FILE.location(), LoanCsv.COLUMNS, 3));
    }

    @Test
    void movesWhatNowPassesCorrectsTheCountsAndRecordsTheReplayInOneTransaction() {
        loadAFileWithThreeRejects();

        ReplayReport report = new ReplayRejects(database.rejectStore(), LoadRules.defaults())
                .replay(RejectSelection.ALL);

        assertThat(report.total()).isEqualTo(new LoadCounts(1, 0, 1, 0, 1, 0));
        assertThat(query("SELECT line, id FROM $s.loans ORDER BY line"))
                .containsExactly(List.of(2L, 1L), List.of(3L, 3L));
        assertThat(query("SELECT line, reason FROM $s.loan_rejects"))
                .containsExactly(List.of(5L, "int_rate: not a percentage: \"abc\""));
        assertThat(query("SELECT data_rows, loaded, charged_off, purpose_other, low_credit_score, rejected"
                + " FROM $s.loaded_files")).containsExactly(List.of(4L, 2L, 0L, 1L, 0L, 1L));
        assertThat(query("SELECT file_id, moved, filtered, still_rejected, rules FROM $s.replays"))
                .containsExactly(List.of(1L, 1L, 1L, 1L, ReplayRejects.describe(LoadRules.defaults())));
    }

    @Test
    void choosesRejectsByFileAndReasonPattern() {
        loadAFileWithThreeRejects();
        var replay = new ReplayRejects(database.rejectStore(), LoadRules.defaults());

        assertThat(replay.replay(new RejectSelection("other.csv", null)).files()).isEmpty();
        assertThat(replay.replay(new RejectSelection("2011", "int_rate:%")).files()).isEmpty();
        ReplayReport report = replay.preview(new RejectSelection("2011", "dti:%"));

        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileReplay.Status.PREVIEWED);
            assertThat(f.replayed()).isEqualTo(new LoadCounts(1, 0, 1, 0, 1, 0));
        });
        assertThat(Tables.count(settings, "loan_rejects")).isEqualTo(3);
        assertThat(Tables.count(settings, "replays")).isZero();
    }

    @Test
    void leavesEverythingAsItWasWhenTheReplayIsNotCommitted() {
        loadAFileWithThreeRejects();
        RejectedFile file = database.rejectStore().files(RejectSelection.ALL).get(0);

        try (ReplayTransaction replay = database.rejectStore().begin(file, RejectSelection.ALL, LAYOUT)) {
            List<Reject> rejects = replay.next(0, 2);
            assertThat(rejects).extracting(Reject::line).containsExactly(3L, 4L);
            replay.stillRejected(new Reject(3, "new", rejects.get(0).rawText()));
            assertThat(replay.next(4, 2)).extracting(Reject::line).containsExactly(5L);
        }

        assertThat(query("SELECT line, reason FROM $s.loan_rejects ORDER BY line")).extracting(r -> r.get(1))
                .containsOnly("dti: not a decimal number: \"NA\"");
        assertThat(Tables.count(settings, "replays")).isZero();
    }

    @Test
    void aSecondReplayOfTheFileWaitsForTheFirstThenMovesNothingTwice() throws Exception {
        loadAFileWithThreeRejects();
        RejectedFile file = database.rejectStore().files(RejectSelection.ALL).get(0);
        var replay = new ReplayRejects(database.rejectStore(), LoadRules.defaults());

        CompletableFuture<ReplayReport> second;
        try (ReplayTransaction first = database.rejectStore().begin(file, RejectSelection.ALL, LAYOUT)) {
            second = CompletableFuture.supplyAsync(() -> replay.replay(RejectSelection.ALL));
            Thread.sleep(300);
            assertThat(second).isNotDone();
            first.next(0, 10);
            first.commit(LoadCounts.NONE, "nothing");
        }

        assertThat(second.get(10, TimeUnit.SECONDS).total()).isEqualTo(new LoadCounts(1, 0, 1, 0, 1, 0));
        assertThat(replay.replay(RejectSelection.ALL).total()).isEqualTo(new LoadCounts(0, 0, 0, 0, 1, 0));
        assertThat(query("SELECT data_rows, loaded, purpose_other, rejected FROM $s.loaded_files"))
                .containsExactly(List.of(4L, 2L, 1L, 1L));
        assertThat(Tables.count(settings, "loans")).isEqualTo(2);
    }

    @Test
    void countsRejectsByFileAndReasonWithoutTheirValues() {
        loadAFileWithThreeRejects();

        assertThat(database.rejectSummary(null))
                .containsExactly(new RejectCount(FILE.location(), "dti: not a decimal number", 3));
    }
}
