package org.loanetl.postgres;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.port.LoadTarget;

/**
 * The PostgreSQL database as a {@link LoadTarget} Spark can ship: only the settings travel (inside each task, never on
 * a command line or in Spark's configuration), and each JVM attaches once per settings, without migrating (the
 * driver migrated the schema when it opened the database). Its {@code toString} masks the password.
 *
 * @param settings where the database is, who logs in, and the schema
 */
public record PostgresLoadTarget(PostgresSettings settings) implements LoadTarget {

    private static final long serialVersionUID = 1L;

    /** One attached database per settings per JVM: executors run many tasks, and the settings are the same. */
    private static final Map<PostgresSettings, PostgresDatabase> ATTACHED = new ConcurrentHashMap<>();

    public PostgresLoadTarget {
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public LoadSink sink() {
        return database().sink();
    }

    @Override
    public LoadLedger ledger() {
        return database().ledger();
    }

    private PostgresDatabase database() {
        return ATTACHED.computeIfAbsent(settings, PostgresDatabase::attach);
    }
}
