package org.loanetl.violations.aws;

/** A stand-in "adapter" class. */
public class AwsThing {
}
