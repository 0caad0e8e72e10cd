package org.loanetl.domain.load;

import org.loanetl.domain.model.SourceFile;

/** Hears how a load goes, for progress bars and logs. Called from the threads that load; must be thread-safe. */
public interface LoadListener {

    /** Hears nothing. */
    LoadListener NONE = new LoadListener() {
    };

    /** A file's load starts. */
    default void started(SourceFile file) {
    }

    /** More of a file has been read: {@code bytes} since the last call. */
    default void read(SourceFile file, long bytes) {
    }

    /** A file's load ended, however it ended. */
    default void finished(FileResult result) {
    }
}
