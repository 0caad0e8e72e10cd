package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** Small files sharing one transaction against a real PostgreSQL: one commit, each file still all or nothing. */
@ExtendWith(TestPostgresExtension.class)
class PostgresGroupTransactionTest {

    private static final FileLayout LAYOUT = FileLayout.of("t.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(),
            LoadRules.defaults());

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
    void makesTheFilesVisibleTogetherAtTheGroupCommit() {
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            load(group, file("a.csv"), 2, 10);
            load(group, file("b.csv"), 3, 20);
            assertThat(Tables.count(settings, "loans")).isZero();
            assertThat(database.ledger().find(file("a.csv"))).isEmpty();

            group.commit();
        }

        assertThat(Tables.count(settings, "loans")).isEqualTo(5);
        assertThat(database.ledger().find(file("a.csv")).orElseThrow().counts().loaded()).isEqualTo(2);
        assertThat(database.ledger().find(file("b.csv")).orElseThrow().cleanup()).isEqualTo(AfterLoad.KEEP);
    }

    @Test
    void leavesOutAFileThatDoesNotCommitAndCommitsTheOthers() {
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            load(group, file("a.csv"), 2, 10);
            try (FileTransaction failing = group.begin(file("b.csv"), LAYOUT).orElseThrow()) {
                failing.add(row(2, 30));
                failing.reject(new Reject(3, "int_rate: not a percentage", "x"));
                // the file's read fails here: closed without its commit
            }
            assertThat(group.usable()).isTrue();
            load(group, file("c.csv"), 1, 40);

            group.commit();
        }

        assertThat(Tables.count(settings, "loans")).isEqualTo(3);
        assertThat(Tables.count(settings, "loan_rejects")).isZero();
        assertThat(database.ledger().find(file("b.csv"))).isEmpty();
        assertThat(database.ledger().find(file("c.csv"))).isPresent();
        assertThat(database.loadedFiles()).hasSize(2);
    }

    @Test
    void writesTheRejectsOfEveryFileWithTheirFiles() {
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            for (String name : java.util.List.of("a.csv", "b.csv")) {
                try (FileTransaction load = group.begin(file(name), LAYOUT).orElseThrow()) {
                    load.add(row(2, name.charAt(0)));
                    load.reject(new Reject(3, "int_rate: not a percentage", name + " raw"));
                    load.commit(new LoadCounts(1, 0, 0, 0, 1, 0), AfterLoad.KEEP);
                }
            }
            group.commit();
        }

        assertThat(database.rejects(null, 10)).extracting(r -> r.source().substring(11) + " " + r.rawText())
                .containsExactly("a.csv a.csv raw", "b.csv b.csv raw");
        assertThat(database.ledger().find(file("b.csv")).orElseThrow().counts()).isEqualTo(new LoadCounts(1, 0, 0, 0, 1, 0));
    }

    @Test
    void commitsNothingOfTheGroupWhenTheServerRefusesItsRows() {
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            load(group, file("a.csv"), 2, 10);
            try (FileTransaction twice = group.begin(file("b.csv"), LAYOUT).orElseThrow()) {
                twice.add(row(2, 30));
                twice.add(row(2, 31)); // the same line twice: the loans key refuses it when the group's COPY ends
                twice.commit(new LoadCounts(2, 0, 0, 0, 0, 0), AfterLoad.KEEP);
            }

            assertThatThrownBy(group::commit).isInstanceOf(SinkException.class)
                    .hasMessageContaining("cannot commit 2 file(s) together");
            assertThat(group.usable()).isFalse();
        }

        assertThat(Tables.count(settings, "loans")).isZero();
        assertThat(database.loadedFiles()).isEmpty();
    }

    @Test
    void holdsItsFilesAgainstOtherRunnersUntilItEnds() {
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            load(group, file("a.csv"), 1, 10);

            assertThat(database.sink().begin(file("a.csv"), LAYOUT)).as("another runner, meanwhile").isEmpty();
            group.commit();
        }
        assertThat(database.sink().begin(file("a.csv"), LAYOUT)).as("committed now").isEmpty();
    }

    @Test
    void leavesNothingWhenClosedWithoutItsCommitAndLetsTheFilesGo() {
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            load(group, file("a.csv"), 2, 10);
        }

        assertThat(Tables.count(settings, "loans")).isZero();
        assertThat(database.ledger().find(file("a.csv"))).isEmpty();
        try (FileTransaction again = database.sink().begin(file("a.csv"), LAYOUT).orElseThrow()) {
            again.commit(LoadCounts.NONE);
        }
    }

    @Test
    void skipsAFileCommittedBeforeWithinTheGroup() {
        try (FileTransaction before = database.sink().begin(file("a.csv"), LAYOUT).orElseThrow()) {
            before.commit(LoadCounts.NONE);
        }

        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            assertThat(group.begin(file("a.csv"), LAYOUT)).isEmpty();
            load(group, file("b.csv"), 1, 10);
            group.commit();
        }

        assertThat(Tables.count(settings, "loans")).isEqualTo(1);
    }

    @Test
    void saysNothingWasCommittedWhenItsConnectionIsGone() {
        GroupTransaction group = database.sink().beginGroup().orElseThrow();
        load(group, file("a.csv"), 2, 10);
        TestPostgres.jdbi().useHandle(h -> h.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'loan-etl' AND state LIKE 'idle in transaction%'"));

        assertThatThrownBy(group::commit).isInstanceOf(SinkException.class).hasMessageContaining("cannot commit 1 file");
        group.close();
        assertThat(Tables.count(settings, "loans")).isZero();
    }

    private static void load(GroupTransaction group, SourceFile file, int rows, long firstId) {
        try (FileTransaction load = group.begin(file, LAYOUT).orElseThrow()) {
            for (int i = 0; i < rows; i++) {
                load.add(row(2 + i, firstId + i));
            }
            load.commit(new LoadCounts(rows, 0, 0, 0, 0, 0), AfterLoad.KEEP);
        }
    }

    private static SourceFile file(String name) {
        return new SourceFile("file:/data/" + name, "v1", 100);
    }

    private static LoanRow row(long line, long id) {
        return LoanRow.of(line, new Object[] {id, new BigDecimal("5000.00"), 36, new BigDecimal("10.65"),
                LocalDate.of(2011, 12, 1), "Fully Paid", null, "credit_card", new BigDecimal("27.65"), 740L});
    }
}
