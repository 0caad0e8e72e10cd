package org.loanetl.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.rules.FileLayout;

/**
 * Loads each file in its own connection and transaction. The claim on {@code (location, version)} is a
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

    PostgresLoadSink(Jdbi jdbi, PostgresSettings settings, int rejectMemoryLimit) {
        this.jdbi = jdbi;
        this.schema = settings.quotedSchema();
        this.failures = new Failures(settings);
        this.rejectMemoryLimit = rejectMemoryLimit;
    }

    @Override
    public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
        Handle handle = open();
        try {
            handle.begin();
            if (!claim(handle, schema, file) || committed(handle, file)) {
                handle.rollback();
                handle.close();
                return Optional.empty();
            }
            long fileId = insertLedgerRow(handle, file, layout);
            return Optional.of(PostgresFileTransaction.start(handle, schema, fileId, file, layout, failures, rejectMemoryLimit));
        } catch (Exception e) {
            PostgresFileTransaction.quietlyAbandon(handle, null);
            throw failures.of(file.name() + ": cannot start the load", e);
        }
    }

    private Handle open() {
        try {
            return jdbi.open();
        } catch (RuntimeException e) {
            throw failures.connect(e);
        }
    }

    private static boolean claim(Handle handle, String schema, SourceFile file) {
        return handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .bind("key", lockKey(schema, file))
                .mapTo(Boolean.class)
                .one();
    }

    private boolean committed(Handle handle, SourceFile file) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM " + schema + ".loaded_files"
                        + " WHERE source = :source AND version = :version)")
                .bind("source", file.location())
                .bind("version", file.version())
                .mapTo(Boolean.class)
                .one();
    }

    private long insertLedgerRow(Handle handle, SourceFile file, FileLayout layout) {
        return handle.createQuery("INSERT INTO " + schema + ".loaded_files"
                        + " (source, version, size, status, unknown_columns, credit_score_column, started_at)"
                        + " VALUES (:source, :version, :size, 'loaded', :unknown, :score, clock_timestamp()) RETURNING id")
                .bind("source", file.location())
                .bind("version", file.version())
                .bind("size", file.size())
                .bindArray("unknown", String.class, layout.unknownColumns())
                .bind("score", layout.creditScoreColumn())
                .mapTo(Long.class)
                .one();
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
