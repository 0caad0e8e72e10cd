package org.loanetl.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.SourceFile;

/**
 * How files loaded in chunks were cut ({@code chunk_plans}, V7): saved before a file's first chunk loads, so that a
 * rerun takes the same chunks without reading the file again. The first plan saved for a version stands.
 */
final class ChunkPlans {

    private ChunkPlans() {
    }

    /** The saved plan of this version, as chunks of {@code file}; empty when none is saved. */
    static Optional<List<FileChunk>> find(Handle handle, String schema, SourceFile file) {
        return handle.createQuery("SELECT starts, lines FROM " + schema + ".chunk_plans"
                        + " WHERE source = :source AND version = :version AND size = :size")
                .bind("source", file.location())
                .bind("version", file.version())
                .bind("size", file.size())
                .map((rs, ctx) -> chunks(file, (Long[]) rs.getArray(1).getArray(), (Long[]) rs.getArray(2).getArray()))
                .findOne();
    }

    /** Saves the plan unless one is saved; the plan that stands. */
    static List<FileChunk> save(Handle handle, String schema, SourceFile file, List<FileChunk> chunks) {
        Long[] starts = chunks.stream().map(FileChunk::start).toArray(Long[]::new);
        Long[] lines = chunks.stream().map(FileChunk::firstLine).toArray(Long[]::new);
        long chunkSize = chunks.size() > 1 ? chunks.get(1).start() : file.size();
        handle.createUpdate("INSERT INTO " + schema + ".chunk_plans (source, version, size, chunk_size, starts, lines,"
                        + " source_stat) VALUES (:source, :version, :size, :chunkSize, :starts, :lines, :stat)"
                        + " ON CONFLICT (source, version) DO NOTHING")
                .bind("source", file.location())
                .bind("version", file.version())
                .bind("size", file.size())
                .bind("chunkSize", chunkSize)
                .bindArray("starts", Long.class, (Object[]) starts)
                .bindArray("lines", Long.class, (Object[]) lines)
                .bind("stat", file.stat())
                .execute();
        return find(handle, schema, file).orElse(chunks);
    }

    private static List<FileChunk> chunks(SourceFile file, Long[] starts, Long[] lines) {
        List<FileChunk> chunks = new ArrayList<>(starts.length);
        long headerEnd = starts.length > 1 ? starts[1] : file.size();
        for (int i = 0; i < starts.length; i++) {
            long end = i + 1 < starts.length ? starts[i + 1] : file.size();
            chunks.add(new FileChunk(file, i, starts.length, starts[i], end, lines[i], headerEnd));
        }
        return chunks;
    }
}
