package org.loanetl.postgres;

import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.rules.FileLayout;
import org.postgresql.copy.CopyIn;

/**
 * Small files loaded one after the other in one transaction on one connection, each file inside a savepoint of its
 * own: a file that fails rolls back to its savepoint and the others stand; a file that commits keeps its part, which
 * becomes visible with the others at {@link #commit}, one durable commit for them all. The files' claims (their
 * advisory locks) and ledger rows are the group transaction's, so another runner sees each file as being loaded until
 * the group ends, and nothing of the group if it rolls back. A failure the transaction cannot survive (a lost
 * connection, a COPY that could not be ended cleanly) makes the group unusable: what it held is rolled back. Not
 * thread-safe.
 */
final class PostgresGroupTransaction implements GroupTransaction {

    private final Handle handle;
    private final PostgresLoadSink sink;
    private int savepoints;
    private int files;
    private boolean unusable;
    private boolean committed;
    private boolean closed;

    PostgresGroupTransaction(Handle handle, PostgresLoadSink sink) {
        this.handle = handle;
        this.sink = sink;
    }

    @Override
    public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
        if (!usable()) {
            throw new SinkException(file.name() + ": cannot start the load: the transaction it was to share is gone"
                    + " (an earlier file's failure ended it)", null);
        }
        String savepoint = "loanetl_file_" + (++savepoints);
        try {
            handle.execute("SAVEPOINT " + savepoint);
            Optional<Long> fileId = sink.claimAndRecord(handle, file, layout);
            if (fileId.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(sink.startInGroup(handle, new Savepoint(savepoint), fileId.get(), file, layout));
        } catch (SQLException | RuntimeException e) {
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
            throw new SinkException("cannot commit " + files + " file(s) together: their transaction was lost"
                    + " (nothing of them was committed)", null);
        }
        try {
            handle.commit();
            committed = true;
        } catch (RuntimeException e) {
            unusable = true;
            throw sink.failures().of("cannot commit " + files + " file(s) together", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (committed) {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // committed already; a failure to release the connection changes nothing
            }
        } else {
            PostgresFileTransaction.quietlyAbandon(handle, null);
        }
    }

    /** One file's part of the group: a savepoint, kept when the file commits, rolled back to when it fails. */
    private final class Savepoint implements PostgresFileTransaction.Ending {

        private final String name;

        Savepoint(String name) {
            this.name = name;
        }

        /**
         * Keeps the file's part: the savepoint is left in place rather than released (a round trip less a file; the
         * group's commit ends them all, and a later file's savepoint nests in it harmlessly).
         */
        @Override
        public void commit() {
            files++;
        }

        @Override
        public void committed() {
            // the connection stays with the group
        }

        @Override
        public void rollBack(CopyIn openCopy) {
            try {
                if (openCopy != null && openCopy.isActive()) {
                    openCopy.cancelCopy();
                }
                handle.execute("ROLLBACK TO SAVEPOINT " + name);
            } catch (SQLException | RuntimeException e) {
                // the savepoint cannot be rolled back to: the whole group goes, and its files are loaded again alone
                unusable = true;
            }
        }

        @Override
        public void abort() {
            unusable = true;
            PostgresFileTransaction.abort(handle);
        }
    }
}
