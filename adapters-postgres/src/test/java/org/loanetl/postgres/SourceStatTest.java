package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** The stat a listing saw is recorded with the file's entry, and gives back its version only for that exact stat. */
@ExtendWith(TestPostgresExtension.class)
class SourceStatTest {

    private static final FileLayout LAYOUT = FileLayout.of("t.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(),
            LoadRules.defaults());
    private static final String STAT = "size=100 modified=2026-12-02T08:20:31.123456789Z key=(dev=803,ino=42)";

    private PostgresDatabase database;

    @BeforeEach
    void open(PostgresSettings settings) {
        database = PostgresDatabase.open(settings);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void givesTheVersionRecordedWithExactlyThisStatAtThisLocation() {
        try (FileTransaction load = database.sink().begin(file("a.csv", "v1", STAT), LAYOUT).orElseThrow()) {
            load.commit(LoadCounts.NONE, AfterLoad.KEEP);
        }

        assertThat(database.ledger().versionWithStat("file:/data/a.csv", STAT)).hasValue("v1");
        assertThat(database.ledger().versionWithStat("file:/data/a.csv", STAT.replace("ino=42", "ino=43"))).isEmpty();
        assertThat(database.ledger().versionWithStat("file:/data/b.csv", STAT)).isEmpty();
    }

    @Test
    void recordsTheStatOfAFileLoadedInAGroupAndNoneForAFileWithout() {
        try (GroupTransaction group = database.sink().beginGroup().orElseThrow()) {
            try (FileTransaction load = group.begin(file("a.csv", "v1", STAT), LAYOUT).orElseThrow()) {
                load.commit(LoadCounts.NONE, AfterLoad.KEEP);
            }
            try (FileTransaction load = group.begin(file("b.csv", "v1", null), LAYOUT).orElseThrow()) {
                load.commit(LoadCounts.NONE, AfterLoad.KEEP);
            }
            group.commit();
        }

        assertThat(database.ledger().versionWithStat("file:/data/a.csv", STAT)).hasValue("v1");
        assertThat(database.ledger().find(file("b.csv", "v1", null))).isPresent();
    }

    private static SourceFile file(String name, String version, String stat) {
        return new SourceFile("file:/data/" + name, version, 100, stat);
    }
}
