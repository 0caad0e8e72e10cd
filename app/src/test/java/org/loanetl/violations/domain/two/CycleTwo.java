package org.loanetl.violations.domain.two;

import org.loanetl.violations.domain.one.CycleOne;

/** Breaks the domain's no-cycle rule on purpose: uses a package that uses this one. */
public final class CycleTwo {

    public CycleOne other() {
        return new CycleOne();
    }
}
