package org.loanetl.postgres;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.RejectedFile;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.ReplayTransaction;
import org.loanetl.domain.rules.FileLayout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One file's replay, in one transaction that holds the file's ledger row locked: what the replay is handed waits here
 * and is written before the next page of rejects is read (rows that now load through one binary COPY, as a load
 * writes them, then the moved rejects deleted and the new reasons set), and at {@link #commit}, which also brings
 * {@code loan_latest} up to date where it is kept, corrects the ledger's counts, records the replay and commits.
 * Not thread-safe.
 */
final class PostgresReplayTransaction implements ReplayTransaction {

    private final Handle handle;
    private final String schema;
    private final RejectedFile file;
    private final SourceFile source;
    private final RejectSelection selection;
    private final FileLayout layout;
    private final Failures failures;
    /** The filtered rows' keys for {@code loan_latest}, or {@code null} when the current table is not kept. */
    private final CurrentLoans current;
    private final java.time.OffsetDateTime startedAt;
    private final CopyBinary rows = new CopyBinary();
    private int rowsWaiting;
    private final List<Long> moved = new ArrayList<>();
    private final List<Long> reasonLines = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private boolean committed;
    private boolean closed;

    PostgresReplayTransaction(Handle handle, String schema, RejectedFile file, RejectSelection selection,
                              FileLayout layout, Failures failures, CurrentLoans current) {
        this.handle = handle;
        this.schema = schema;
        this.file = file;
        this.source = new SourceFile(file.location(), "-", -1);
        this.selection = selection;
        this.layout = layout;
        this.failures = failures;
        this.current = current;
        this.startedAt = handle.createQuery("SELECT clock_timestamp()").mapTo(java.time.OffsetDateTime.class).one();
    }

    @Override
    public List<Reject> next(long afterLine, int limit) {
        checkOpen();
        try {
            write();
            return handle.createQuery("SELECT r.line, r.reason, r.raw_text FROM " + schema + ".loan_rejects r"
                            + " WHERE r.file_id = :id AND r.line > :after AND " + PostgresRejectStore.chosen()
                            + " ORDER BY r.line LIMIT :limit")
                    .bind("id", file.id())
                    .bind("after", afterLine)
                    .bind("file", selection.fileContains())
                    .bind("reason", selection.reasonLike())
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .list();
        } catch (SinkException e) {
            throw e;
        } catch (Exception e) {
            throw failures.of(file.name() + ": cannot read its rejects", e);
        }
    }

    @Override
    public void loaded(LoanRow row) {
        checkOpen();
        if (rowsWaiting == 0) {
            rows.clear();
            rows.header();
        }
        PostgresFileTransaction.encode(rows, source, file.id(), row, layout.columns().size());
        rowsWaiting++;
        moved.add(row.line());
    }

    @Override
    public void filtered(LoanRow row, FilterReason reason) {
        checkOpen();
        moved.add(row.line());
        if (current != null) {
            current.filtered(row, reason);
        }
    }

    @Override
    public void stillRejected(Reject reject) {
        checkOpen();
        reasonLines.add(reject.line());
        reasons.add(reject.reason());
    }

    /** Writes what waits: the rows that now load, the moved rejects' removal, the still-rejected rows' reasons. */
    private void write() throws Exception {
        if (rowsWaiting > 0) {
            rows.trailer();
            CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(PostgresFileTransaction.loansCopySql(schema, layout));
            try {
                copy.writeToCopy(rows.bytes(), 0, rows.size());
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            rowsWaiting = 0;
            rows.clear();
        }
        if (!moved.isEmpty()) {
            handle.createUpdate("DELETE FROM " + schema + ".loan_rejects WHERE file_id = :id AND line = ANY(:lines)")
                    .bind("id", file.id()).bindArray("lines", Long.class, moved).execute();
            moved.clear();
        }
        if (!reasons.isEmpty()) {
            handle.createUpdate("UPDATE " + schema + ".loan_rejects r SET reason = u.reason"
                            + " FROM unnest(:lines, :reasons) AS u(line, reason)"
                            + " WHERE r.file_id = :id AND r.line = u.line AND r.reason <> u.reason")
                    .bind("id", file.id())
                    .bindArray("lines", Long.class, reasonLines)
                    .bindArray("reasons", String.class, reasons)
                    .execute();
            reasonLines.clear();
            reasons.clear();
        }
    }

    @Override
    public void commit(LoadCounts replayed, String rules) {
        checkOpen();
        try {
            write();
            if (current != null && replayed.loaded() + replayed.filtered() > 0) {
                CurrentLoans.apply(handle, schema, List.of(file.id()), List.of(current));
            }
            long out = replayed.loaded() + replayed.filtered();
            long[] held = handle.createQuery("UPDATE " + schema + ".loaded_files SET loaded = loaded + :loaded,"
                            + " charged_off = charged_off + :chargedOff, purpose_other = purpose_other + :purposeOther,"
                            + " low_credit_score = low_credit_score + :lowCreditScore, rejected = rejected - :out"
                            + " WHERE id = :id RETURNING loaded, rejected")
                    .bind("loaded", replayed.loaded())
                    .bind("chargedOff", replayed.chargedOff())
                    .bind("purposeOther", replayed.purposeOther())
                    .bind("lowCreditScore", replayed.lowCreditScore())
                    .bind("out", out)
                    .bind("id", file.id())
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .one();
            CommitChecks.holdWhatWasCounted(handle, schema,
                    List.of(new CommitChecks.Expected(file.id(), file.name(), held[0], held[1])));
            correctChunkedFile(replayed, out);
            handle.createUpdate("INSERT INTO " + schema + ".replays (file_id, started_at, committed_at, moved,"
                            + " filtered, still_rejected, rules) VALUES (:id, :started, clock_timestamp(), :moved,"
                            + " :filtered, :still, :rules)")
                    .bind("id", file.id())
                    .bind("started", startedAt)
                    .bind("moved", replayed.loaded())
                    .bind("filtered", replayed.filtered())
                    .bind("still", replayed.rejected())
                    .bind("rules", rules)
                    .execute();
            handle.commit();
            committed = true;
        } catch (SinkException e) {
            throw e;
        } catch (Exception e) {
            throw failures.of(file.name() + ": cannot commit the replay", e);
        }
    }

    /**
     * When the rejects are a chunk's, corrects its file's row as well (V7), if the file has one yet: its counts are its
     * chunks' sums. The chunk's row is locked since {@link PostgresRejectStore#begin}, so a file's row made from its
     * chunks meanwhile ({@link ChunkRollUp}) waits for this replay and adds up the counts it leaves.
     */
    private void correctChunkedFile(LoadCounts replayed, long out) {
        handle.createUpdate("UPDATE " + schema + ".loaded_files f SET loaded = f.loaded + :loaded,"
                        + " charged_off = f.charged_off + :chargedOff, purpose_other = f.purpose_other + :purposeOther,"
                        + " low_credit_score = f.low_credit_score + :lowCreditScore, rejected = f.rejected - :out"
                        + " FROM " + schema + ".loaded_files c WHERE c.id = :id AND c.source ~ :range"
                        + " AND f.chunks IS NOT NULL AND f.version = c.version"
                        + " AND f.source = regexp_replace(c.source, :range, '')")
                .bind("loaded", replayed.loaded())
                .bind("chargedOff", replayed.chargedOff())
                .bind("purposeOther", replayed.purposeOther())
                .bind("lowCreditScore", replayed.lowCreditScore())
                .bind("out", out)
                .bind("range", PostgresLoadLedger.CHUNK_RANGE)
                .bind("id", file.id())
                .execute();
    }

    private void checkOpen() {
        if (closed || committed) {
            throw new IllegalStateException(file.name() + ": the replay is " + (closed ? "closed" : "committed"));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        PostgresFileTransaction.quietlyEnd(handle, committed);
    }
}
