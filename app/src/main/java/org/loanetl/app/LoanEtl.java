package org.loanetl.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.loanetl.app.wiring.Database;
import org.loanetl.app.wiring.Wiring;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.local.InProcessLoadEngine;
import org.loanetl.local.LocalFolderLoanFileSource;
import org.loanetl.postgres.PostgresSettings;

/**
 * loan-etl as a library: what the CLI's {@code load} does, from Java. Pick a source (local files, or any
 * {@link LoanFileSource} of your own), a PostgreSQL destination and the rules, then {@link Load#run()}: every file is
 * loaded exactly once, in this process, and the report says how each ended.
 *
 * <pre>{@code
 * LoadReport report = LoanEtl.load(LoanEtl.localFiles(Path.of("/data/lendingclub")))
 *         .into(LoanEtl.postgres("jdbc:postgresql://db:5432/loans", "loader", password, "loanetl"))
 *         .rules(LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER))
 *         .run();
 * }</pre>
 *
 * <p>The destination is opened (and its schema created or migrated) when {@code run} starts and closed when it ends.
 * The Spark engine is reached through the CLI and {@code spark-submit} ({@code docs/spark.md}).
 */
public final class LoanEtl {

    private LoanEtl() {
    }

    /** A load of the files this source lists; defaults: the embedded database, the spec's rules, keep, 2 threads. */
    public static Load load(LoanFileSource source) {
        return new Load(source, embeddedPostgres(Path.of(System.getProperty("user.home"), ".loan-etl"), null),
                LoadRules.defaults(), AfterLoad.KEEP, 2, LoadListener.NONE);
    }

    /** The {@code .csv}, {@code .csv.gz} and {@code .zip} files in these folders (and their subfolders) or files. */
    public static LoanFileSource localFiles(Path... paths) {
        return new LocalFolderLoanFileSource(List.of(paths), null);
    }

    /** As {@link #localFiles(Path...)}, archiving into {@code archive} when the load is told to archive. */
    public static LoanFileSource localFiles(List<Path> paths, Path archive) {
        return new LocalFolderLoanFileSource(paths, archive);
    }

    /**
     * A PostgreSQL database.
     *
     * @param jdbcUrl  {@code jdbc:postgresql://host:5432/database}
     * @param user     the login role, or {@code null} to take it from the URL
     * @param password the password, or {@code null}; it never appears in a message
     * @param schema   the schema of loan-etl's tables, or {@code null} for {@code loanetl}
     */
    public static Destination postgres(String jdbcUrl, String user, String password, String schema) {
        PostgresSettings settings = new PostgresSettings(jdbcUrl, user, password, schema);
        return () -> Wiring.postgres(settings);
    }

    /** The embedded PostgreSQL the CLI uses by default, its data under {@code home}; {@code schema} may be null. */
    public static Destination embeddedPostgres(Path home, String schema) {
        return () -> Wiring.embeddedPostgres(home, schema);
    }

    /** Where loads go: opened when a load runs, closed when it ends. */
    @FunctionalInterface
    public interface Destination {

        /** Opens the database, creating or migrating loan-etl's schema. */
        Database open();
    }

    /**
     * One load, set up step by step; each step returns a new {@code Load}, so one can serve as a template.
     *
     * @param source      the files
     * @param destination where they go
     * @param rules       the loan rules: filters, credit-score columns, null words
     * @param after       what to do with each file's source once its load committed
     * @param threads     how many files load at once
     * @param listener    who hears how each file goes
     */
    public record Load(LoanFileSource source, Destination destination, LoadRules rules, AfterLoad after, int threads,
                       LoadListener listener) {

        public Load {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(listener, "listener");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
        }

        /** Into this destination. */
        public Load into(Destination other) {
            return new Load(source, other, rules, after, threads, listener);
        }

        /** Under these rules. */
        public Load rules(LoadRules other) {
            return new Load(source, destination, other, after, threads, listener);
        }

        /** Keeping, archiving or deleting each file once its load committed. */
        public Load after(AfterLoad other) {
            return new Load(source, destination, rules, other, threads, listener);
        }

        /** Loading this many files at once. */
        public Load threads(int count) {
            return new Load(source, destination, rules, after, count, listener);
        }

        /** Telling this listener how each file goes. */
        public Load listener(LoadListener other) {
            return new Load(source, destination, rules, after, threads, other);
        }

        /**
         * Loads every file the source lists, each exactly once, and says how each ended. A file's own trouble (refused,
         * failed) is in the report, not thrown.
         *
         * @throws org.loanetl.domain.SinkException when the destination cannot be opened
         */
        public LoadReport run() {
            try (Database database = destination.open()) {
                var postgres = database.postgres();
                return new InProcessLoadEngine(postgres.sink(), postgres.ledger(), threads)
                        .run(new LoadJob(source, rules, after, listener));
            }
        }
    }
}
