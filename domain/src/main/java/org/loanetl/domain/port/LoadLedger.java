package org.loanetl.domain.port;

import java.util.Optional;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;

/** The record of committed files, keyed by (location, version). */
public interface LoadLedger {

    /** The committed entry for exactly this location and version, if there is one. */
    Optional<LedgerEntry> find(SourceFile file);

    /** Records that a committed file's source has been kept, archived or deleted. The entry must exist. */
    void cleanedUp(SourceFile file, AfterLoad after);
}
