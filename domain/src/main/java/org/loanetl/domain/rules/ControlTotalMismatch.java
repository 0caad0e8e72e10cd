package org.loanetl.domain.rules;

import java.util.Locale;

/** What a file's funding footer does when its rows do not add up to it ({@code rules.control-totals}). */
public enum ControlTotalMismatch {
    /** The file loads; the report, the ledger and the log say which footer differs, and by how much. */
    WARN,
    /** The file is refused and stays where it was. */
    REFUSE;

    /** {@code warn} or {@code refuse}, as configured. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
