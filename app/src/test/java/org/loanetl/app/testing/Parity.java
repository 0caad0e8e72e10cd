package org.loanetl.app.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.loanetl.postgres.testing.TestPostgres;

/**
 * What two loads of the same files must have in common, whichever engine or cluster ran them: the queries that read
 * a schema's ledger, loans and rejects in an order and a form that do not depend on ids, and the rows they return.
 */
public final class Parity {

    private Parity() {
    }

    /** Each file's ledger row: location, version, counts, unknown columns, cleanup; by location. */
    public static String ledger(String schema) {
        return "SELECT source, version, size, status, data_rows, loaded, charged_off, purpose_other,"
                + " low_credit_score, rejected, skipped_lines, unknown_columns::text, cleanup FROM " + schema
                + ".loaded_files ORDER BY source";
    }

    /** Every loans row, every column, with its file's location in place of its file id. */
    public static String loans(String schema) {
        return "SELECT (to_jsonb(l) - 'file_id' || jsonb_build_object('source', f.source))::text FROM " + schema
                + ".loans l JOIN " + schema + ".loaded_files f ON f.id = l.file_id ORDER BY 1";
    }

    /** Every reject, without its own id and its file id. */
    public static String rejects(String schema) {
        return "SELECT (to_jsonb(r) - 'id' - 'file_id')::text FROM " + schema + ".loan_rejects r ORDER BY 1";
    }

    /** The rows a query returns, each as its columns joined by {@code " | "}. */
    public static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(String.join(" | ", row));
            }
        }
        return rows;
    }
}
