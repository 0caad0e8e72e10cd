package org.loanetl.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.ColumnKind;
import org.loanetl.postgres.testing.TestPostgres;

/** Reads loan-etl's tables back as plain values, so tests compare what a load stored with what it was given. */
final class Tables {

    private Tables() {
    }

    /** Every loans row, {@code line} first, then these columns typed as a {@code LoanRow} holds them; in line order. */
    static List<List<Object>> loans(PostgresSettings settings, List<Column> columns) {
        String select = columns.stream().map(c -> ", \"" + c.storedName() + "\"").collect(Collectors.joining());
        return TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT line" + select + " FROM "
                        + settings.quotedSchema() + ".loans ORDER BY file_id, line")
                .map((rs, ctx) -> {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getLong(1));
                    for (int i = 0; i < columns.size(); i++) {
                        row.add(value(rs, i + 2, columns.get(i).kind()));
                    }
                    return row;
                })
                .list());
    }

    /** The loans columns with these stored names, from the standard catalog. */
    static List<Column> columns(List<String> storedNames) {
        List<Column> columns = new ArrayList<>();
        for (String name : storedNames) {
            columns.add(ColumnCatalog.standard().columns().stream().filter(c -> c.storedName().equals(name))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no catalog column " + name)));
        }
        return columns;
    }

    /** How many rows a table of the schema holds. */
    static long count(PostgresSettings settings, String table) {
        return TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + settings.quotedSchema()
                + "." + table).mapTo(Long.class).one());
    }

    private static Object value(ResultSet rs, int index, ColumnKind kind) throws SQLException {
        switch (kind) {
            case MONEY:
            case RATIO:
            case PERCENT:
                return rs.getBigDecimal(index);
            case INTEGER:
                return rs.getObject(index, Long.class);
            case TERM:
                return rs.getObject(index, Integer.class);
            case MONTH:
                return rs.getObject(index, LocalDate.class);
            default:
                return rs.getString(index);
        }
    }
}
