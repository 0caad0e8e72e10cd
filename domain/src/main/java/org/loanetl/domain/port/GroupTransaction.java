package org.loanetl.domain.port;

import java.util.Optional;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.FileLayout;

/**
 * Several files' loads in one transaction, so that small files share a commit: each file is still all or nothing
 * within it (its part can be rolled back alone), and every file committed within the group becomes visible, with its
 * ledger entry, when the group commits, not before. Not thread-safe: one thread loads a group's files one after the
 * other.
 */
public interface GroupTransaction extends AutoCloseable {

    /**
     * Starts one file's load within the group, as {@link LoadSink#begin} does on its own. The file's
     * {@link FileTransaction#commit} then adds it to the group; closing it without a commit rolls back its part only.
     * Before: no file of the group is open. After: empty when the file is committed already or another runner holds
     * it; the group's claim on the file lasts until the group ends.
     *
     * @throws org.loanetl.domain.SinkException when the destination cannot be reached; the group is then unusable
     */
    Optional<FileTransaction> begin(SourceFile file, FileLayout layout);

    /** Whether more files can begin in this group: false once a failure has made its transaction unusable. */
    boolean usable();

    /**
     * Makes every file committed within the group visible together.
     *
     * @throws org.loanetl.domain.SinkException when the commit failed; then nothing of the group became visible
     */
    void commit();

    /** Ends the group; if {@link #commit} has not succeeded, discards all of it. Never throws. */
    @Override
    void close();
}
