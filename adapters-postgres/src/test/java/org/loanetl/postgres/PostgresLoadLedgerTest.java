package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** The ledger and the reads behind {@code status} and {@code rejects}, over files committed through the sink. */
@ExtendWith(TestPostgresExtension.class)
class PostgresLoadLedgerTest {

    private static final FileLayout LAYOUT = FileLayout.of("t.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(),
            LoadRules.defaults());

    private PostgresDatabase database;

    @BeforeEach
    void openAFreshSchema(PostgresSettings fresh) {
        database = PostgresDatabase.open(fresh);
    }

    @AfterEach
    void closeThePool() {
        database.close();
    }

    @Test
    void findsTheEntriesOfABatchOfListedFilesInOneQuery() {
        SourceFile a = file("a.csv", "v1");
        SourceFile b = file("b.csv", "v1");
        commit(a, new LoadCounts(0, 1, 0, 0, 0, 0));
        commit(b, LoadCounts.NONE);
        SourceFile listedA = new SourceFile(a.location(), a.version(), 99);
        SourceFile newVersionOfB = file("b.csv", "v2");
        SourceFile unknown = file("c.csv", "v1");

        Map<SourceFile, LedgerEntry> found = database.ledger().findAll(List.of(listedA, newVersionOfB, unknown));

        assertThat(found).containsOnlyKeys(listedA);
        assertThat(found.get(listedA).counts()).isEqualTo(new LoadCounts(0, 1, 0, 0, 0, 0));
        assertThat(database.ledger().findAll(List.of())).isEmpty();
    }

    @Test
    void recordsAKeepWithTheCommitAsDone() {
        SourceFile file = file("a.csv", "v1");

        try (FileTransaction load = database.sink().begin(file, LAYOUT).orElseThrow()) {
            load.commit(LoadCounts.NONE, AfterLoad.KEEP);
        }

        assertThat(database.ledger().find(file).orElseThrow().cleanup()).isEqualTo(AfterLoad.KEEP);
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();
    }

    @Test
    void recordsAnArchiveWithTheCommitAsBegunUntilItIsRecordedDone() {
        SourceFile file = file("a.csv", "v1");

        try (FileTransaction load = database.sink().begin(file, LAYOUT).orElseThrow()) {
            load.commit(LoadCounts.NONE, AfterLoad.ARCHIVE);
        }

        assertThat(database.ledger().find(file).orElseThrow().cleanup()).isNull();
        assertThat(database.ledger().unfinishedCleanups())
                .containsExactly(new LoadLedger.UnfinishedCleanup(file, AfterLoad.ARCHIVE));
        database.ledger().cleanedUp(file, AfterLoad.ARCHIVE);
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();
    }

