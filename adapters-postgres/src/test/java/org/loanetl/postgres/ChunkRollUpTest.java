package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loanetl.domain.load.ReplayRejects;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.ControlSums;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** A file loaded in chunks against a real PostgreSQL: each chunk committed through the sink, then the file recorded. */
@ExtendWith(TestPostgresExtension.class)
class ChunkRollUpTest {

    private static final FileLayout LAYOUT = FileLayout.of("big.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(),
            LoadRules.defaults());
    private static final SourceFile FILE = new SourceFile("file:/data/big.csv", "v1", 300, "300 1700000000 42");
    private static final List<FileChunk> CHUNKS = List.of(new FileChunk(FILE, 0, 3, 0, 100, 2, 40),
            new FileChunk(FILE, 1, 3, 100, 200, 20, 40), new FileChunk(FILE, 2, 3, 200, 300, 40, 40));

    private PostgresSettings settings;
    private PostgresDatabase database;

    @BeforeEach
    void openAFreshSchema(PostgresSettings fresh) {
        settings = fresh;
        database = PostgresDatabase.open(settings);
    }

    @AfterEach
    void closeThePool() {
        database.close();
    }

    @Test
    void aWholeLoadAndAChunkOfTheSameFileNeverRunAtOnce() {
        var sink = database.sink();
        try (var whole = sink.begin(FILE, LAYOUT).orElseThrow()) {
            assertThat(sink.begin(CHUNKS.get(1).ledgerFile(), LAYOUT)).as("a chunk while the file loads whole")
                    .isEmpty();
        }
        try (var chunk = sink.begin(CHUNKS.get(0).ledgerFile(), LAYOUT).orElseThrow();
             var other = sink.begin(CHUNKS.get(2).ledgerFile(), LAYOUT).orElseThrow()) {
            assertThat(sink.begin(FILE, LAYOUT)).as("the whole file while its chunks load").isEmpty();
            assertThat(sink.begin(CHUNKS.get(0).ledgerFile(), LAYOUT)).as("one chunk twice").isEmpty();
        }
        try (var again = sink.begin(FILE, LAYOUT).orElseThrow()) {
            assertThat(again).as("once the chunks' transactions end").isNotNull();
        }
    }

    @Test
    void savesAPlanOnceAndGivesItBackToARerunWithTheStatItWasCutAt() {
        assertThat(database.ledger().savedPlan(FILE)).isEmpty();
        assertThat(database.ledger().versionWithStat(FILE.location(), FILE.stat())).isEmpty();

        // as the planner cuts: the header lies before the second chunk's start
        List<FileChunk> planned = List.of(new FileChunk(FILE, 0, 3, 0, 100, 1, 100),
                new FileChunk(FILE, 1, 3, 100, 200, 20, 100), new FileChunk(FILE, 2, 3, 200, 300, 40, 100));
        assertThat(database.ledger().savePlan(FILE, planned)).isEqualTo(planned);
        List<FileChunk> other = List.of(new FileChunk(FILE, 0, 2, 0, 150, 1, 150), new FileChunk(FILE, 1, 2, 150, 300,
                30, 150));

        assertThat(database.ledger().savePlan(FILE, other)).as("the first plan stands").isEqualTo(planned);
        assertThat(database.ledger().savedPlan(FILE)).contains(planned);
        assertThat(database.ledger().savedPlan(new SourceFile(FILE.location(), "v2", 300))).isEmpty();
        assertThat(database.ledger().versionWithStat(FILE.location(), FILE.stat())).contains(FILE.version());
        assertThat(database.ledger().versionWithStat(FILE.location(), "301 1700000000 42")).isEmpty();
    }

    @Test
    void listsTheCommittedChunksOfAVersionOnly() {
        commitChunk(0, 2, List.of(), new LoadCounts(2, 0, 0, 0, 0, 1), ControlSums.NONE);
        commitChunk(2, 0, List.of(), new LoadCounts(0, 0, 0, 0, 0, 2), ControlSums.NONE);

        assertThat(database.ledger().committedChunks(FILE)).containsExactly(CHUNKS.get(0).ledgerFile(),
                CHUNKS.get(2).ledgerFile());
        assertThat(database.ledger().committedChunks(new SourceFile(FILE.location(), "v2", 300))).isEmpty();
        assertThat(database.ledger().committedChunks(new SourceFile("file:/data/big.csv.old", "v1", 300))).isEmpty();
    }

