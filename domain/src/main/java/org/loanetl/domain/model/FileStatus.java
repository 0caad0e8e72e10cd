package org.loanetl.domain.model;

import java.util.Locale;

/** How one file's load ended, as the report names it. */
public enum FileStatus {
    /** Its rows, rejects and ledger entry committed together. */
    LOADED,
    /** Already in the ledger with the same version, or being loaded by another runner right now. */
    SKIPPED,
    /** Not loadable as a whole (header, encoding, CSV syntax); nothing from it was loaded; it stays in place. */
    REFUSED,
    /** The source or the database failed while loading it; nothing from it was committed; it stays in place. */
    FAILED;

    /** The name used in reports: {@code loaded}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
