package org.loanetl.violations.domain;

import com.tngtech.archunit.core.domain.JavaClass;
import org.loanetl.violations.local.LocalUsesPostgres;

/** Breaks two rules: a "domain" class that uses a library and an "adapter". */
public class DomainUsesAdapter {

    public String describe(JavaClass type) {
        return type.getName() + new LocalUsesPostgres();
    }
}