    @Test
    void recordsTheFileWithTheSumOfItsChunksCounts() {
        commitChunk(0, 2, List.of(), new LoadCounts(2, 1, 0, 0, 0, 1), ControlSums.NONE);
        commitChunk(1, 1, List.of(new Reject(21, "dti: not a decimal number: \"NA\"", "x")),
                new LoadCounts(1, 0, 2, 0, 1, 0), ControlSums.NONE);
        commitChunk(2, 0, List.of(), new LoadCounts(0, 0, 0, 3, 0, 2), ControlSums.NONE);

        LoadLedger.Completed done = complete(AfterLoad.KEEP).orElseThrow();

        LoadCounts sum = new LoadCounts(3, 1, 2, 3, 1, 3);
        assertThat(done.entry().file()).isEqualTo(FILE);
        assertThat(done.entry().counts()).isEqualTo(sum);
        assertThat(done.entry().loadedAt()).isNotNull();
        assertThat(done.controlTotals()).isEmpty();
        assertThat(database.ledger().find(FILE)).contains(done.entry());
        assertThat(database.ledger().findAll(List.of(FILE))).containsOnlyKeys(FILE);
        assertThat(query("SELECT size, data_rows, chunks, source_stat, credit_score_column,"
                + " array_to_string(header, ',') = :header, started_at = (SELECT min(started_at) FROM $s.loaded_files)"
                + " FROM $s.loaded_files WHERE source = :source"))
                .containsExactly(List.of(300L, 10L, 3, FILE.stat(), "last_fico_range_low", true, true));
        assertThat(query("SELECT count(*) FROM $s.loaded_files WHERE chunks IS NULL")).containsExactly(List.of(3L));
    }

    @Test
    void makesTheFilesControlTotalsFromItsChunksParts() {
        commitChunk(0, 0, List.of(), LoadCounts.NONE, new ControlSums(
                Map.of(1, new BigDecimal("100.50"), 2, new BigDecimal("7.00")), Map.of()));
        commitChunk(1, 0, List.of(), LoadCounts.NONE, new ControlSums(Map.of(1, new BigDecimal("200.25")), Map.of()));
        commitChunk(2, 0, List.of(), LoadCounts.NONE, new ControlSums(Map.of(1, new BigDecimal("0.25")),
                Map.of(1, new BigDecimal("301"), 3, new BigDecimal("5"))));

        LoadLedger.Completed done = complete(null).orElseThrow();

        // policy code 2 has rows and no footer: no total; 3 has a footer and no rows: they sum to zero
        assertThat(done.controlTotals()).containsExactly(
                new ControlTotal(1, new BigDecimal("301"), new BigDecimal("301.00")),
                new ControlTotal(3, new BigDecimal("5"), BigDecimal.ZERO));
        assertThat(done.controlTotals().get(0).matches()).isTrue();
        assertThat(query("SELECT control_totals::text FROM $s.loaded_files WHERE source = :source"))
                .containsExactly(List.of("[{\"rows\": 301.00, \"match\": true, \"footer\": 301, \"policy_code\": 1},"
                        + " {\"rows\": 0, \"match\": false, \"footer\": 5, \"policy_code\": 3}]"));
        assertThat(complete(null).orElseThrow().controlTotals()).isEqualTo(done.controlTotals());
    }

    @Test
    void storesEachChunksControlSumsWithItsRow() {
        commitChunk(2, 0, List.of(), LoadCounts.NONE, new ControlSums(Map.of(1, new BigDecimal("0.10")),
                Map.of(1, new BigDecimal("999"))));

        assertThat(query("SELECT chunk_sums::text, chunks FROM $s.loaded_files")).containsExactly(
                Arrays.asList("{\"rows\": {\"1\": \"0.10\"}, \"footers\": {\"1\": \"999\"}}", null));
    }

    @Test
    void storesNoControlTotalsWhenNoChunkHoldsAFooter() {
        for (int i = 0; i < 3; i++) {
            commitChunk(i, 0, List.of(), LoadCounts.NONE, new ControlSums(Map.of(1, BigDecimal.TEN), Map.of()));
        }

        assertThat(complete(null).orElseThrow().controlTotals()).isEmpty();
        assertThat(query("SELECT control_totals IS NULL FROM $s.loaded_files WHERE source = :source"))
                .containsExactly(List.of(true));
    }

    @Test
    void returnsTheEntryThereIsWhenTheFileIsCompletedAgain() {
        commitAllChunks();
        LoadLedger.Completed first = complete(AfterLoad.KEEP).orElseThrow();

        assertThat(complete(AfterLoad.DELETE)).contains(first);
        assertThat(query("SELECT count(*) FROM $s.loaded_files WHERE source = :source")).containsExactly(List.of(1L));
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();
    }

