package org.loanetl.domain.load;

import java.util.ArrayList;
import java.util.List;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.read.ChunkBoundaries.Cut;

/**
 * The chunks of a file as its plan finds them, for loads that start while the rest of the file is still being read to
 * cut it: chunk {@code i} is ready once the cut after it is found, or the plan has ended. Its chunks carry an upper
 * bound for their count (the plan's true count is known only at its end); their ledger files are the plan's. Thread-safe.
 */
final class ChunkFeed {

    private final SourceFile file;
    private final int countBound;
    private final List<Cut> cuts = new ArrayList<>();
    private boolean ended;

    /** @param countBound more than the most chunks the plan can find */
    ChunkFeed(SourceFile file, int countBound) {
        this.file = file;
        this.countBound = countBound;
    }

    /** A feed of a plan known whole (saved by an earlier load): every chunk ready at once. */
    static ChunkFeed of(SourceFile file, List<FileChunk> chunks) {
        ChunkFeed feed = new ChunkFeed(file, chunks.size());
        chunks.forEach(chunk -> feed.add(new Cut(chunk.start(), chunk.firstLine())));
        feed.end();
        return feed;
    }

    /** A cut the plan found, in file order. */
    synchronized void add(Cut cut) {
        cuts.add(cut);
        notifyAll();
    }

    /** The plan has ended, well or not: no further cut comes. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /**
     * Chunk {@code index}, once it is known, waiting for the plan until it is; {@code null} when there is no such chunk
     * (the plan ended before it, or found fewer than two chunks in all: the file then loads whole).
     */
    synchronized FileChunk await(int index) throws InterruptedException {
        while (!ended && cuts.size() <= index + 1) {
            wait();
        }
        if (index >= cuts.size() || cuts.size() < 2) {
            return null;
        }
        long end = index + 1 < cuts.size() ? cuts.get(index + 1).start() : file.size();
        return new FileChunk(file, index, countBound, cuts.get(index).start(), end, cuts.get(index).firstLine(),
                cuts.get(1).start());
    }
}
