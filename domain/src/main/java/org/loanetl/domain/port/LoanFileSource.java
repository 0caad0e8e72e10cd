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
     * to {@code ignored} (with why) and left alone. The caller closes the stream.
     */
    Stream<SourceFile> files(Consumer<String> ignored);

    /**
     * Opens a listed file as a stream of its bytes, decompressed where the file is compressed.
     *
     * @throws IOException when it cannot be read; nothing has changed at the source
     */
    InputStream open(SourceFile file) throws IOException;

    /**
     * Keeps, archives or deletes a file whose load has committed. Idempotent: a file already archived or deleted (a
     * rerun after a crash between commit and cleanup) is not an error.
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
}
