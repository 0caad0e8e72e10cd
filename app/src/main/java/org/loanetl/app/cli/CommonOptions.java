package org.loanetl.app.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import picocli.CommandLine.Option;

/** Options every database command shares: the config file and where the database is. */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see docs/configuration.md).")
    Path config;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "PostgreSQL to load into, e.g. jdbc:postgresql://host:5432/loans. Default: the embedded database.")
    String db;

    @Option(names = "--db-user", paramLabel = "NAME",
            description = "Database user; the password comes from LOANETL_DB_PASSWORD or the config file.")
    String dbUser;

    @Option(names = "--schema", paramLabel = "NAME", description = "Schema of the loan tables (default: loanetl).")
    String schema;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Where the embedded database keeps its data (default: ~/.loan-etl).")
    String home;

    /** The flags given, by key. */
    Map<ConfigKey, Object> flags() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.DATABASE_URL, db);
        flags.put(ConfigKey.DATABASE_USER, dbUser);
        flags.put(ConfigKey.DATABASE_SCHEMA, schema);
        flags.put(ConfigKey.EMBEDDED_HOME, home);
        return flags;
    }

    /**
     * The database for a command that only reads, or empty, having said so, when its schema does not exist yet: such a
     * command never creates it.
     */
    java.util.Optional<org.loanetl.app.wiring.Database> existingDatabase(Context context) {
        Settings settings = settings(context.env(), Map.of());
        var existing = org.loanetl.app.wiring.Wiring.existingDatabase(settings);
        if (existing.isEmpty()) {
            context.out().println(org.loanetl.app.wiring.Wiring.emptySchema(settings));
        }
        return existing;
    }

    /** Settings from these flags, the environment and the config file. */
    Settings settings(Map<String, String> env, Map<ConfigKey, Object> more) {
        Map<ConfigKey, Object> all = flags();
        all.putAll(more);
        return Settings.resolve(config, env, all);
    }
}
