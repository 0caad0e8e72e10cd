package org.loanetl.violations.app;

/** A stand-in "app" class. */
public class AppThing {
}
