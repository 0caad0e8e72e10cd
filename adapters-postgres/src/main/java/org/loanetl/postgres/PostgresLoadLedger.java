package org.loanetl.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;

/**
 * The {@code loaded_files} table read as the domain's ledger. Only committed rows are ever visible (the sink inserts
 * a file's row in the same transaction as its loans), so an entry found here is a load that happened. Thread-safe:
 * each call borrows a pooled connection for its statement.
 */
final class PostgresLoadLedger implements LoadLedger {

    /**
     * How a chunk's row's source ends ({@link FileChunk#ledgerFile}), as a regular expression:
     * its file's source is what comes before.
     */
    static final String CHUNK_RANGE = FileChunk.RANGE + "[0-9]+-[0-9]+$";

    /** The columns {@link #entry} reads. */
    static final String COLUMNS = "source, version, size, loaded, charged_off, purpose_other,"
            + " low_credit_score, rejected, skipped_lines, committed_at, cleanup";

    private final Jdbi jdbi;
    private final String schema;
    private final Failures failures;
    private final ChunkRollUp rollUp;

    PostgresLoadLedger(Jdbi jdbi, PostgresSettings settings) {
        this.jdbi = jdbi;
        this.schema = settings.quotedSchema();
        this.failures = new Failures(settings);
        this.rollUp = new ChunkRollUp(schema);
    }