    @Test
    void recordsNothingWhileAChunkIsNotCommitted() {
        commitChunk(0, 1, List.of(), new LoadCounts(1, 0, 0, 0, 0, 0), ControlSums.NONE);
        commitChunk(2, 1, List.of(), new LoadCounts(1, 0, 0, 0, 0, 0), ControlSums.NONE);

        assertThat(complete(AfterLoad.ARCHIVE)).isEmpty();
        assertThat(database.ledger().find(FILE)).isEmpty();
        assertThat(Tables.count(settings, "loaded_files")).isEqualTo(2);
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();
    }

    @Test
    void recordsTheFileOnceWhenTwoRunnersCompleteItAtOnce() throws Exception {
        commitAllChunks();
        List<Optional<LoadLedger.Completed>> results;
        // a lock on the chunks' rows holds both runners at the same point, then lets them go together
        try (Handle holder = TestPostgres.jdbi().open()) {
            holder.begin();
            holder.createQuery("SELECT id FROM " + settings.quotedSchema() + ".loaded_files FOR UPDATE")
                    .mapTo(Long.class).list();
            CompletableFuture<Optional<LoadLedger.Completed>> a = CompletableFuture.supplyAsync(
                    () -> complete(AfterLoad.ARCHIVE));
            CompletableFuture<Optional<LoadLedger.Completed>> b = CompletableFuture.supplyAsync(
                    () -> complete(AfterLoad.ARCHIVE));
            waitUntilWaitingForALock(2);
            holder.rollback();
            results = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        }

        assertThat(results.get(0)).isPresent().isEqualTo(results.get(1));
        assertThat(query("SELECT count(*) FROM $s.loaded_files WHERE source = :source")).containsExactly(List.of(1L));
        assertThat(database.ledger().unfinishedCleanups())
                .containsExactly(new LoadLedger.UnfinishedCleanup(FILE, AfterLoad.ARCHIVE));
    }

    @Test
    void recordsAKeepWithTheFileAsDone() {
        commitAllChunks();

        assertThat(complete(AfterLoad.KEEP).orElseThrow().entry().cleanup()).isEqualTo(AfterLoad.KEEP);
        assertThat(query("SELECT cleanup_intent, cleaned_at IS NOT NULL FROM $s.loaded_files WHERE source = :source"))
                .containsExactly(List.of("keep", true));
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();
    }

    @Test
    void recordsAnArchiveWithTheFileAsBegunUntilItIsRecordedDone() {
        commitAllChunks();
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();

        assertThat(complete(AfterLoad.ARCHIVE).orElseThrow().entry().cleanup()).isNull();

        assertThat(database.ledger().unfinishedCleanups())
                .containsExactly(new LoadLedger.UnfinishedCleanup(FILE, AfterLoad.ARCHIVE));
        database.ledger().cleanedUp(FILE, AfterLoad.ARCHIVE);
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();
        assertThat(database.ledger().find(FILE).orElseThrow().cleanup()).isEqualTo(AfterLoad.ARCHIVE);
    }

    @Test
    void recordsNoCleanupWithoutOne() {
        commitAllChunks();

        complete(null);

        assertThat(query("SELECT count(*) FROM $s.loaded_files WHERE cleanup_intent IS NOT NULL OR cleanup IS NOT NULL"
                + " OR cleaned_at IS NOT NULL")).containsExactly(List.of(0L));
    }

    @Test
    void findsTheFileByItsStatOnceItIsRecorded() {
        commitAllChunks();
        assertThat(database.ledger().versionWithStat(FILE.location(), FILE.stat())).isEmpty();

        complete(AfterLoad.KEEP);

        assertThat(database.ledger().versionWithStat(FILE.location(), FILE.stat())).contains("v1");
        assertThat(database.ledger().find(new SourceFile(FILE.location(), "v2", 300))).isEmpty();
    }

    @Test
    void listsEachLineOnceForStatusBeforeAndAfterTheFileIsRecorded() {
        commitWholeFile(new SourceFile("file:/data/small.csv", "v1", 10), new LoadCounts(0, 5, 0, 0, 0, 0));
        commitChunk(0, 1, List.of(), new LoadCounts(1, 0, 0, 0, 0, 0), ControlSums.NONE);
        commitChunk(1, 2, List.of(), new LoadCounts(2, 0, 0, 0, 0, 0), ControlSums.NONE);
        assertThat(database.loadedFiles()).extracting(f -> f.entry().file().name())
                .containsExactly("small.csv", "big.csv#bytes=0-100", "big.csv#bytes=100-200");

        commitChunk(2, 4, List.of(), new LoadCounts(4, 0, 0, 0, 0, 0), ControlSums.NONE);
        complete(AfterLoad.KEEP);

        assertThat(database.loadedFiles()).extracting(f -> f.entry().file().name() + " " + f.entry().counts().loaded()
                + " " + f.creditScoreColumn())
                .containsExactly("small.csv 0 last_fico_range_low", "big.csv 7 last_fico_range_low");
    }

