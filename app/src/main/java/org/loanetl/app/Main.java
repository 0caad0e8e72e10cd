package org.loanetl.app;

import java.io.PrintStream;
import java.util.Map;
import org.loanetl.app.cli.Cli;

/** {@code loan-etl}: loads LendingClub loan files into PostgreSQL. Exit codes: see {@link org.loanetl.app.cli.ExitCode}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs one command as {@code main} would, with its streams and environment given; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return Cli.run(args, out, err, env);
    }
}