    @Override
    public Optional<LedgerEntry> find(SourceFile file) {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM " + schema + ".loaded_files"
                            + " WHERE source = :source AND version = :version")
                    .bind("source", file.location())
                    .bind("version", file.version())
                    .map(PostgresLoadLedger::entry)
                    .findOne());
        } catch (RuntimeException e) {
            throw failures.of(file.name() + ": cannot read the ledger", e);
        }
    }

    /** One query for the whole batch: the keys go as two arrays, joined on the ledger's unique key. */
    @Override
    public Map<SourceFile, LedgerEntry> findAll(Collection<SourceFile> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        List<String> sources = new ArrayList<>(files.size());
        List<String> versions = new ArrayList<>(files.size());
        for (SourceFile file : files) {
            sources.add(file.location());
            versions.add(file.version());
        }
        List<LedgerEntry> entries;
        try {
            entries = jdbi.withHandle(h -> h.createQuery("SELECT " + prefixed("f.") + " FROM " + schema
                            + ".loaded_files f JOIN unnest(:sources, :versions) AS k(source, version)"
                            + " ON f.source = k.source AND f.version = k.version")
                    .bindArray("sources", String.class, sources)
                    .bindArray("versions", String.class, versions)
                    .map(PostgresLoadLedger::entry)
                    .list());
        } catch (RuntimeException e) {
            throw failures.of("cannot read the ledger", e);
        }
        // keyed by the listed file: its size is the listing's, the entry's the one recorded at commit
        Map<List<String>, SourceFile> listed = new HashMap<>();
        for (SourceFile file : files) {
            listed.put(List.of(file.location(), file.version()), file);
        }
        Map<SourceFile, LedgerEntry> byFile = new HashMap<>();
        for (LedgerEntry entry : entries) {
            byFile.put(listed.get(List.of(entry.file().location(), entry.file().version())), entry);
        }
        return byFile;
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    @Override
    public Optional<String> versionWithStat(String location, String stat) {
        try {
            // a file whose chunked load a crash stopped has no row yet, but its saved plan has the stat it was cut at
            return jdbi.withHandle(h -> h.createQuery("(SELECT version FROM " + schema + ".loaded_files"
                            + " WHERE source = :source AND source_stat = :stat ORDER BY id DESC LIMIT 1)"
                            + " UNION ALL (SELECT version FROM " + schema + ".chunk_plans WHERE source = :source"
                            + " AND source_stat = :stat ORDER BY planned_at DESC LIMIT 1) LIMIT 1")
                    .bind("source", location)
                    .bind("stat", stat)
                    .mapTo(String.class)
                    .findOne());
        } catch (RuntimeException e) {
            throw failures.of("cannot read the ledger", e);
        }
    }

    @Override
    public void cleanedUp(SourceFile file, AfterLoad after) {
        update(file, after, "cleanup = :action, cleaned_at = clock_timestamp()", "record the " + after.label() + " in");
    }

    private void update(SourceFile file, AfterLoad after, String assignments, String doing) {
        int updated;
        try {
            updated = jdbi.withHandle(h -> h.createUpdate("UPDATE " + schema + ".loaded_files SET " + assignments
                            + " WHERE source = :source AND version = :version")
                    .bind("action", after.label())
                    .bind("source", file.location())
                    .bind("version", file.version())
                    .execute());
        } catch (RuntimeException e) {
            throw failures.of(file.name() + ": cannot " + doing + " the ledger", e);
        }
        if (updated != 1) {
            throw new IllegalStateException("no ledger entry for " + file.location() + " version " + file.version());
        }
    }

    @Override
    public void cleaningUp(SourceFile file, AfterLoad after) {
        update(file, after, "cleanup_intent = :action, cleaned_at = NULL", "record the coming " + after.label() + " in");
    }

    @Override
    public List<UnfinishedCleanup> unfinishedCleanups() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT source, version, size, cleanup_intent FROM " + schema
                            + ".loaded_files WHERE cleanup_intent IS NOT NULL AND cleaned_at IS NULL ORDER BY id")
                    .map((rs, ctx) -> new UnfinishedCleanup(new SourceFile(rs.getString(1), rs.getString(2),
                            rs.getLong(3)), AfterLoad.valueOf(rs.getString(4).toUpperCase(Locale.ROOT))))
                    .list());
        } catch (RuntimeException e) {
            throw failures.of("cannot read the ledger", e);
        }
    }

    /** Yes: a chunk's row is a file's row whose source names its range (V7), and the file's row is made from them. */
    @Override
    public boolean recordsChunks() {
        return true;
    }

    @Override
    public Optional<List<org.loanetl.domain.model.FileChunk>> savedPlan(SourceFile file) {
        try {
            return jdbi.withHandle(h -> ChunkPlans.find(h, schema, file));
        } catch (RuntimeException e) {
            throw failures.of(file.name() + ": cannot read the ledger", e);
        }
    }

    @Override
    public List<org.loanetl.domain.model.FileChunk> savePlan(SourceFile file,
                                                             List<org.loanetl.domain.model.FileChunk> chunks) {
        try {
            return jdbi.inTransaction(h -> ChunkPlans.save(h, schema, file, chunks));
        } catch (RuntimeException e) {
            throw failures.of(file.name() + ": cannot save how it is cut into chunks", e);
        }
    }

    /** The rows whose source is the file's location and a byte range, of its version. */
    @Override
    public List<SourceFile> committedChunks(SourceFile file) {
        String prefix = file.location() + org.loanetl.domain.model.FileChunk.RANGE;
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT source, size FROM " + schema + ".loaded_files"
                            + " WHERE version = :version AND left(source, :length) = :prefix ORDER BY source")
                    .bind("version", file.version())
                    .bind("length", prefix.length())
                    .bind("prefix", prefix)
                    .map((rs, ctx) -> new SourceFile(rs.getString(1), file.version(), rs.getLong(2)))
                    .list());
        } catch (RuntimeException e) {
            throw failures.of(file.name() + ": cannot read the ledger", e);
        }
    }

    /** In one transaction, by {@link ChunkRollUp}. */
    @Override
    public Optional<Completed> completeChunks(SourceFile file, List<SourceFile> chunks, AfterLoad then) {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException(file.name() + ": a file loaded in chunks has at least one");
        }
        try {
            return jdbi.inTransaction(h -> rollUp.complete(h, file, chunks, then));
        } catch (RuntimeException e) {
            throw failures.of(file.name() + ": cannot record the file's chunks in the ledger", e);
        }
    }

    /**
     * Every committed file, oldest first, with the column its score was read from; each line of a file counted once:
     * a file loaded in chunks by its own row once it has one, and by its chunks' rows (which hold its loans and
     * rejects) until then, so that {@code status} adds up each line once.
     */
    List<LoadedFile> all() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + ", credit_score_column FROM " + schema
                            + ".loaded_files c WHERE NOT EXISTS (SELECT 1 FROM " + schema + ".loaded_files f"
                            + " WHERE f.chunks IS NOT NULL AND f.version = c.version"
                            + " AND f.source = regexp_replace(c.source, '" + CHUNK_RANGE + "', '')"
                            + " AND c.source ~ '" + CHUNK_RANGE + "') ORDER BY committed_at, id")
                    .map((rs, ctx) -> new LoadedFile(entry(rs, ctx), rs.getString("credit_score_column")))
                    .list());
        } catch (RuntimeException e) {
            throw failures.of("cannot read the ledger", e);
        }
    }

    /** A ledger entry from a row of {@link #COLUMNS}. */
    static LedgerEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        SourceFile file = new SourceFile(rs.getString("source"), rs.getString("version"), rs.getLong("size"));
        LoadCounts counts = new LoadCounts(rs.getLong("loaded"), rs.getLong("charged_off"),
                rs.getLong("purpose_other"), rs.getLong("low_credit_score"), rs.getLong("rejected"),
                rs.getLong("skipped_lines"));
        Timestamp committed = rs.getTimestamp("committed_at");
        String cleanup = rs.getString("cleanup");
        return new LedgerEntry(file, counts, committed == null ? null : committed.toInstant(),
                cleanup == null ? null : AfterLoad.valueOf(cleanup.toUpperCase(Locale.ROOT)));
    }
}
