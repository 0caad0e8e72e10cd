package org.loanetl.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.port.RejectStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database ready for loads: {@link #open} checks that it can log in, then brings loan-etl's schema up to
 * date with Flyway (creating the schema, the ledger, the rejects table and the loans table with one column per
 * catalog column). Gives the sink and the ledger the domain's ports need, and the reads behind {@code status} and
 * {@code rejects}. Driver-side; Spark executors open their own from the same (serializable) settings.
 *
 * <p>Connections come from a pool (HikariCP) of at most {@code parallelism + 2}: one per file being loaded, and room
 * for the ledger's short queries beside them. The pool opens connections as they are first needed and lets idle ones
 * go after ten seconds, so a run over one file opens one or two, and a run over ten thousand files reuses the same few instead of
 * logging in for every ledger call. A connection the server dropped is noticed when it is next borrowed, and
 * replaced.
 *
 * <p>No message from here carries the password: the settings mask it, and Jdbi is told not to render statements
 * or their bound values into exception messages.
 */
public final class PostgresDatabase implements AutoCloseable {

    /** Rejects held in memory per file before they spill to a temporary file. */
    private static final int REJECT_MEMORY_LIMIT = RejectBuffer.MEMORY_LIMIT;

    /** How long taking a connection from the pool may wait. */
    private static final int BORROW_SECONDS = 4;

    /** Files loaded at once when nobody says: the in-process engine's default. */
    public static final int DEFAULT_PARALLELISM = 2;

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final PostgresLoadLedger ledger;
    private final PostgresLoadSink sink;

    private PostgresDatabase(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        this.jdbi = jdbi(pool);
        this.ledger = new PostgresLoadLedger(jdbi, settings);
        this.sink = new PostgresLoadSink(jdbi, settings, REJECT_MEMORY_LIMIT);
    }

    /**
     * Connects and migrates.
     *
     * @throws SinkException with one line that says why (unreachable, wrong password, no such database, a failed
     *                       migration), never the password
     */
    public static PostgresDatabase open(PostgresSettings settings) {
        return open(settings, DEFAULT_PARALLELISM);
    }

    /**
     * Connects and migrates, with connections for {@code parallelism} files loading at once.
     *
     * @throws SinkException with one line that says why (unreachable, wrong password, no such database, a failed
     *                       migration), never the password
     */
    public static PostgresDatabase open(PostgresSettings settings, int parallelism) {
        PGSimpleDataSource dataSource = dataSource(settings);
        Failures failures = new Failures(settings);
        try (Connection ignored = dataSource.getConnection()) {
            // logging in once first, without the pool, gives the clearest message for the commonest mistakes
        } catch (SQLException e) {
            throw failures.connect(e);
        }
        HikariDataSource pool = pool(dataSource, settings, parallelism);
        try {
            migrate(pool, settings, failures);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresDatabase(settings, pool);
    }

    /**
     * Uses a database that {@link #open} has already set up elsewhere, without connecting now or migrating: for
     * Spark executors, whose driver opened (and migrated) it. Each operation connects on its own, as usual.
     *
     * @throws SinkException when the URL is not one pgjdbc accepts (never the password)
     */
    public static PostgresDatabase attach(PostgresSettings settings) {
        return new PostgresDatabase(settings,
                pool(dataSource(settings), settings, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A pool over pgjdbc's data source: at most {@code parallelism + 2} connections, none opened until needed, idle
     * ones closed after ten seconds (the least HikariCP allows). A borrow waits at most {@value #BORROW_SECONDS} seconds
     * (a connection is free within milliseconds, as the pool holds one per file being loaded and two more): a server
     * that has stopped, which refuses every new connection, is reported after that, not after pgjdbc's connect timeout
     * of ten. No first connection here: {@link #open} has logged in already, and
     * {@link #attach} connects on first use.
     */
    private static HikariDataSource pool(PGSimpleDataSource dataSource, PostgresSettings settings, int parallelism) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName("loan-etl");
        config.setMaximumPoolSize(Math.max(1, parallelism) + 2);
        config.setMinimumIdle(0);
        config.setIdleTimeout(TimeUnit.SECONDS.toMillis(10));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(BORROW_SECONDS));
        config.setInitializationFailTimeout(-1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new Failures(settings).connect(e);
        }
    }

    private static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    private static PGSimpleDataSource dataSource(PostgresSettings settings) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setUrl(settings.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new SinkException(settings.mask("jdbc url " + settings.safeJdbcUrl() + ": " + e.getMessage()), e);
        }
        if (settings.user() != null && !settings.user().isBlank()) {
            dataSource.setUser(settings.user());
        }
        if (!settings.password().isEmpty()) {
            dataSource.setPassword(settings.password());
        }
        if (dataSource.getConnectTimeout() == 0 || dataSource.getConnectTimeout() > 10) {
            dataSource.setConnectTimeout(10);
        }
        dataSource.setTcpKeepAlive(true);
        dataSource.setApplicationName("loan-etl");
        return dataSource;
    }

    private static void migrate(DataSource dataSource, PostgresSettings settings, Failures failures) {
        try {
            if (isCurrent(dataSource, settings.schema())) {
                return;
            }
            flyway(dataSource, settings.schema()).load().migrate();
        } catch (FlywayException | IllegalStateException e) {
            throw failures.of("cannot set up schema " + settings.schema(), e);
        }
    }

    /**
     * The versioned migrations in {@code db/migration/loanetl}, in order ({@code PostgresDatabaseTest} holds this list
     * to the resources there, so a new migration cannot be left out of it).
     */
    static final List<String> MIGRATIONS = List.of("1", "2", "3", "4", "5", "6", "7");

    /**
     * Whether the schema is as {@link #migrate} would leave it, asked in one query: every versioned migration applied
     * and none failed, and the loans columns' migration last applied with today's catalog (its checksum). Then Flyway,
     * whose check loads some hundreds of classes and scans the jar for migrations (a good part of a small run's start),
     * is not needed; any doubt, a missing history table included, and it runs as always.
     */
    static boolean isCurrent(DataSource dataSource, String schema) {
        String history = '"' + schema + "\".flyway_schema_history";
        try (Connection connection = dataSource.getConnection()) {
            try (var exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, history);
                try (var rows = exists.executeQuery()) {
                    if (!rows.next() || !rows.getBoolean(1)) {
                        return false;
                    }
                }
            }
            try (var state = connection.prepareStatement("SELECT count(*) FILTER (WHERE NOT success),"
                    + " coalesce(string_agg(version, ',' ORDER BY installed_rank)"
                    + " FILTER (WHERE success AND version IS NOT NULL AND type <> 'SCHEMA'), ''),"
                    + " (SELECT checksum FROM " + history + " WHERE success AND version IS NULL AND description = ?"
                    + " ORDER BY installed_rank DESC LIMIT 1) FROM " + history)) {
                state.setString(1, LoansColumnsMigration.DESCRIPTION);
                try (var rows = state.executeQuery()) {
                    rows.next();
                    Integer columns = rows.getObject(3) == null ? null : rows.getInt(3);
                    return rows.getLong(1) == 0 && rows.getString(2).equals(String.join(",", MIGRATIONS))
                            && LoansColumnsMigration.standard(schema).getChecksum().equals(columns);
                }
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Flyway as {@link #open} runs it: the schema, the versioned SQL migrations, then the loans columns. */
    static FluentConfiguration flyway(DataSource dataSource, String schema) {
        return Flyway.configure(PostgresDatabase.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/loanetl")
                .javaMigrations(LoansColumnsMigration.standard(schema))
                .loggers("slf4j");
    }

    /** The sink each file's load commits through. */
    public LoadSink sink() {
        return sink;
    }

    /** The ledger of committed files. */
    public LoadLedger ledger() {
        return ledger;
    }

    /** Every committed file, oldest first, for {@code loan-etl status}. */
    public List<LoadedFile> loadedFiles() {
        return ledger.all();
    }

    /**
     * Stored rejects, in file and line order, for {@code loan-etl rejects}.
     *
     * @param sourceContains only files whose location contains this text; {@code null} for all
     * @param limit          at most this many
     */
    public List<StoredReject> rejects(String sourceContains, int limit) {
        List<StoredReject> rejects = new java.util.ArrayList<>();
        rejects(sourceContains, limit, rejects::add);
        return rejects;
    }

    /**
     * Streams stored rejects, in file and line order, to {@code each}: a server-side cursor fetches them
     * {@value #REJECT_FETCH_SIZE} at a time, so memory does not grow with the limit ({@code --limit 999999999}).
     *
     * @return how many were handed over
     */
    public long rejects(String sourceContains, long limit, java.util.function.Consumer<StoredReject> each) {
        String schema = settings.quotedSchema();
        try {
            // pgjdbc uses a cursor only inside a transaction and with a fetch size
            long[] count = {0};
            jdbi.useTransaction(h -> h.createQuery("SELECT r.source, f.version, r.line, r.reason, r.raw_text"
                            + " FROM " + schema + ".loan_rejects r JOIN " + schema + ".loaded_files f ON f.id = r.file_id"
                            + " WHERE (CAST(:filter AS text) IS NULL OR strpos(r.source, :filter) > 0)"
                            + " ORDER BY r.file_id, r.line LIMIT :limit")
                    .bind("filter", sourceContains)
                    .bind("limit", limit)
                    .setFetchSize(REJECT_FETCH_SIZE)
                    .map((rs, ctx) -> new StoredReject(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getString(4), rs.getString(5)))
                    .forEach(reject -> {
                        each.accept(reject);
                        count[0]++;
                    }));
            return count[0];
        } catch (RuntimeException e) {
            throw new Failures(settings).of("cannot read the rejects", e);
        }
    }

    private static final int REJECT_FETCH_SIZE = 256;

    /** The stored rejects with their files' headers, for {@code loan-etl rejects replay}. */
    public RejectStore rejectStore() {
        return new PostgresRejectStore(jdbi, settings);
    }

    /**
     * Rejects counted by file and reason, a reason's quoted values left out (one line per cause, not per value), for
     * {@code loan-etl rejects --summary}: in file order, the commonest reason first.
     *
     * @param sourceContains only files whose location contains this text; {@code null} for all
     */
    public List<RejectCount> rejectSummary(String sourceContains) {
        String schema = settings.quotedSchema();
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT r.source, regexp_replace(r.reason, ': \".*?\"(?=; |$)',"
                            + " '', 'g') AS cause, count(*) AS n FROM " + schema + ".loan_rejects r"
                            + " WHERE (CAST(:filter AS text) IS NULL OR strpos(r.source, :filter) > 0)"
                            + " GROUP BY r.file_id, r.source, cause ORDER BY r.file_id, n DESC, cause")
                    .bind("filter", sourceContains)
                    .map((rs, ctx) -> new RejectCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                    .list());
        } catch (RuntimeException e) {
            throw new Failures(settings).of("cannot read the rejects", e);
        }
    }

    /**
     * Whether the schema exists: read-only commands ({@code status}, {@code rejects}) ask first, and say the schema
     * is empty rather than create it.
     */
    public static boolean schemaExists(PostgresSettings settings) {
        PGSimpleDataSource dataSource = dataSource(settings);
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, settings.schema());
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new Failures(settings).connect(e);
        }
    }

    /**
     * The settings it was opened with, for workers that open their own ({@link #attach}); they hold the password,
     * masked in their {@code toString}.
     */
    public PostgresSettings settings() {
        return settings;
    }

    /** The schema that holds the tables. */
    public String schema() {
        return settings.schema();
    }

    /** Where the tables are, for the user: URL (password masked) and schema. */
    public String describe() {
        return settings.safeJdbcUrl() + ", schema " + settings.schema();
    }

    /** Closes the pool's connections; loads still running fail. */
    @Override
    public void close() {
        pool.close();
    }
}
