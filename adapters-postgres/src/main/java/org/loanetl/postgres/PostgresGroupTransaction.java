package org.loanetl.postgres;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.rules.FileLayout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Small files loaded one after the other in one transaction on one connection, their rows written together. Each
 * file's claim and ledger row go to the server as the file begins (one statement); its rows and rejects are staged
 * in memory (a group holds at most 16 MB of files) and written at {@link #commit}: one COPY of the rows for each
 * layout among the files, one COPY of the rejects, one statement for every file's counts, one for the ledger rows of
 * the files that did not commit, then one durable commit. So a small file costs one round trip of its own, not a
 * COPY and a transaction. A file is all or nothing: until it commits, nothing of its rows has left this process, and
 * one that does not commit (refused, failed) leaves its ledger row to be deleted in the group's commit; if that
 * commit fails, nothing of any file of the group is visible. The files' claims (advisory locks) and ledger rows
 * belong to the group's transaction, so another runner sees each file as being loaded until the group ends. Not
 * thread-safe.
 */
final class PostgresGroupTransaction implements GroupTransaction {

    private final Handle handle;
    private final PostgresLoadSink sink;
    private final String schema;
    private final int rejectMemoryLimit;
    private final boolean currentTable;
    /** The files committed within the group, in order. */
    private final List<Staged> committedFiles = new ArrayList<>();
    /** Ledger rows of files that began and did not commit. */
    private final List<Long> abandoned = new ArrayList<>();
    private boolean unusable;
    private boolean committed;
    private boolean closed;

    PostgresGroupTransaction(Handle handle, PostgresLoadSink sink, String schema, int rejectMemoryLimit,
                             boolean currentTable) {
        this.currentTable = currentTable;
        this.handle = handle;
        this.sink = sink;
        this.schema = schema;
        this.rejectMemoryLimit = rejectMemoryLimit;
    }

    @Override
    public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
        if (!usable()) {
            throw new SinkException(file.name() + ": cannot start the load: the transaction it was to share is gone"
                    + " (an earlier failure ended it)", null);
        }
        try {
            return sink.claimAndRecord(handle, file, layout).map(id -> new Staged(id, file, layout));
        } catch (RuntimeException e) {
            unusable = true;
            throw sink.failures().of(file.name() + ": cannot start the load", e);
        }
    }

    @Override
    public boolean usable() {
        return !unusable && !committed && !closed;
    }

    @Override
    public void commit() {
        if (unusable) {
            throw new SinkException("cannot commit " + committedFiles.size() + " file(s) together: their transaction"
                    + " was lost (nothing of them was committed)", null);
        }
        try {
            CopyManager copies = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copyRows(copies);
            if (currentTable) {
                CurrentLoans.apply(handle, schema, committedFiles.stream().map(f -> f.fileId).toList(),
                        committedFiles.stream().map(f -> f.current).toList());
            }
            copyRejects(copies);
            deleteAbandoned();
            updateCounts();
            List<CommitChecks.Expected> expected = new ArrayList<>(committedFiles.size());
            for (Staged file : committedFiles) {
                expected.add(new CommitChecks.Expected(file.fileId, file.file.name(), file.counts.loaded(),
                        file.counts.rejected()));
            }
            CommitChecks.holdWhatWasCounted(handle, schema, expected);
            handle.commit();
            committed = true;
        } catch (SinkException e) {
            unusable = true;
            throw e;
        } catch (SQLException | IOException | RuntimeException e) {
            unusable = true;
            throw sink.failures().of("cannot commit " + committedFiles.size() + " file(s) together", e);
        } finally {
            committedFiles.forEach(Staged::release);
        }
    }

    /** One binary COPY for each layout among the committed files, their rows one file after the other. */
    private void copyRows(CopyManager copies) throws SQLException {
        Map<String, List<Staged>> byCopy = new LinkedHashMap<>();
        for (Staged file : committedFiles) {
            if (file.added > 0) {
                byCopy.computeIfAbsent(PostgresFileTransaction.loansCopySql(schema, file.layout), sql -> new ArrayList<>())
                        .add(file);
            }
        }
        for (Map.Entry<String, List<Staged>> copy : byCopy.entrySet()) {
            CopyIn in = copies.copyIn(copy.getKey());
            try {
                CopyBinary header = new CopyBinary().header();
                in.writeToCopy(header.bytes(), 0, header.size());
                for (Staged file : copy.getValue()) {
                    in.writeToCopy(file.rows.bytes(), 0, file.rows.size());
                }
                CopyBinary trailer = new CopyBinary().trailer();
                in.writeToCopy(trailer.bytes(), 0, trailer.size());
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
    }

    private void copyRejects(CopyManager copies) throws SQLException, IOException {
        if (committedFiles.stream().noneMatch(file -> file.rejects.count() > 0)) {
            return;
        }
        CopyIn in = copies.copyIn("COPY " + schema + ".loan_rejects (file_id, source, line, reason, raw_text)"
                + " FROM STDIN");
        try {
            for (Staged file : committedFiles) {
                file.rejects.writeTo(in);
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void deleteAbandoned() {
        if (!abandoned.isEmpty()) {
            handle.createUpdate("DELETE FROM " + schema + ".loaded_files WHERE id = ANY(:ids)")
                    .bindArray("ids", Long.class, abandoned)
                    .execute();
        }
    }

    /** Every committed file's counts and coming cleanup, as {@code PostgresFileTransaction} writes one file's. */
    private void updateCounts() {
        if (committedFiles.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        List<Long> dataRows = new ArrayList<>();
        List<Long> loaded = new ArrayList<>();
        List<Long> chargedOff = new ArrayList<>();
        List<Long> purposeOther = new ArrayList<>();
        List<Long> lowScore = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        List<String> intents = new ArrayList<>();
        List<String> dones = new ArrayList<>();
        List<String> controls = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        for (Staged file : committedFiles) {
            controls.add(CommitChecks.json(file.controlTotals));
            sums.add(CommitChecks.json(file.chunkSums));
            LoadCounts c = file.counts;
            ids.add(file.fileId);
            dataRows.add(c.dataRows());
            loaded.add(c.loaded());
            chargedOff.add(c.chargedOff());
            purposeOther.add(c.purposeOther());
            lowScore.add(c.lowCreditScore());
            rejected.add(c.rejected());
            skipped.add(c.skippedLines());
            intents.add(file.then == null ? null : file.then.label());
            dones.add(file.then == AfterLoad.KEEP ? file.then.label() : null);
        }
        handle.createUpdate("UPDATE " + schema + ".loaded_files f SET data_rows = v.data_rows, loaded = v.loaded,"
                        + " charged_off = v.charged_off, purpose_other = v.purpose_other,"
                        + " low_credit_score = v.low_credit_score, rejected = v.rejected,"
                        + " skipped_lines = v.skipped_lines, committed_at = clock_timestamp(),"
                        + " cleanup_intent = v.intent, cleanup = v.done,"
                        + " cleaned_at = CASE WHEN v.done IS NULL THEN NULL ELSE clock_timestamp() END,"
                        + " control_totals = CAST(v.controls AS jsonb), chunk_sums = CAST(v.sums AS jsonb)"
                        + " FROM unnest(:ids, :dataRows, :loaded, :chargedOff, :purposeOther, :lowScore, :rejected,"
                        + " :skipped, :intents, :dones, :controls, :sums) AS v(id, data_rows, loaded, charged_off,"
                        + " purpose_other, low_credit_score, rejected, skipped_lines, intent, done, controls, sums)"
                        + " WHERE f.id = v.id")
                .bindArray("ids", Long.class, ids)
                .bindArray("dataRows", Long.class, dataRows)
                .bindArray("loaded", Long.class, loaded)
                .bindArray("chargedOff", Long.class, chargedOff)
                .bindArray("purposeOther", Long.class, purposeOther)
                .bindArray("lowScore", Long.class, lowScore)
                .bindArray("rejected", Long.class, rejected)
                .bindArray("skipped", Long.class, skipped)
                .bindArray("intents", String.class, intents)
                .bindArray("dones", String.class, dones)
                .bindArray("controls", String.class, controls)
                .bindArray("sums", String.class, sums)
                .execute();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        committedFiles.forEach(Staged::release);
        PostgresFileTransaction.quietlyEnd(handle, committed);
    }

    /**
     * One file's load within the group: its rows encoded for the group's COPY and its rejects buffered, here, until
     * the group commits; committing it only adds it to the group.
     */
    private final class Staged implements FileTransaction {

        private final long fileId;
        private final SourceFile file;
        private final FileLayout layout;
        private final int width;
        private final CopyBinary rows = new CopyBinary();
        private final RejectBuffer rejects;
        private long added;
        private LoadCounts counts;
        private AfterLoad then;
        private List<ControlTotal> controlTotals = List.of();
        /** A chunk's control sums, as {@link PostgresFileTransaction} keeps them (the domain groups no chunk). */
        private ControlSums chunkSums;
        private final CurrentLoans current;
        private boolean done;
        private boolean closed;

        Staged(long fileId, SourceFile file, FileLayout layout) {
            this.fileId = fileId;
            this.file = file;
            this.layout = layout;
            this.width = layout.columns().size();
            this.rejects = new RejectBuffer(fileId, file.location(), rejectMemoryLimit);
            this.current = new CurrentLoans(layout);
        }

        @Override
        public void filtered(LoanRow row, FilterReason reason) {
            if (currentTable) {
                current.filtered(row, reason);
            }
        }

        @Override
        public void add(LoanRow row) {
            checkOpen();
            PostgresFileTransaction.encode(rows, file, fileId, row, width);
            added++;
        }

        @Override
        public void reject(Reject reject) {
            checkOpen();
            PostgresFileTransaction.buffer(rejects, file, reject);
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
            PostgresFileTransaction.checkCounts(file, counts, added, rejects.count());
            this.counts = counts;
            this.then = then;
            this.done = true;
            committedFiles.add(this);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (!done) {
                abandoned.add(fileId);
                release();
            }
        }

        /** Lets go of the buffered rejects (a temporary file, if they spilled). */
        void release() {
            rejects.close();
        }

        private void checkOpen() {
            if (closed || done) {
                throw new IllegalStateException(file.name() + ": the load is " + (closed ? "closed" : "committed"));
            }
        }
    }
}
