package org.loanetl.app.wiring;

import java.nio.file.Path;
import java.util.Optional;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.postgres.EmbeddedServer;
import org.loanetl.postgres.PostgresDatabase;
import org.loanetl.postgres.PostgresSettings;

/** Opens the database the settings name: a real one at {@code database.jdbc-url}, else the embedded one. */
final class Databases {

    private Databases() {
    }

    static Database open(Settings settings) {
        return open(settings, false).orElseThrow();
    }

    /**
     * The database, or empty when {@code onlyIfLoaded} and its schema does not exist yet: read-only commands then say
     * so instead of creating the schema.
     */
    static Optional<Database> open(Settings settings, boolean onlyIfLoaded) {
        String url = settings.text(ConfigKey.DATABASE_URL);
        String schema = settings.text(ConfigKey.DATABASE_SCHEMA);
        if (url != null && !url.isBlank()) {
            PostgresSettings postgres;
            try {
                postgres = new PostgresSettings(url.trim(), settings.text(ConfigKey.DATABASE_USER),
                        settings.text(ConfigKey.DATABASE_PASSWORD), schema);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(settings.origin(ConfigKey.DATABASE_URL) + ": " + e.getMessage());
            }
            if (onlyIfLoaded && !PostgresDatabase.schemaExists(postgres)) {
                return Optional.empty();
            }
            postgres = settings.bool(ConfigKey.DATABASE_CURRENT_TABLE) ? postgres.keepingCurrentLoans() : postgres;
            return Optional.of(new Database(PostgresDatabase.open(postgres, parallelism(settings)), null));
        }
        return embedded(home(settings), schema, onlyIfLoaded, parallelism(settings),
                settings.bool(ConfigKey.DATABASE_CURRENT_TABLE));
    }

    /** Files loaded at once ({@code engine.threads}): the pool holds a connection for each. */
    private static int parallelism(Settings settings) {
        return (int) settings.integer(ConfigKey.THREADS);
    }

    /** The embedded server under {@code home}, started, with the database opened in {@code schema}. */
    static Database embedded(Path home, String schema) {
        return embedded(home, schema, false, PostgresDatabase.DEFAULT_PARALLELISM, false).orElseThrow();
    }

    /** {@link #embedded(Path, String)}, or empty (the server stopped again) when only an existing schema will do. */
    private static Optional<Database> embedded(Path home, String schema, boolean onlyIfLoaded,
                                               int parallelism, boolean currentTable) {
        EmbeddedServer embedded = EmbeddedServer.start(home);
        try {
            PostgresSettings postgres = embedded.settings(schema);
            if (onlyIfLoaded && !PostgresDatabase.schemaExists(postgres)) {
                embedded.close();
                return Optional.empty();
            }
            postgres = currentTable ? postgres.keepingCurrentLoans() : postgres;
            return Optional.of(new Database(PostgresDatabase.open(postgres, parallelism), embedded));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** The embedded database's home: {@code embedded.home}, else {@code ~/.loan-etl}. */
    static Path home(Settings settings) {
        String configured = settings.text(ConfigKey.EMBEDDED_HOME);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("user.home"), ".loan-etl");
    }
}
