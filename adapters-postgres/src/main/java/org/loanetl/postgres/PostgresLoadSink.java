package org.loanetl.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.rules.FileLayout;

/**
 * Loads each file in its own connection and transaction, or several small files in one ({@link #beginGroup}, their
 * rows written together when the group commits). The claim on {@code (location, version)} is a
 * transaction-scoped advisory lock, so it ends with the transaction however that ends (commit, rollback, a killed
 * process): a crashed runner never leaves a stale claim behind. Under the lock, the ledger is checked, and the
 * file's ledger row is inserted; it becomes visible with the file's rows at commit. Thread-safe: each
 * {@link #begin} has its own connection.
 */
final class PostgresLoadSink implements LoadSink {

    private final Jdbi jdbi;
    private final String schema;
    private final Failures failures;
    private final int rejectMemoryLimit;
    private final boolean currentTable;
    /** {@link #claimAndRecord}'s statement. */
    private final String claimSql;
    /** The headers' array literals: files of one layout share one. */
    private final TextArrays arrays = new TextArrays();

    PostgresLoadSink(Jdbi jdbi, PostgresSettings settings, int rejectMemoryLimit) {
        this.currentTable = settings.currentTable();
        this.jdbi = jdbi;
        this.schema = settings.quotedSchema();
        this.claimSql = "INSERT INTO " + schema + ".loaded_files"
                + " (source, version, size, status, unknown_columns, credit_score_column, source_stat, header,"
                + " started_at)"
                + " SELECT ?, ?, ?, 'loaded', ?::text[], ?, ?, ?::text[], clock_timestamp()"
                + " WHERE pg_try_advisory_xact_lock(?)"
                // a chunk also shares its file's lock, which a load of the whole file holds alone: two runners told
                // different chunk sizes never load one file whole and in chunks at once
                + " AND (? = ? OR pg_try_advisory_xact_lock_shared(?))"
                + " ON CONFLICT (source, version) DO NOTHING RETURNING id";
        this.failures = new Failures(settings);
        this.rejectMemoryLimit = rejectMemoryLimit;
    }

    @Override
    public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
        Handle handle = open();
        try {
            handle.begin();
            Optional<Long> fileId = claimAndRecord(handle, file, layout);
            if (fileId.isEmpty()) {
                handle.rollback();
                handle.close();
                return Optional.empty();
            }
            return Optional.of(PostgresFileTransaction.start(handle, schema, fileId.get(), file, layout, failures,
                    rejectMemoryLimit, currentTable ? new CurrentLoans(layout) : null));
        } catch (Exception e) {
            PostgresFileTransaction.quietlyAbandon(handle, null);
            throw failures.of(file.name() + ": cannot start the load", e);
        }
    }

    /** A transaction on a connection of its own that small files load in one after the other ({@link PostgresGroupTransaction}). */
    @Override
    public Optional<GroupTransaction> beginGroup() {
        Handle handle = open();
        try {
            handle.begin();
        } catch (RuntimeException e) {
            PostgresFileTransaction.quietlyAbandon(handle, null);
            throw failures.of("cannot start a transaction", e);
        }
        return Optional.of(new PostgresGroupTransaction(handle, this, schema, rejectMemoryLimit, currentTable));
    }

    /**
     * In the handle's transaction: claims the file and inserts its ledger row, in one statement (one round trip, which
     * is most of what a small file's start costs). The claim is a transaction-scoped advisory lock, tried, never
     * waited for; the row goes in only if the claim is had and no committed row has this location and version
     * ({@code ON CONFLICT DO NOTHING} sees committed rows, whatever the statement's snapshot).
     *
     * @return the new ledger row's id, or empty when another runner holds the file or it is committed already
     */
    Optional<Long> claimAndRecord(Handle handle, SourceFile file, FileLayout layout) {
        // plain JDBC, not JDBI: a folder of 10,000 small files runs this 10,000 times, and JDBI's binding by type,
        // once a statement, cost more CPU (and JIT compilation) than the round trip
        long key = lockKey(schema, file);
        long fileKey = lockKey(schema, wholeFile(file));
        try (PreparedStatement claim = handle.getConnection().prepareStatement(claimSql)) {
            claim.setString(1, file.location());
            claim.setString(2, file.version());
            claim.setLong(3, file.size());
            claim.setString(4, arrays.literal(layout.unknownColumns()));
            claim.setString(5, layout.creditScoreColumn());
            claim.setString(6, file.stat());
            // the header as read: a replay of the file's rejects maps it again under the rules of its day
            claim.setString(7, arrays.literal(layout.header()));
            claim.setLong(8, key);
            claim.setLong(9, key);
            claim.setLong(10, fileKey);
            claim.setLong(11, fileKey);
            try (ResultSet inserted = claim.executeQuery()) {
                return inserted.next() ? Optional.of(inserted.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ClaimFailed(e);
        }
    }

    /** A claim's statement that failed; {@link Failures} reads the SQL exception inside. */
    static final class ClaimFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ClaimFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The file a chunk's ledger file is a chunk of ({@link org.loanetl.domain.model.FileChunk#ledgerFile}); else itself. */
    static SourceFile wholeFile(SourceFile file) {
        int range = file.location().indexOf(org.loanetl.domain.model.FileChunk.RANGE);
        return range < 0 ? file : new SourceFile(file.location().substring(0, range), file.version(), -1);
    }

    Failures failures() {
        return failures;
    }

    private Handle open() {
        try {
            return jdbi.open();
        } catch (RuntimeException e) {
            throw failures.connect(e);
        }
    }

    /**
     * A 64-bit key for {@code (schema, location, version)}: the first 8 bytes of their SHA-256. Advisory locks are
     * database-wide, so the schema is part of the key: two loan-etl schemas in one database load independently.
     */
    static long lockKey(String schema, SourceFile file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(schema.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(file.location().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(file.version().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
