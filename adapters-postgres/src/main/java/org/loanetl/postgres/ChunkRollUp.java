package org.loanetl.postgres;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.ControlSums;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;

/**
 * A file loaded in chunks recorded as loaded ({@link LoadLedger#completeChunks}): its own {@code loaded_files} row,
 * made in one transaction from its chunks' rows (V7). Its counts are their sums, its control totals are made from
 * their {@code chunk_sums}, its layout columns are its first chunk's, and its loans and rejects stay under the chunks'
 * rows. The chunks' rows are read {@code FOR SHARE}, so a replay of a chunk's rejects under way (which holds its row
 * {@code FOR UPDATE}) ends first and its counts are the ones added up. Two runners completing one file at once both
 * insert with {@code ON CONFLICT DO NOTHING}: the second waits for the first's row and returns it.
 */
final class ChunkRollUp {

    private final String schema;

    ChunkRollUp(String schema) {
        this.schema = schema;
    }

    /**
     * In the handle's transaction: the file's row as it is, or made from its chunks' rows.
     *
     * @return empty when a chunk has no committed row
     */
    Optional<LoadLedger.Completed> complete(Handle handle, SourceFile file, List<SourceFile> chunks, AfterLoad then) {
        Optional<LoadLedger.Completed> done = completed(handle, file);
        if (done.isPresent()) {
            return done;
        }
        Map<String, Long> ids = lockChunks(handle, chunks);
        if (ids.size() < chunks.stream().map(SourceFile::location).distinct().count()) {
            return Optional.empty();
        }
        insert(handle, file, chunks, ids, then);
        return Optional.of(completed(handle, file).orElseThrow(() -> new IllegalStateException(
                "no ledger entry for " + file.location() + " version " + file.version() + " after inserting it")));
    }

    /** The chunks' committed rows, locked against a replay's update until this transaction ends: id by location. */
    private Map<String, Long> lockChunks(Handle handle, List<SourceFile> chunks) {
        List<String> sources = new ArrayList<>(chunks.size());
        List<String> versions = new ArrayList<>(chunks.size());
        for (SourceFile chunk : chunks) {
            sources.add(chunk.location());
            versions.add(chunk.version());
        }
        Map<String, Long> ids = new HashMap<>();
        handle.createQuery("SELECT f.id, f.source FROM " + schema + ".loaded_files f"
                        + " JOIN unnest(:sources, :versions) AS k(source, version)"
                        + " ON f.source = k.source AND f.version = k.version ORDER BY f.id FOR SHARE OF f")
                .bindArray("sources", String.class, sources)
                .bindArray("versions", String.class, versions)
                .map((rs, ctx) -> Map.entry(rs.getString(2), rs.getLong(1)))
                .forEach(row -> ids.put(row.getKey(), row.getValue()));
        return ids;
    }

    /**
     * Inserts the file's row, unless another runner's is there first; its cleanup columns as
     * {@link PostgresFileTransaction#commit} sets them: a keep recorded as done, an archive or delete as begun.
     */
    private void insert(Handle handle, SourceFile file, List<SourceFile> chunks, Map<String, Long> ids,
                        AfterLoad then) {
        String done = then == AfterLoad.KEEP ? then.label() : null;
        handle.createUpdate("INSERT INTO " + schema + ".loaded_files (source, version, size, status, data_rows,"
                        + " loaded, charged_off, purpose_other, low_credit_score, rejected, skipped_lines,"
                        + " unknown_columns, credit_score_column, source_stat, header, started_at, committed_at,"
                        + " cleanup_intent, cleanup, cleaned_at, control_totals, chunks)"
                        + " SELECT :source, :version, :size, 'loaded', sum(c.data_rows), sum(c.loaded),"
                        + " sum(c.charged_off), sum(c.purpose_other), sum(c.low_credit_score), sum(c.rejected),"
                        + " sum(c.skipped_lines), first.unknown_columns, first.credit_score_column, :stat,"
                        + " first.header, min(c.started_at), clock_timestamp(), :intent, :done,"
                        + " CASE WHEN CAST(:done AS text) IS NULL THEN NULL ELSE clock_timestamp() END,"
                        + " CAST(:controls AS jsonb), :chunks"
                        + " FROM " + schema + ".loaded_files c, " + schema + ".loaded_files first"
                        + " WHERE c.id = ANY(:ids) AND first.id = :first GROUP BY first.id"
                        + " ON CONFLICT (source, version) DO NOTHING")
                .bind("source", file.location())
                .bind("version", file.version())
                .bind("size", file.size())
                .bind("stat", file.stat())
                .bind("intent", then == null ? null : then.label())
                .bind("done", done)
                .bind("controls", CommitChecks.json(sums(handle, ids.values()).totals()))
                .bind("chunks", ids.size())
                .bindArray("ids", Long.class, new ArrayList<>(ids.values()))
                .bind("first", ids.get(chunks.get(0).location()))
                .execute();
    }

    /** The chunks' control sums added up ({@link ControlSums#plus}), read from their {@code chunk_sums}. */
    private ControlSums sums(Handle handle, Collection<Long> ids) {
        ControlSums sums = ControlSums.NONE;
        List<Object[]> parts = handle.createQuery("SELECT e.part, e.key, e.value FROM " + schema + ".loaded_files c,"
                        + " LATERAL (SELECT 'rows' AS part, r.key, r.value FROM jsonb_each_text(c.chunk_sums->'rows') r"
                        + " UNION ALL SELECT 'footers', f.key, f.value FROM jsonb_each_text(c.chunk_sums->'footers') f)"
                        + " AS e WHERE c.id = ANY(:ids)")
                .bindArray("ids", Long.class, new ArrayList<>(ids))
                .map((rs, ctx) -> new Object[] {rs.getString(1), Integer.valueOf(rs.getString(2)),
                        new BigDecimal(rs.getString(3))})
                .list();
        for (Object[] part : parts) {
            Map<Integer, BigDecimal> one = Map.of((Integer) part[1], (BigDecimal) part[2]);
            sums = sums.plus(part[0].equals("rows") ? new ControlSums(one, Map.of()) : new ControlSums(Map.of(), one));
        }
        return sums;
    }

    /** The file's committed row, as {@link PostgresLoadLedger#find} reads it, with its control totals. */
    private Optional<LoadLedger.Completed> completed(Handle handle, SourceFile file) {
        Optional<LedgerEntry> entry = handle.createQuery("SELECT " + PostgresLoadLedger.COLUMNS + " FROM " + schema
                        + ".loaded_files WHERE source = :source AND version = :version")
                .bind("source", file.location())
                .bind("version", file.version())
                .map(PostgresLoadLedger::entry)
                .findOne();
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        List<ControlTotal> totals = handle.createQuery("SELECT (t.e->>'policy_code')::int, t.e->>'footer',"
                        + " t.e->>'rows' FROM " + schema + ".loaded_files f,"
                        + " jsonb_array_elements(f.control_totals) WITH ORDINALITY AS t(e, n)"
                        + " WHERE f.source = :source AND f.version = :version ORDER BY t.n")
                .bind("source", file.location())
                .bind("version", file.version())
                .map((rs, ctx) -> new ControlTotal(rs.getInt(1), new BigDecimal(rs.getString(2)),
                        new BigDecimal(rs.getString(3))))
                .list();
        return Optional.of(new LoadLedger.Completed(entry.get(), totals));
    }
}
