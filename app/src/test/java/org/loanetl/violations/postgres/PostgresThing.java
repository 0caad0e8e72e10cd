package org.loanetl.violations.postgres;

/** A stand-in "adapter" class for the violation. */
public class PostgresThing {
}
