package org.loanetl.postgres;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.postgresql.PGConnection;

/**
 * Keeps {@code loan_latest} (and so the view {@code loans_current}) at each loan's newest snapshot, in the transaction
 * that loads a file, by set-based SQL. "Newest" is decided by the data: the greater {@code last_pymnt_d}, then
 * {@code last_credit_pull_d}, then the later-loaded file (the greater ledger id), then the later line; a missing date
 * counts as the oldest. So loading an old download after a new one changes nothing. A loan whose newest snapshot was
 * filtered out keeps that snapshot's keys in {@code loan_latest} with the filter's reason (and leaves the view), so
 * that an older snapshot loaded later cannot bring it back. Rows without an {@code id} stay in {@code loans} only; a
 * rejected row changes nothing.
 *
 * <p>The filtered rows of a file are held here (six numbers each) until its commit, then copied into a temporary table
 * that the upsert reads beside the file's rows in {@code loans}.
 */
final class CurrentLoans {

    private static final int FIELDS = 5;
    private static final long NO_DAY = Long.MIN_VALUE;

    private final int id;
    private final int paid;
    private final int pulled;
    private long[] filtered = new long[0];
    private int count;

    /** The filtered rows of one file of this layout. */
    CurrentLoans(FileLayout layout) {
        this.id = layout.indexOf("id");
        this.paid = layout.indexOf("last_pymnt_d");
        this.pulled = layout.indexOf("last_credit_pull_d");
    }

    /** Keeps a filtered row's keys: its id, its two dates, its line and the reason. Rows without an id are left out. */
    void filtered(LoanRow row, FilterReason reason) {
        if (id < 0 || row.isNull(id)) {
            return;
        }
        if ((count + 1) * FIELDS > filtered.length) {
            filtered = Arrays.copyOf(filtered, Math.max(64 * FIELDS, filtered.length * 2));
        }
        int at = count * FIELDS;
        filtered[at] = row.number(id);
        filtered[at + 1] = paid < 0 || row.isNull(paid) ? NO_DAY : row.number(paid);
        filtered[at + 2] = pulled < 0 || row.isNull(pulled) ? NO_DAY : row.number(pulled);
        filtered[at + 3] = row.line();
        filtered[at + 4] = reason.ordinal();
        count++;
    }

    /**
     * Brings {@code loan_latest} up to date with these files, whose rows are in {@code loans} already (in this
     * transaction): their filtered rows go to a temporary table, then one upsert takes each loan's newest snapshot
     * among them and replaces the stored one where it is newer.
     *
     * @param fileIds  the files' ledger ids
     * @param filtered each file's filtered rows, in the same order
     */
    static void apply(Handle handle, String schema, List<Long> fileIds, List<CurrentLoans> filtered)
            throws SQLException, IOException {
        handle.execute("CREATE TEMP TABLE IF NOT EXISTS loanetl_filtered (id bigint, file_id bigint, line bigint,"
                + " last_pymnt_d date, last_credit_pull_d date, reason text) ON COMMIT DELETE ROWS");
        StringBuilder text = new StringBuilder();
        for (int f = 0; f < fileIds.size(); f++) {
            filtered.get(f).appendTo(text, fileIds.get(f));
        }
        if (text.length() > 0) {
            handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY pg_temp.loanetl_filtered FROM STDIN", new StringReader(text.toString()));
        }
        handle.createUpdate(upsert(schema)).bindArray("ids", Long.class, fileIds).execute();
    }

    private void appendTo(StringBuilder text, long fileId) {
        for (int i = 0; i < count; i++) {
            int at = i * FIELDS;
            text.append(filtered[at]).append('\t').append(fileId).append('\t').append(filtered[at + 3]).append('\t');
            day(text, filtered[at + 1]).append('\t');
            day(text, filtered[at + 2]).append('\t');
            text.append(FilterReason.values()[(int) filtered[at + 4]].label()).append('\n');
        }
    }

    private static StringBuilder day(StringBuilder text, long epochDay) {
        return epochDay == NO_DAY ? text.append("\\N") : text.append(LocalDate.ofEpochDay(epochDay));
    }

    /** The upsert, over every catalog column: each loan's newest snapshot among the files, where newer than stored. */
    static String upsert(String schema) {
        List<Column> columns = ColumnCatalog.standard().columns().stream()
                .filter(c -> !c.storedName().equals("id")).toList();
        String names = columns.stream().map(c -> "\"" + c.storedName() + "\"").collect(Collectors.joining(", "));
        String fromTombstone = columns.stream().map(c -> switch (c.storedName()) {
            case "last_pymnt_d", "last_credit_pull_d" -> "t." + c.storedName();
            default -> "NULL::" + LoansColumnsMigration.sqlType(c.kind());
        }).collect(Collectors.joining(", "));
        String set = columns.stream().map(c -> "\"" + c.storedName() + "\" = EXCLUDED.\"" + c.storedName() + "\"")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + schema + ".loan_latest AS c (id, file_id, line, filtered, " + names + ")"
                + " SELECT DISTINCT ON (id) id, file_id, line, filtered, " + names + " FROM ("
                + " SELECT id, file_id, line, NULL::text AS filtered, " + names + " FROM " + schema + ".loans"
                + " WHERE file_id = ANY(:ids) AND id IS NOT NULL"
                + " UNION ALL SELECT t.id, t.file_id, t.line, t.reason, " + fromTombstone + " FROM pg_temp.loanetl_filtered t"
                + ") AS n ORDER BY id, last_pymnt_d DESC NULLS LAST, last_credit_pull_d DESC NULLS LAST,"
                + " file_id DESC, line DESC"
                + " ON CONFLICT (id) DO UPDATE SET file_id = EXCLUDED.file_id, line = EXCLUDED.line,"
                + " filtered = EXCLUDED.filtered, " + set
                + " WHERE (COALESCE(EXCLUDED.last_pymnt_d, '-infinity'::date),"
                + " COALESCE(EXCLUDED.last_credit_pull_d, '-infinity'::date), EXCLUDED.file_id, EXCLUDED.line)"
                + " > (COALESCE(c.last_pymnt_d, '-infinity'::date), COALESCE(c.last_credit_pull_d, '-infinity'::date),"
                + " c.file_id, c.line)";
    }
}
