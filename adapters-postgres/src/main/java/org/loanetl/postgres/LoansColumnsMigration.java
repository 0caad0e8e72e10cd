package org.loanetl.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.ColumnKind;

/**
 * Gives the loans table one typed column per catalog column ({@link Column#storedName()}, so {@code desc} is
 * {@code description}, a reserved word in SQL).
 *
 * <p>Why a repeatable Java migration: the catalog is data in the domain and grows as new LendingClub layouts turn
 * up; deriving the columns from it keeps one source of truth instead of a hand-kept SQL copy. Flyway runs a
 * repeatable migration after the versioned ones and again whenever its checksum changes, and the checksum here is
 * a hash of the catalog (names, stored names, kinds, and the type mapping's own revision), so adding a column to
 * {@code columns.tsv} adds it to the table on the next start, and an unchanged catalog costs nothing. Each column is
 * added with {@code ADD COLUMN IF NOT EXISTS}, so a rerun is harmless. A column dropped from the catalog stays in the
 * table (nullable, so loads are unaffected). Changing a column's kind is refused with a clear message: converting
 * stored data needs a versioned SQL migration ({@code V2__...}), which runs before this one.
 */
final class LoansColumnsMigration implements JavaMigration {

    /** How Flyway's history names this migration. */
    static final String DESCRIPTION = "loans columns from the column catalog";

    /** Bump when {@link #sqlType} or the tables it serves change, so the migration reruns (2: loan_latest). */
    private static final String MAPPING_REVISION = "2";
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String schema;
    private final List<Column> columns;

    LoansColumnsMigration(String schema, List<Column> columns) {
        this.schema = schema;
        this.columns = List.copyOf(columns);
    }

    /** The migration for the standard catalog. */
    static LoansColumnsMigration standard(String schema) {
        return new LoansColumnsMigration(schema, ColumnCatalog.standard().columns());
    }

    /** The column type a kind is stored as. */
    static String sqlType(ColumnKind kind) {
        return switch (kind) {
            case MONEY, RATIO, PERCENT -> "numeric(17,2)";
            case INTEGER -> "bigint";
            case MONTH -> "date";
            case TERM -> "integer";
            case TEXT -> "text";
        };
    }

    @Override
    public MigrationVersion getVersion() {
        return null;
    }

    @Override
    public String getDescription() {
        return DESCRIPTION;
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(MAPPING_REVISION.getBytes(StandardCharsets.UTF_8));
        for (Column column : columns) {
            String line = "\n" + column.storedName() + "\t" + column.name() + "\t" + column.kind().label();
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Map<String, String> existing = existingTypes(connection);
        boolean latest = exists(connection, "loan_latest");
        try (Statement statement = connection.createStatement()) {
            for (Column column : columns) {
                String name = column.storedName();
                if (!PLAIN_NAME.matcher(name).matches()) {
                    throw new IllegalStateException("catalog column " + name + ": not a plain SQL identifier");
                }
                String type = sqlType(column.kind());
                String found = existing.get(name);
                if (found != null && !found.equals(type)) {
                    throw new IllegalStateException("loans." + name + " is " + found + " but the catalog says "
                            + column.kind().label() + " (" + type + "); convert it in a versioned migration");
                }
                statement.addBatch("ALTER TABLE \"" + schema + "\".loans ADD COLUMN IF NOT EXISTS \"" + name + "\" " + type);
                if (latest) {
                    statement.addBatch("ALTER TABLE \"" + schema + "\".loan_latest ADD COLUMN IF NOT EXISTS \"" + name
                            + "\" " + type);
                }
            }
            if (latest) {
                // the view lists the columns as they are now: made again, so that a new catalog column shows in it
                statement.addBatch("DROP VIEW IF EXISTS \"" + schema + "\".loans_current");
                statement.addBatch("CREATE VIEW \"" + schema + "\".loans_current AS SELECT id, file_id, line, "
                        + columns.stream().filter(c -> !c.storedName().equals("id"))
                                .map(c -> "\"" + c.storedName() + "\"").collect(java.util.stream.Collectors.joining(", "))
                        + " FROM \"" + schema + "\".loan_latest WHERE filtered IS NULL");
            }
            statement.executeBatch();
        }
    }

    /** Whether the schema has this table (loan_latest comes with V5; a schema migrated to an older target lacks it). */
    private boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(format('%I.%I', ?::text, ?::text))")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getString(1) != null;
            }
        }
    }

    /** The loans table's columns and their types as {@code format_type} writes them ({@code numeric(17,2)}). */
    private Map<String, String> existingTypes(Connection connection) throws SQLException {
        Map<String, String> types = new HashMap<>();
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = format('%I.loans', ?::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return types;
    }
}
