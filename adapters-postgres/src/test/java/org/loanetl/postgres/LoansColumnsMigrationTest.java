package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.ColumnKind;
import org.loanetl.postgres.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/** What {@link PostgresDatabase#open} makes of an empty schema, and of one it has set up before. */
class LoansColumnsMigrationTest {

    @Test
    void givesTheLoansTableLineageAndOneTypedColumnPerCatalogColumn() {
        PostgresSettings settings = TestPostgres.settings("migration");
        PostgresDatabase.open(settings);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("file_id", "bigint");
        expected.put("line", "bigint");
        for (Column column : ColumnCatalog.standard().columns()) {
            expected.put(column.storedName(), LoansColumnsMigration.sqlType(column.kind()));
        }
        assertThat(columnTypes(settings.schema(), "loans")).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(expected).hasSize(ColumnCatalog.standard().columns().size() + 2);
    }

    @Test
    void storesEachKindAsItsSqlTypeAndDescAsDescription() {
        PostgresSettings settings = TestPostgres.settings("migration");
        PostgresDatabase.open(settings);

        assertThat(columnTypes(settings.schema(), "loans")).contains(
                entry("loan_amnt", "numeric(17,2)"),
                entry("dti", "numeric(17,2)"),
                entry("int_rate", "numeric(17,2)"),
                entry("id", "bigint"),
                entry("issue_d", "date"),
                entry("term", "integer"),
                entry("grade", "text"),
                entry("description", "text"))
                .doesNotContainKey("desc");
    }

