package org.loanetl.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.SourceFile;

/**
 * The files of a Spark run that load in chunks: planned on the driver ({@link LoadFile#planChunks}), each chunk then
 * a task of its own so that a large file spreads over the executors' cores, and each file recorded once its chunks'
 * results are back ({@link LoadFile#completeChunks}), one result per file. Holds the chunks and, while they are
 * gathered, their results: a few values per chunk, never rows. Driver-side only.
 */
final class ChunkedFiles {

    /** Each file's chunks, in file order, the files in the order they were planned. */
    private final Map<SourceFile, List<FileChunk>> chunks = new LinkedHashMap<>();
    /** Each chunk by the ledger file its result names. */
    private final Map<SourceFile, FileChunk> byResult = new HashMap<>();

    private ChunkedFiles() {
    }

    /**
     * Plans the chunks of each file; a file that loads whole ({@link LoadFile#planChunks} gives no chunks: small, a
     * gzip or zip member, a ledger that records no chunks) is left out, to load as a file.
     */
    static ChunkedFiles plan(LoadFile driver, List<SourceFile> files) {
        ChunkedFiles planned = new ChunkedFiles();
        for (SourceFile file : files) {
            List<FileChunk> cut;
            try {
                cut = driver.planChunks(file);
            } catch (RuntimeException e) {
                cut = List.of(); // the ledger cannot say now: the file's own load waits for it, or says why it cannot
            }
            if (!cut.isEmpty()) {
                planned.chunks.put(file, cut);
                cut.forEach(chunk -> planned.byResult.put(chunk.ledgerFile(), chunk));
            }
        }
        return planned;
    }

    /** Whether the file loads in chunks. */
    boolean has(SourceFile file) {
        return chunks.containsKey(file);
    }

    /** The files that load in chunks. */
    Set<SourceFile> files() {
        return chunks.keySet();
    }

    /** How many chunks the file loads in; 0 for a file loaded whole. */
    int count(SourceFile file) {
        return chunks.getOrDefault(file, List.of()).size();
    }

    /** Every chunk, file after file, each file's in order. */
    List<FileChunk> all() {
        return chunks.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The tasks' results as the driver reports them: a whole file's as it is, and for each file loaded in chunks one
     * result, from its chunks' results in chunk order ({@link LoadFile#completeChunks}, which records the file once
     * every chunk is committed). A chunk whose result is missing counts as not loaded.
     */
    List<FileResult> gather(List<FileResult> results, LoadFile driver) {
        Map<SourceFile, FileResult[]> byFile = new HashMap<>();
        List<FileResult> gathered = new ArrayList<>(results.size());
        for (FileResult result : results) {
            FileChunk chunk = byResult.get(result.file());
            if (chunk == null) {
                gathered.add(result);
            } else {
                byFile.computeIfAbsent(chunk.file(), f -> new FileResult[chunk.count()])[chunk.index()] = result;
            }
        }
        chunks.forEach((file, cut) -> {
            List<FileResult> inOrder = new ArrayList<>(cut.size());
            for (FileResult result : byFile.getOrDefault(file, new FileResult[0])) {
                if (result != null) {
                    inOrder.add(result);
                }
            }
            gathered.add(driver.completeChunks(file, cut, inOrder));
        });
        return gathered;
    }
}
