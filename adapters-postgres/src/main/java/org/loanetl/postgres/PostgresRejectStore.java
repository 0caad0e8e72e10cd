package org.loanetl.postgres;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.RejectedFile;
import org.loanetl.domain.port.RejectStore;
import org.loanetl.domain.port.ReplayTransaction;
import org.loanetl.domain.rules.FileLayout;

/**
 * The rejects in {@code loan_rejects}, with each file's header from its ledger row, for a replay. A replay takes the
 * file's ledger row {@code FOR UPDATE} before it reads a reject: a second replay of the file waits for the first to
 * end, then reads what it left, so no row moves twice. Thread-safe: each {@link #begin} has its own connection.
 */
final class PostgresRejectStore implements RejectStore {

    private final Jdbi jdbi;
    private final String schema;
    private final Failures failures;
    private final boolean currentTable;

    PostgresRejectStore(Jdbi jdbi, PostgresSettings settings) {
        this.jdbi = jdbi;
        this.schema = settings.quotedSchema();
        this.failures = new Failures(settings);
        this.currentTable = settings.currentTable();
    }

    /** The condition on {@code loan_rejects r} that a selection makes, over the binds {@code :file} and {@code :reason}. */
    static String chosen() {
        return "(CAST(:file AS text) IS NULL OR strpos(r.source, :file) > 0)"
                + " AND (CAST(:reason AS text) IS NULL OR r.reason LIKE :reason)";
    }

    @Override
    public List<RejectedFile> files(RejectSelection selection) {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT f.id, f.source, f.header, count(*) FROM " + schema
                            + ".loan_rejects r JOIN " + schema + ".loaded_files f ON f.id = r.file_id WHERE " + chosen()
                            + " GROUP BY f.id ORDER BY f.id")
                    .bind("file", selection.fileContains())
                    .bind("reason", selection.reasonLike())
                    .map((rs, ctx) -> new RejectedFile(rs.getLong(1), rs.getString(2), header(rs.getArray(3)),
                            rs.getLong(4)))
                    .list());
        } catch (RuntimeException e) {
            throw failures.of("cannot read the rejects", e);
        }
    }

    private static List<String> header(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    @Override
    public ReplayTransaction begin(RejectedFile file, RejectSelection selection, FileLayout layout) {
        Handle handle;
        try {
            handle = jdbi.open();
        } catch (RuntimeException e) {
            throw failures.connect(e);
        }
        try {
            handle.begin();
            // waits for a replay of the same file that is under way, then sees what it committed
            handle.createQuery("SELECT id FROM " + schema + ".loaded_files WHERE id = :id FOR UPDATE")
                    .bind("id", file.id()).mapTo(Long.class).one();
            return new PostgresReplayTransaction(handle, schema, file, selection, layout, failures,
                    currentTable ? new CurrentLoans(layout) : null);
        } catch (Exception e) {
            PostgresFileTransaction.quietlyAbandon(handle, null);
            throw failures.of(file.name() + ": cannot start the replay", e);
        }
    }
}
