package org.loanetl.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.loanetl.app.Main;

/** Runs loan-etl in this JVM, as {@code main} would, and keeps what it printed. */
public final class Cli {

    /** How a run ended. */
    public record Run(int exitCode, String out, String err) {

        /** Everything printed, for assertions that something never appears. */
        public String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    /** Runs with an empty environment, so no setting leaks in from the machine running the tests. */
    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with this environment. */
    public static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
