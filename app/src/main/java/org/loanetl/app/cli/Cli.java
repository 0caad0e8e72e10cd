package org.loanetl.app.cli;

import java.io.PrintStream;
import java.util.Map;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.report.ControlCharacters;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.postgres.DatabaseLoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds the command line and maps every way a command can end to one clear line and an exit code: a user's mistake
 * never shows a stack trace (the log has it at debug level).
 */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
    /**
     * pgjdbc reports a URL it cannot parse through java.util.logging, as two lines of its own before our one clear
     * line; the clear line says it all. Held here so the setting is not lost with a collected logger.
     */
    private static final java.util.logging.Logger PGJDBC = java.util.logging.Logger.getLogger("org.postgresql");

    static {
        PGJDBC.setLevel(java.util.logging.Level.OFF);
    }

    private Cli() {
    }

    /** Runs one command; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        // data (file names, reasons, raw rows) is printed to a person: its control characters are shown as text
        Context context = new Context(new PrintStream(ControlCharacters.escaping(out), true), err, env);
        CommandLine cli = new CommandLine(new LoanEtlCommand(), new Factory(context));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(Cli::exitCode);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("loan-etl: " + ControlCharacters.escape(e.getMessage()));
            err.println("Try 'loan-etl " + e.getCommandLine().getCommandName() + " --help'.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            LOG.debug("command failed", e);
            err.println("loan-etl: " + ControlCharacters.escape(e instanceof LoanEtlException ? e.getMessage()
                    : "internal error: " + e));
            return exitCode(e);
        });
        return cli.execute(args);
    }

    private static int exitCode(Throwable e) {
        if (e instanceof ConfigException || e instanceof DatabaseLoginException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILURE;
    }

    /** Gives commands their context. */
    private record Factory(Context context) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Context.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
