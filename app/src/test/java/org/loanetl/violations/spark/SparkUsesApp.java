package org.loanetl.violations.spark;

import org.loanetl.violations.app.AppThing;
import org.loanetl.violations.aws.AwsThing;

/** Breaks two rules: an "adapter" that reaches into "app" and into another "adapter". */
public class SparkUsesApp {

    @Override
    public String toString() {
        return new AppThing() + " " + new AwsThing();
    }
}
