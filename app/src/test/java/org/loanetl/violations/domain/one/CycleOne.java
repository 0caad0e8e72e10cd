package org.loanetl.violations.domain.one;

import org.loanetl.violations.domain.two.CycleTwo;

/** Breaks the domain's no-cycle rule on purpose: uses a package that uses this one. */
public final class CycleOne {

    public CycleTwo other() {
        return new CycleTwo();
    }
}
