package org.loanetl.domain.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * One byte range of a file loaded in chunks: it begins at the first record that starts in its range and ends where the
 * next chunk begins ({@link org.loanetl.domain.read.ChunkBoundaries#cut}). Each chunk commits on its own, with a
 * ledger entry of its own ({@link #ledgerFile}); the file counts as loaded once all of its chunks are.
 *
 * @param file      the whole file, as listed
 * @param index     the chunk's place in the file, from 0
 * @param count     how many chunks the file has
 * @param start     the chunk's first byte
 * @param end       the byte after its last
 * @param firstLine the file's line its first record starts on (so rows and rejects keep the file's line numbers)
 * @param headerEnd where the first chunk ends: the header lies before it, and every chunk reads its layout there
 */
public record FileChunk(SourceFile file, int index, int count, long start, long end, long firstLine, long headerEnd)
        implements Serializable {

    /** How a chunk's ledger location names its range: {@code file:/data/big.csv#bytes=0-134217728}. */
    public static final String RANGE = "#bytes=";

    public FileChunk {
        Objects.requireNonNull(file, "file");
        if (index < 0 || index >= count || start < 0 || end <= start || firstLine < 1 || headerEnd <= 0) {
            throw new IllegalArgumentException("not a chunk: " + index + " of " + count + ", bytes " + start + "-"
                    + end + ", line " + firstLine + ", header before " + headerEnd);
        }
    }

    /**
     * The chunk as the ledger and the sink know it: the file's location with its byte range, the file's version, the
     * range's size. Its claim and entry are the chunk's own, so two runners never load one chunk twice, and a rerun
     * loads the chunks not yet committed.
     */
    public SourceFile ledgerFile() {
        return new SourceFile(file.location() + RANGE + start + "-" + end, file.version(), end - start);
    }

    /**
     * The byte range {@code {start, end}} of a chunk of {@code file} from its ledger file ({@link #ledgerFile}), or
     * {@code null} when it is not one of that file's chunks.
     */
    public static long[] rangeOf(SourceFile chunk, SourceFile file) {
        String prefix = file.location() + RANGE;
        if (!chunk.location().startsWith(prefix) || !chunk.version().equals(file.version())) {
            return null;
        }
        String[] bounds = chunk.location().substring(prefix.length()).split("-");
        try {
            long start = Long.parseLong(bounds[0]);
            long end = bounds.length == 2 ? Long.parseLong(bounds[1]) : -1;
            return start >= 0 && end > start ? new long[] {start, end} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code 2016Q2.csv, chunk 3 of 16}, for messages. */
    public String name() {
        return file.name() + ", chunk " + (index + 1) + " of " + count;
    }
}
