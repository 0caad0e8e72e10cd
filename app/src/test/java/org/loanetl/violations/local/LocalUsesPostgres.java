package org.loanetl.violations.local;

import org.loanetl.violations.postgres.PostgresThing;

/** Breaks the adapter rule: one "adapter" calling another directly. */
public class LocalUsesPostgres {

    @Override
    public String toString() {
        return new PostgresThing().toString();
    }
}
