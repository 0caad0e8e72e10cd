package org.loanetl.app.wiring;

import java.util.Objects;
import org.loanetl.postgres.EmbeddedServer;
import org.loanetl.postgres.PostgresDatabase;

/**
 * The database a command works on, embedded or real, migrated and ready; closing it stops an embedded server (its
 * data stays).
 */
public final class Database implements AutoCloseable {

    private final PostgresDatabase postgres;
    private final EmbeddedServer embedded;

    Database(PostgresDatabase postgres, EmbeddedServer embedded) {
        this.postgres = Objects.requireNonNull(postgres, "postgres");
        this.embedded = embedded;
    }

    /** The sink, ledger and reads. */
    public PostgresDatabase postgres() {
        return postgres;
    }

    /** The embedded server, when this is the embedded database. */
    public java.util.Optional<EmbeddedServer> embedded() {
        return java.util.Optional.ofNullable(embedded);
    }

    /** Lines for the user: where the data is and how to look at it. Never holds a password. */
    public String whereTheDataIs() {
        if (embedded == null) {
            return "Data: " + postgres.describe() + " (tables loans, loan_rejects, loaded_files).";
        }
        return "Data: embedded PostgreSQL in " + embedded.dataDirectory() + ", schema " + postgres.schema()
                + " (tables loans, loan_rejects, loaded_files)."
                + System.lineSeparator() + "Look at it with 'loan-etl status', 'loan-etl rejects', or"
                + " 'loan-etl db' (keeps it running for psql).";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
