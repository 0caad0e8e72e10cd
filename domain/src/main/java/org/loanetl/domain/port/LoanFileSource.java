package org.loanetl.domain.port;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;

/** Where loans files come from: a local folder, an S3 prefix. */
public interface LoanFileSource {

    /**
     * Lists the loans files, lazily, so a source of any size can be walked. Entries that are not loans files are passed
     * to {@code ignored} (with why) and left alone. The caller closes the stream. A place that cannot be listed (a
     * folder that cannot be read) ends the stream with a {@link org.loanetl.domain.SourceException} naming it, thrown
     * where the stream is consumed; engines report it as the run's {@link org.loanetl.domain.load.LoadReport#failure}.
     */
    Stream<SourceFile> files(Consumer<String> ignored);

    /**
     * Opens a listed file as a stream of its bytes, decompressed where the file is compressed.
     *
     * @throws IOException when it cannot be read; nothing has changed at the source
     */
    InputStream open(SourceFile file) throws IOException;

    /**
     * Confirms, before a load commits, that the bytes the stream from {@link #open} served were exactly this file's
     * version and that the file has not changed since it was listed (a copy or an upload still running, an edit in
     * place). Before: that stream was read to its end and is not yet closed. After: nothing at the source has changed.
     * The default checks nothing, for sources whose reads are pinned to the listed version (S3's {@code If-Match}).
     *
     * @throws org.loanetl.domain.SourceChangedException when it changed: the load must not commit
     * @throws IOException when the check could not be made; the load must not commit
     */
    default void confirmUnchanged(SourceFile file) throws IOException {
    }

    /**
     * Whether this file can be read in byte ranges ({@link #openRange}), so that a large one may load in chunks: a
     * plain file, not compressed, not a member of an archive. The default: no.
     */
    default boolean readsRanges(SourceFile file) {
        return false;
    }

    /**
     * Opens bytes {@code start} (inclusive) to {@code end} (exclusive) of a file that {@link #readsRanges}, as they
     * are stored, pinned to the listed version where the store can (S3's {@code If-Match}).
     *
     * @throws IOException when they cannot be read; nothing has changed at the source
     */
    default InputStream openRange(SourceFile file, long start, long end) throws IOException {
        throw new IOException(file.name() + ": cannot be read in byte ranges");
    }

    /**
     * Confirms, before a chunk of a file commits, that the file is still the version whose bytes were confirmed whole
     * ({@link #confirmUnchanged}) when its chunks were planned: its size and modification time unchanged, say. The
     * default checks nothing, for sources whose reads are pinned to the listed version.
     *
     * @throws org.loanetl.domain.SourceChangedException when it changed: the chunk must not commit
     * @throws IOException when the check could not be made; the chunk must not commit
     */
    default void confirmRangeUnchanged(SourceFile file) throws IOException {
    }

    /**
     * Keeps, archives or deletes a file whose load has committed, touching it only if it is still this very version.
     * Idempotent: a file already archived or deleted (a rerun after a crash between commit and cleanup) is not an
     * error, and neither is another version at its location (a new file dropped under the same name): this version
     * is gone, so its cleanup is done, and the other file is left alone for a run to load.
     *
     * @throws IOException when the action failed; the load stays committed and the next run retries the action
     */
    void finish(SourceFile file, AfterLoad after) throws IOException;

    /**
     * Whether a file an earlier run listed belongs to this source (lies under its folders or prefix), so that a
     * cleanup a crash interrupted can be finished here although the file is no longer listed. The default, for
     * sources that cannot tell, is {@code false}: such cleanups are then left to a run of a source that can.
     */
    default boolean owns(SourceFile file) {
        return false;
    }

    /**
     * Whether opening this file waits long enough (a request to a remote store) that a load should open it ahead of
     * its turn, while earlier files load. The default, for local files whose open costs nothing: no.
     */
    default boolean slowToOpen(SourceFile file) {
        return false;
    }
}