    @Test
    void findsTheCommittedEntryOfExactlyThisLocationAndVersion() {
        Instant before = Instant.now().minus(Duration.ofMinutes(1));
        SourceFile file = file("a.csv", "v1");
        commit(file, new LoadCounts(0, 1, 2, 3, 0, 4));

        LedgerEntry entry = database.ledger().find(file).orElseThrow();

        assertThat(entry.file()).isEqualTo(file);
        assertThat(entry.counts()).isEqualTo(new LoadCounts(0, 1, 2, 3, 0, 4));
        assertThat(entry.loadedAt()).isBetween(before, Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(entry.cleanup()).isNull();
        assertThat(database.ledger().find(file("a.csv", "v2"))).isEmpty();
        assertThat(database.ledger().find(file("b.csv", "v1"))).isEmpty();
    }

    @Test
    void recordsWhatWasDoneWithTheSource() {
        SourceFile file = file("a.csv", "v1");
        commit(file, LoadCounts.NONE);

        database.ledger().cleanedUp(file, AfterLoad.ARCHIVE);

        assertThat(database.ledger().find(file).orElseThrow().cleanup()).isEqualTo(AfterLoad.ARCHIVE);
        String cleanedAt = TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT cleanup || ' ' ||"
                        + " (cleaned_at IS NOT NULL) FROM \"" + database.schema() + "\".loaded_files")
                .mapTo(String.class).one());
        assertThat(cleanedAt).isEqualTo("archive true");
    }

    @Test
    void remembersACleanupThatStartedAndNeverFinishedUntilItIsRecordedDone() {
        SourceFile done = file("a.csv", "v1");
        SourceFile interrupted = file("b.csv", "v1");
        commit(done, LoadCounts.NONE);
        commit(interrupted, LoadCounts.NONE);
        database.ledger().cleanedUp(done, AfterLoad.KEEP);

        database.ledger().cleaningUp(done, AfterLoad.DELETE);
        database.ledger().cleaningUp(interrupted, AfterLoad.ARCHIVE);
        database.ledger().cleanedUp(done, AfterLoad.DELETE);

        assertThat(database.ledger().unfinishedCleanups())
                .containsExactly(new LoadLedger.UnfinishedCleanup(interrupted, AfterLoad.ARCHIVE));
        database.ledger().cleanedUp(interrupted, AfterLoad.ARCHIVE);
        assertThat(database.ledger().unfinishedCleanups()).isEmpty();
    }

    @Test
    void refusesToRecordACleanupForAFileItHasNoEntryFor() {
        assertThatThrownBy(() -> database.ledger().cleanedUp(file("a.csv", "v9"), AfterLoad.DELETE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no ledger entry for file:/data/a.csv version v9");
    }

    @Test
    void listsEveryCommittedFileOldestFirst() {
        commit(file("b.csv", "v1"), LoadCounts.NONE);
        commit(file("a.csv", "v1"), LoadCounts.NONE);
        commit(file("b.csv", "v2"), LoadCounts.NONE);
        database.ledger().cleanedUp(file("a.csv", "v1"), AfterLoad.KEEP);

        List<LoadedFile> all = database.loadedFiles();

        assertThat(all).extracting(LoadedFile::entry)
                .extracting(e -> e.file().name() + " " + e.file().version() + " " + e.cleanup())
                .containsExactly("b.csv v1 null", "a.csv v1 KEEP", "b.csv v2 null");
        assertThat(all).extracting(LoadedFile::creditScoreColumn).containsOnly("last_fico_range_low");
    }

    @Test
    void readsTheRejectsOfMatchingFilesInFileAndLineOrderUpToTheLimit() {
        commit(file("2011.csv", "v1"), List.of(new Reject(9, "r9", "x9"), new Reject(3, "r3", "x3")));
        commit(file("2012.csv", "v7"), List.of(new Reject(2, "r2", "x2")));
        commit(file("2011.csv", "v2"), List.of(new Reject(5, "r5", "x5")));

        assertThat(database.rejects(null, 100)).extracting(PostgresLoadLedgerTest::brief)
                .containsExactly("2011.csv v1 3 r3 x3", "2011.csv v1 9 r9 x9", "2012.csv v7 2 r2 x2",
                        "2011.csv v2 5 r5 x5");
        assertThat(database.rejects("2011", 100)).extracting(PostgresLoadLedgerTest::brief)
                .containsExactly("2011.csv v1 3 r3 x3", "2011.csv v1 9 r9 x9", "2011.csv v2 5 r5 x5");
        assertThat(database.rejects(null, 2)).extracting(PostgresLoadLedgerTest::brief)
                .containsExactly("2011.csv v1 3 r3 x3", "2011.csv v1 9 r9 x9");
        assertThat(database.rejects("2013", 100)).isEmpty();
    }

    @Test
    void matchesTheRejectFilterLiterallyNotAsAPattern() {
        commit(file("a_b%.csv", "v1"), List.of(new Reject(2, "r", "x")));
        commit(file("axb.csv", "v1"), List.of(new Reject(2, "r", "y")));

        assertThat(database.rejects("a_b%", 100)).extracting(StoredReject::rawText).containsExactly("x");
    }

    private void commit(SourceFile file, LoadCounts counts) {
        try (FileTransaction load = database.sink().begin(file, LAYOUT).orElseThrow()) {
            load.commit(counts);
        }
    }

    private void commit(SourceFile file, List<Reject> rejects) {
        try (FileTransaction load = database.sink().begin(file, LAYOUT).orElseThrow()) {
            rejects.forEach(load::reject);
            load.commit(new LoadCounts(0, 0, 0, 0, rejects.size(), 0));
        }
    }

    private static String brief(StoredReject r) {
        return r.source().substring("file:/data/".length()) + " " + r.version() + " " + r.line() + " " + r.reason()
                + " " + r.rawText();
    }

    private static SourceFile file(String name, String version) {
        return new SourceFile("file:/data/" + name, version, 10);
    }
}
