package org.loanetl.postgres;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.ControlSums;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.rules.FileLayout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * One file's open transaction: its ledger row is inserted, its rows stream into the loans table through one COPY
 * (in chunks of about 256 KiB, so the file is never held in memory), and its rejects wait in a
 * {@link RejectBuffer} until {@link #commit}, which ends the COPY, copies the rejects, writes the counts and commits.
 * Not thread-safe.
 */
final class PostgresFileTransaction implements FileTransaction {

    /**
     * Rows go to the COPY pipe in chunks of this many bytes. Small enough that the buffers (which grow to twice this)
     * stay ordinary objects for G1, whose humongous threshold is half a region: 512 KiB at the smallest region size.
     */
    private static final int CHUNK = 256 * 1024;
    /** How many COPY statements {@link #loansCopySql} keeps (a run sees a handful of layouts and one schema). */
    static final int COPY_SQL_KEPT = 256;
    private static final Map<CopyOf, String> COPY_SQL = new ConcurrentHashMap<>();

    private final Handle handle;
    private final String schema;
    private final long fileId;
    private final SourceFile file;
    private final int width;
    private final Failures failures;
    private final CopyManager copyManager;
    private final CopyIn rowsCopy;
    private final CopyPipe pipe;
    /** Long text drains into the pipe as it is encoded, so a 15 MB value needs no buffer of its size. */
    private final CopyBinary rows = new CopyBinary(this::flushRows).header();
    private final RejectBuffer rejects;
    private long added;
    private List<ControlTotal> controlTotals = List.of();
    /** A chunk's part of its file's control totals; {@code null} for a file loaded whole. */
    private ControlSums chunkSums;
    /** The filtered rows' keys for {@code loan_latest}, or {@code null} when the current table is not kept. */
    private final CurrentLoans current;
    /** Why the rows sent cannot be committed: a row failed after part of it had gone to the server. */
    private String broken;
    private boolean committed;
    private boolean closed;

    private PostgresFileTransaction(Handle handle, String schema, long fileId, SourceFile file, FileLayout layout,
                                    Failures failures, int rejectMemoryLimit, CurrentLoans current) throws SQLException {
        this.current = current;
        this.handle = handle;
        this.schema = schema;
        this.fileId = fileId;
        this.file = file;
        this.width = layout.columns().size();
        this.failures = failures;
        this.rejects = new RejectBuffer(fileId, file.location(), rejectMemoryLimit);
        this.copyManager = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
        this.rowsCopy = copyManager.copyIn(loansCopySql(schema, layout));
        this.pipe = new CopyPipe(rowsCopy, file.name());
    }

    /** Starts the loans COPY on a handle whose transaction holds the claim and the new ledger row. */
    static PostgresFileTransaction start(Handle handle, String schema, long fileId, SourceFile file, FileLayout layout,
                                         Failures failures, int rejectMemoryLimit, CurrentLoans current)
            throws SQLException {
        return new PostgresFileTransaction(handle, schema, fileId, file, layout, failures, rejectMemoryLimit, current);
    }

    /**
     * Only the columns the file has, plus its lineage; binary, which costs the server least (see {@link CopyBinary}).
     * Kept per schema and layout (layouts are shared by files of one header, {@link FileLayout#of}): ten thousand small
     * files of one family would otherwise join the same 151 names ten thousand times, twice each in a shared commit.
     */
    static String loansCopySql(String schema, FileLayout layout) {
        CopyOf key = new CopyOf(schema, layout);
        String known = COPY_SQL.get(key);
        if (known != null) {
            return known;
        }
        if (COPY_SQL.size() >= COPY_SQL_KEPT) {
            COPY_SQL.clear();
        }
        String columns = layout.columns().stream().map(c -> ", \"" + c.storedName() + "\"").collect(Collectors.joining());
        String sql = "COPY " + schema + ".loans (file_id, line" + columns + ") FROM STDIN (FORMAT binary)";
        COPY_SQL.put(key, sql);
        return sql;
    }

    /** A COPY statement's key: the schema, and the layout as the very instance (layouts compare by identity). */
    private record CopyOf(String schema, FileLayout layout) {
    }

    @Override
    public void add(LoanRow row) {
        checkOpen();
        try {
            encode(rows, file, fileId, row, width);
        } catch (SinkException e) {
            if (rows.rowSplit()) {
                broken = e.getMessage(); // part of the row is on its way to the server: the load can only roll back
            }
            throw e;
        }
        added++;
        if (rows.size() >= CHUNK) {
            flushRows();
        }
    }

    /**
     * Appends a loans row as binary COPY has it: the file's id, the line, then the values in the layout's order.
     *
     * @throws IllegalArgumentException when the row does not have the layout's {@code width} values
     * @throws SinkException            for a value that cannot be stored; the row is taken back out of {@code rows},
     *                                  unless part of it has gone to their drain already ({@link CopyBinary#rowSplit})
     */
    static void encode(CopyBinary rows, SourceFile file, long fileId, LoanRow row, int width) {
        if (row.size() != width) {
            throw new IllegalArgumentException(file.name() + ":" + row.line() + ": row has " + row.size()
                    + " values, the layout has " + width + " columns");
        }
        int rowStart = rows.size();
        try {
            rows.startRow(width + 2).int8(fileId).int8(row.line());
            for (int i = 0; i < width; i++) {
                rows.value(row, i);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            if (!rows.rowSplit()) {
                rows.truncate(rowStart);
            }
            throw new SinkException(file.name() + ":" + row.line() + ": cannot store the row: " + e.getMessage(), e);
        }
    }

    @Override
    public void reject(Reject reject) {
        checkOpen();
        buffer(rejects, file, reject);
    }

    /** Adds a reject of the file to its buffer; what cannot be buffered is a {@link SinkException} naming the file. */
    static void buffer(RejectBuffer rejects, SourceFile file, Reject reject) {
        try {
            rejects.add(reject);
        } catch (IOException e) {
            throw new SinkException(file.name() + ": cannot buffer rejects in a temporary file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SinkException(file.name() + ":" + reject.line() + ": cannot store the reject: "
                    + e.getMessage(), e);
        }
    }

    /** The counts a file's load commits with must be those of the rows and rejects it was given. */
    static void checkCounts(SourceFile file, LoadCounts counts, long added, long rejected) {
        if (counts.loaded() != added || counts.rejected() != rejected) {
            throw new IllegalArgumentException(file.name() + ": counts say " + counts.loaded() + " loaded and "
                    + counts.rejected() + " rejected, but " + added + " rows and " + rejected + " rejects were added");
        }
    }

    @Override
    public void filtered(LoanRow row, FilterReason reason) {
        if (current != null) {
            current.filtered(row, reason);
        }
    }

    @Override
    public void controlTotals(List<ControlTotal> totals) {
        controlTotals = List.copyOf(totals);
    }

    @Override
    public void controlSums(ControlSums sums) {
        chunkSums = sums;
    }

    @Override
    public void commit(LoadCounts counts, AfterLoad then) {
        checkOpen();
        if (broken != null) {
            throw new SinkException(broken + " (nothing of the file was committed)", null);
        }
        checkCounts(file, counts, added, rejects.count());
        try {
            rows.trailer();
            pipe.finish(rows.bytes(), rows.size());
            rowsCopy.endCopy();
            if (current != null) {
                CurrentLoans.apply(handle, schema, List.of(fileId), List.of(current));
            }
            copyRejects();
            updateLedgerRow(counts, then);
            CommitChecks.holdWhatWasCounted(handle, schema,
                    List.of(new CommitChecks.Expected(fileId, file.name(), counts.loaded(), counts.rejected())));
            handle.commit();
            committed = true;
        } catch (SinkException e) {
            throw e;
        } catch (Exception e) {
            throw failures.of(file.name() + ": cannot commit the load", e);
        }
    }

    private void flushRows() {
        try {
            rows.replace(pipe.swap(rows.bytes(), rows.size()));
        } catch (SQLException e) {
            throw failures.of(file.name() + ": cannot write rows", e);
        }
    }

    private void copyRejects() throws SQLException, IOException {
        if (rejects.count() == 0) {
            return;
        }
        CopyIn copy = copyManager.copyIn("COPY " + schema + ".loan_rejects (file_id, source, line, reason, raw_text)"
                + " FROM STDIN");
        try {
            rejects.writeTo(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The counts, and the cleanup to come: a keep recorded as done, an archive or delete as begun. */
    private void updateLedgerRow(LoadCounts counts, AfterLoad then) {
        String intent = then == null ? null : then.label();
        String done = then == AfterLoad.KEEP ? then.label() : null;
        handle.createUpdate("UPDATE " + schema + ".loaded_files SET data_rows = :dataRows, loaded = :loaded,"
                        + " charged_off = :chargedOff, purpose_other = :purposeOther,"
                        + " low_credit_score = :lowCreditScore, rejected = :rejected, skipped_lines = :skippedLines,"
                        + " committed_at = clock_timestamp(), cleanup_intent = :intent, cleanup = :done,"
                        + " cleaned_at = CASE WHEN CAST(:done AS text) IS NULL THEN NULL ELSE clock_timestamp() END,"
                        + " control_totals = CAST(:controls AS jsonb), chunk_sums = CAST(:sums AS jsonb)"
                        + " WHERE id = :id")
                .bind("controls", CommitChecks.json(controlTotals))
                .bind("sums", CommitChecks.json(chunkSums))
                .bind("intent", intent)
                .bind("done", done)
                .bind("dataRows", counts.dataRows())
                .bind("loaded", counts.loaded())
                .bind("chargedOff", counts.chargedOff())
                .bind("purposeOther", counts.purposeOther())
                .bind("lowCreditScore", counts.lowCreditScore())
                .bind("rejected", counts.rejected())
                .bind("skippedLines", counts.skippedLines())
                .bind("id", fileId)
                .execute();
    }

    private void checkOpen() {
        if (closed || committed) {
            throw new IllegalStateException(file.name() + ": the load is " + (closed ? "closed" : "committed"));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rejects.close();
        if (!committed) {
            if (pipe.abandon()) {
                quietlyAbandon(handle, rowsCopy);
            } else {
                abort(handle);
            }
        } else {
            quietlyEnd(handle, true);
        }
    }

    /**
     * Drops the connection without a word to the server, which then rolls back, and hands it back to the pool, which
     * sees it closed and replaces it; never throws.
     */
    private static void abort(Handle handle) {
        java.sql.Connection connection = handle.getConnection();
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // nothing more can be done; the server rolls back when the connection drops
        }
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // the connection is gone; closing the handle only releases what it held
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // closed already, or the pool has evicted it
        }
    }

    /**
     * Ends a transaction's use of its connection: releases it after a commit, or rolls back and releases it; never
     * throws.
     */
    static void quietlyEnd(Handle handle, boolean committed) {
        if (!committed) {
            quietlyAbandon(handle, null);
            return;
        }
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // committed already; a failure to release the connection changes nothing
        }
    }

    /** Cancels the COPY if one is open, rolls back and releases the connection; never throws. */
    static void quietlyAbandon(Handle handle, CopyIn copy) {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException | RuntimeException ignored) {
            // rollback and close, below, end the transaction on the server anyway
        }
        try {
            handle.rollback();
        } catch (RuntimeException ignored) {
            // the connection may be broken; closing it ends the transaction on the server
        }
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // nothing more can be done; the server rolls back when the connection drops
        }
    }
}
