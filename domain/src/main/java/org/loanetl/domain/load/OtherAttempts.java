package org.loanetl.domain.load;

import java.time.Duration;
import java.util.function.Supplier;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.FileStatus;

/**
 * How a second attempt of the same work (a Spark task retried, or a speculative copy of it) loads its files and
 * chunks. A file or chunk whose claim another attempt holds is waited for, not skipped, until that attempt has
 * committed it, or let its claim go (killed: then this attempt loads it), or {@code limit} has passed. Skipping at
 * once would be wrong: Spark takes the first attempt to finish and kills the other, so a copy that reported the file
 * skipped would have the attempt that was loading it killed and rolled back.
 * <p>
 * Once an attempt it waited for has committed, this one holds its own results back ({@link #holdBackSkips}) for up
 * to {@code grace}: the committing attempt's result, with the file's counts, is on its way, Spark takes it and kills
 * this attempt (its interrupt ends the wait). Returning at once would race that result, and a run that loaded the file
 * could report it skipped. Only when the committing attempt's result never comes (its executor lost after the commit)
 * does this one's "loaded already" count, once {@code grace} has passed. One instance per task attempt.
 */
public final class OtherAttempts {

    private static final long POLL_MILLIS = 250;

    private final LoadFile loadFile;
    private final Duration limit;
    private final Duration grace;
    private boolean otherCommitted;

    /**
     * @param loadFile loads for this attempt
     * @param limit    how long to wait for one file another attempt holds; then it is reported skipped
     * @param grace    how long {@link #holdBackSkips} waits once another attempt committed what this one waited for
     */
    public OtherAttempts(LoadFile loadFile, Duration limit, Duration grace) {
        this.loadFile = loadFile;
        this.limit = limit;
        this.grace = grace;
    }

    /**
     * A file's result, given what this attempt's first try gave ({@link LoadFile#load}, or a group's load): a file
     * another attempt holds is tried again until it is no longer held, as the class says; any other result as given.
     */
    public FileResult file(FileResult tried) {
        return LoadFile.heldElsewhere(tried) ? waitFor(tried, () -> loadFile.load(tried.file())) : tried;
    }

    /** {@link LoadFile#loadChunk}, waiting for a chunk another attempt holds as {@link #file} does for a file. */
    public FileResult chunk(FileChunk chunk) {
        FileResult tried = loadFile.loadChunk(chunk);
        return LoadFile.heldElsewhere(tried) ? waitFor(tried, () -> loadFile.loadChunk(chunk)) : tried;
    }

    /**
     * Call before the attempt returns its results: when another attempt committed something this one waited for,
     * waits up to {@code grace} (or until interrupted, as Spark does when it takes the other attempt's result).
     */
    public void holdBackSkips() {
        if (otherCommitted) {
            pause(grace.toMillis());
        }
    }

    private FileResult waitFor(FileResult tried, Supplier<FileResult> again) {
        long deadline = System.nanoTime() + limit.toNanos();
        FileResult result = tried;
        while (LoadFile.heldElsewhere(result) && System.nanoTime() < deadline) {
            if (!pause(POLL_MILLIS)) {
                return result; // this attempt is being killed: its result no longer counts
            }
            result = again.get();
        }
        if (result.status() == FileStatus.SKIPPED && !LoadFile.heldElsewhere(result)) {
            otherCommitted = true; // the attempt it waited for committed it
        }
        return result;
    }

    /** Sleeps; false, the interrupt kept, when interrupted. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