    @Test
    void correctsTheFilesCountsWhenAChunksRejectsAreReplayed() {
        LoanCsv csv = LoanCsv.aFile();
        commitChunk(0, 1, List.of(), new LoadCounts(1, 0, 0, 0, 0, 0), ControlSums.NONE);
        commitChunk(1, 0, List.of(new Reject(20, "dti: not a decimal number: \"NA\"",
                        csv.line(aLoan().with("id", "20").with("dti", "NA"))),
                new Reject(21, "dti: not a decimal number: \"NA\"",
                        csv.line(aLoan().with("id", "21").with("dti", "NA").with("int_rate", "abc")))),
                new LoadCounts(0, 0, 0, 0, 2, 0), ControlSums.NONE);
        commitChunk(2, 0, List.of(), LoadCounts.NONE, ControlSums.NONE);
        complete(AfterLoad.KEEP);

        new ReplayRejects(database.rejectStore(), LoadRules.defaults()).replay(RejectSelection.ALL);

        assertThat(database.ledger().find(FILE).orElseThrow().counts()).isEqualTo(new LoadCounts(2, 0, 0, 0, 1, 0));
        assertThat(query("SELECT sum(loaded), sum(rejected), sum(data_rows) FROM $s.loaded_files WHERE chunks IS NULL"))
                .containsExactly(List.of(new BigDecimal("2"), new BigDecimal("1"), new BigDecimal("3")));
    }

    @Test
    void keepsTheControlSumsOfAChunkLoadedInAGroup() {
        SourceFile key = CHUNKS.get(0).ledgerFile();
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            try (FileTransaction load = group.begin(key, LAYOUT).orElseThrow()) {
                load.controlSums(new ControlSums(Map.of(2, new BigDecimal("1.5")), Map.of()));
                load.commit(LoadCounts.NONE, null);
            }
            group.commit();
        }

        assertThat(query("SELECT chunk_sums::text FROM $s.loaded_files"))
                .containsExactly(List.of("{\"rows\": {\"2\": \"1.5\"}, \"footers\": {}}"));
    }

    private Optional<LoadLedger.Completed> complete(AfterLoad then) {
        return database.ledger().completeChunks(FILE, CHUNKS.stream().map(FileChunk::ledgerFile).toList(), then);
    }

    private void commitAllChunks() {
        for (int i = 0; i < CHUNKS.size(); i++) {
            commitChunk(i, 1, List.of(), new LoadCounts(1, 0, 0, 0, 0, 0), ControlSums.NONE);
        }
    }

    /** Commits a chunk as the domain does: its rows (numbered from its first line), rejects and sums, no cleanup. */
    private void commitChunk(int index, int rows, List<Reject> rejects, LoadCounts counts, ControlSums sums) {
        FileChunk chunk = CHUNKS.get(index);
        try (FileTransaction load = database.sink().begin(chunk.ledgerFile(), LAYOUT).orElseThrow()) {
            for (int i = 0; i < rows; i++) {
                long line = chunk.firstLine() + i;
                load.add(LoanRow.of(line, line, null, null, null, null, null, null, null, null, null));
            }
            rejects.forEach(load::reject);
            load.controlSums(sums);
            load.commit(counts, null);
        }
    }

    private void commitWholeFile(SourceFile file, LoadCounts counts) {
        try (FileTransaction load = database.sink().begin(file, LAYOUT).orElseThrow()) {
            load.commit(counts, AfterLoad.KEEP);
        }
    }

    private void waitUntilWaitingForALock(int sessions) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            long waiting = TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE '%FOR SHARE OF f%'").mapTo(Long.class).one());
            if (waiting >= sessions) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the runners never waited for the chunks' rows");
    }

    private List<List<Object>> query(String sql) {
        return TestPostgres.jdbi().withHandle(h -> h.createQuery(sql.replace("$s", settings.quotedSchema()))
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .bind("source", FILE.location())
                .bind("header", String.join(",", LoanCsv.COLUMNS))
                .map((rs, ctx) -> {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    return row;
                }).list());
    }
}