    @Test
    void createsTheLedgerAndTheRejectsTables() {
        PostgresSettings settings = TestPostgres.settings("migration");
        PostgresDatabase.open(settings);

        assertThat(columnTypes(settings.schema(), "loan_rejects")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", "bigint", "file_id", "bigint", "source", "text", "line", "bigint", "reason", "text",
                "raw_text", "text"));
        assertThat(columnTypes(settings.schema(), "loaded_files").keySet()).containsExactlyInAnyOrder(
                "id", "source", "version", "size", "status", "data_rows", "loaded", "charged_off", "purpose_other",
                "low_credit_score", "rejected", "skipped_lines", "unknown_columns", "started_at", "committed_at",
                "cleanup", "cleaned_at", "cleanup_intent", "credit_score_column", "source_stat", "control_totals",
                "header", "chunks", "chunk_sums");
    }

    @Test
    void opensAnAlreadyMigratedSchemaWithoutChangingIt() {
        PostgresSettings settings = TestPostgres.settings("migration");
        PostgresDatabase.open(settings);
        Map<String, String> loans = columnTypes(settings.schema(), "loans");
        List<String> history = history(settings.schema());

        PostgresDatabase.open(settings);
        PostgresDatabase again = PostgresDatabase.open(settings);

        assertThat(columnTypes(settings.schema(), "loans")).isEqualTo(loans);
        assertThat(history(settings.schema())).isEqualTo(history).containsExactly(
                "null << Flyway Schema Creation >> true", "1 ledger rejects and loans true",
                "2 credit score column true", "3 source stat true", "4 control totals true", "5 loan latest true",
                "6 file header true", "7 chunks true",
                "null loans columns from the column catalog true");
        assertThat(again.loadedFiles()).isEmpty();
    }

    @Test
    void keepsTheRowsOfASchemaMadeBeforeTheLedgerRecordedTheScoreColumn() {
        PostgresSettings settings = TestPostgres.settings("migration");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.jdbcUrl());
        dataSource.setUser("postgres");
        PostgresDatabase.flyway(dataSource, settings.schema()).target("1").load().migrate();
        String schema = settings.quotedSchema();
        TestPostgres.jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + schema + ".loaded_files (id, source, version, size, data_rows, loaded,"
                    + " low_credit_score, started_at, committed_at, cleanup) VALUES (7, 'file:/data/old.csv', 'v1', 10,"
                    + " 3, 2, 1, now(), now(), 'keep')");
            h.execute("INSERT INTO " + schema + ".loans (file_id, line) VALUES (7, 2), (7, 3)");
            h.execute("INSERT INTO " + schema + ".loan_rejects (file_id, source, line, reason, raw_text)"
                    + " VALUES (7, 'file:/data/old.csv', 4, 'r', 'x')");
        });
        assertThat(columnTypes(settings.schema(), "loaded_files")).doesNotContainKey("credit_score_column");

        PostgresDatabase database = PostgresDatabase.open(settings);

        assertThat(columnTypes(settings.schema(), "loaded_files")).containsEntry("credit_score_column", "text");
        assertThat(database.loadedFiles()).singleElement().satisfies(file -> {
            assertThat(file.entry().file()).isEqualTo(new SourceFile("file:/data/old.csv", "v1", 10));
            assertThat(file.entry().counts()).isEqualTo(new LoadCounts(2, 0, 0, 1, 0, 0));
            assertThat(file.entry().cleanup()).isEqualTo(AfterLoad.KEEP);
            assertThat(file.creditScoreColumn()).isNull();
        });
        assertThat(Tables.count(settings, "loans")).isEqualTo(2);
        assertThat(database.rejects(null, 10)).containsExactly(new StoredReject("file:/data/old.csv", "v1", 4, "r", "x"));
    }

    @Test
    void givesTheLatestSnapshotsTableEveryLoansColumnWhetherTheSchemaIsNewOrUpgraded() {
        PostgresSettings fresh = TestPostgres.settings("migration");
        PostgresDatabase.open(fresh);
        PostgresSettings upgraded = TestPostgres.settings("migration");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.jdbcUrl());
        dataSource.setUser("postgres");
        PostgresDatabase.flyway(dataSource, upgraded.schema()).target("4").load().migrate();
        PostgresDatabase.open(upgraded);

        for (PostgresSettings settings : List.of(fresh, upgraded)) {
            Map<String, String> latest = columnTypes(settings.schema(), "loan_latest");
            assertThat(latest).containsAllEntriesOf(columnTypes(settings.schema(), "loans")).containsEntry("filtered", "text");
            assertThat(columnTypes(settings.schema(), "loans_current")).containsOnlyKeys(
                    columnTypes(settings.schema(), "loans").keySet());
        }
    }

    @Test
    void addsAColumnNewToTheCatalogAndLeavesTheOthers() throws Exception {
        PostgresSettings settings = TestPostgres.settings("migration");
        PostgresDatabase.open(settings);
        List<Column> grown = new ArrayList<>(ColumnCatalog.standard().columns());
        grown.add(Column.of("brand_new_amount", ColumnKind.MONEY));

        runMigration(new LoansColumnsMigration(settings.schema(), grown));

        assertThat(columnTypes(settings.schema(), "loans")).containsEntry("brand_new_amount", "numeric(17,2)")
                .hasSize(ColumnCatalog.standard().columns().size() + 3);
    }

    @Test
    void changesItsChecksumWhenTheCatalogChanges() {
        List<Column> grown = new ArrayList<>(ColumnCatalog.standard().columns());
        grown.add(Column.of("brand_new_amount", ColumnKind.MONEY));

        assertThat(new LoansColumnsMigration("s", grown).getChecksum())
                .isNotEqualTo(LoansColumnsMigration.standard("s").getChecksum());
        assertThat(LoansColumnsMigration.standard("s").getChecksum())
                .isEqualTo(LoansColumnsMigration.standard("s").getChecksum());
    }

    @Test
    void refusesToChangeTheKindOfAColumnThatExists() {
        PostgresSettings settings = TestPostgres.settings("migration");
        PostgresDatabase.open(settings);
        List<Column> changed = new ArrayList<>(ColumnCatalog.standard().columns());
        changed.replaceAll(c -> c.name().equals("grade") ? Column.of("grade", ColumnKind.MONEY) : c);

        assertThatThrownBy(() -> runMigration(new LoansColumnsMigration(settings.schema(), changed)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("loans.grade is text but the catalog says money (numeric(17,2)); convert it in a"
                        + " versioned migration");
    }

    private static void runMigration(LoansColumnsMigration migration) throws Exception {
        try (Handle handle = TestPostgres.jdbi().open()) {
            Connection connection = handle.getConnection();
            migration.migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }
    }

    /** A table's columns and their types as {@code format_type} writes them. */
    static Map<String, String> columnTypes(String schema, String table) {
        return TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                        + " FROM pg_attribute a WHERE a.attrelid = format('%I.%I', :schema, :table)::regclass"
                        + " AND a.attnum > 0 AND NOT a.attisdropped")
                .bind("schema", schema)
                .bind("table", table)
                .reduceRows(new LinkedHashMap<String, String>(), (map, row) -> {
                    map.put(row.getColumn(1, String.class), row.getColumn(2, String.class));
                    return map;
                }));
    }

    private static List<String> history(String schema) {
        return TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(version, 'null') || ' ' || description"
                        + " || ' ' || success FROM \"" + schema + "\".flyway_schema_history ORDER BY installed_rank")
                .mapTo(String.class)
                .list());
    }
}
