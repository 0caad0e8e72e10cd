package org.loanetl.app.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.wiring.Database;
import org.loanetl.app.wiring.Wiring;
import org.loanetl.postgres.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code loan-etl db}: keeps the embedded PostgreSQL running, on loopback, until Enter or Ctrl-C, and prints how to
 * reach it with psql or any JDBC tool. The embedded server otherwise runs only while a command does.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Runs the embedded PostgreSQL until Enter or Ctrl-C, so psql or a SQL tool can look at the tables.")
final class DbCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    CommonOptions common;

    DbCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        try (Database database = Wiring.database(common.settings(context.env(), Map.of()))) {
            EmbeddedServer embedded = database.embedded().orElseThrow(() -> new ConfigException(
                    "loan-etl db serves the embedded database only; with --db, connect to that server directly"));
            String schema = database.postgres().schema();
            context.out().println(database.whereTheDataIs());
            context.out().println("Running on 127.0.0.1:" + embedded.port() + ". Connect with:");
            context.out().println("  psql -h 127.0.0.1 -p " + embedded.port() + " -U postgres -d postgres"
                    + " -c 'SET search_path = " + schema + "' ...");
            context.out().println("  jdbc:postgresql://127.0.0.1:" + embedded.port() + "/postgres?user=postgres&currentSchema="
                    + schema);
            context.out().println("Press Enter (or Ctrl-C) to stop it.");
            context.out().flush();
            System.in.read();
        }
        return ExitCode.OK;
    }
}
