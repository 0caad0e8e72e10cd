package org.loanetl.domain.model;

import java.util.Locale;

/** What to do with a source file once its load has committed. */
public enum AfterLoad {
    /** Leave it where it is; the ledger keeps it from loading twice. */
    KEEP,
    /** Move it under the archive location. */
    ARCHIVE,
    /** Delete it, as the original job did. */
    DELETE;

    /** The name used in flags and configuration: {@code keep}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a file's report says once this action is done: {@code kept}, {@code archived}, {@code deleted}. */
    public String pastTense() {
        return this == KEEP ? "kept" : label() + "d";
    }
}
