package org.loanetl.domain.port;

import java.util.Optional;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.FileLayout;

/** Where loaded rows, rejects and ledger entries go: one file per transaction, or several small files in one. */
public interface LoadSink {

    /**
     * Starts one file's load. Before: the file's header has been read. After: either a {@link FileTransaction} that holds
     * this runner's claim on {@code (file location, version)} until it commits or closes, or empty when the file is
     * already committed or another runner holds the claim right now.
     *
     * @throws org.loanetl.domain.SinkException when the destination cannot be reached
     */
    Optional<FileTransaction> begin(SourceFile file, FileLayout layout);

    /**
     * Starts a transaction that several files can load in, one after the other ({@link GroupTransaction}), so that
     * small files share a commit. Empty when this sink commits each file on its own (the default).
     *
     * @throws org.loanetl.domain.SinkException when the destination cannot be reached
     */
    default Optional<GroupTransaction> beginGroup() {
        return Optional.empty();
    }
}
