package org.loanetl.domain.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;

/**
 * Opens the next few files of a group while the current one loads, so that a source whose open waits (an S3 GET, a
 * network file system) overlaps the loading instead of adding to it, file after file. A file is opened at most
 * {@value #FILES} files ahead of its turn; what its open threw is thrown when its turn comes, as if it were opened
 * then; a file opened ahead and never loaded (the group stopped) is closed. One group, one thread: not thread-safe.
 */
final class OpenAhead implements AutoCloseable {

    /** How many files ahead are opened. */
    static final int FILES = 4;

    private static final ExecutorService OPENING = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loan-etl-open");
        thread.setDaemon(true);
        return thread;
    });

    private final LoanFileSource source;
    private final Map<SourceFile, CompletableFuture<InputStream>> opening = new HashMap<>();

    OpenAhead(LoanFileSource source) {
        this.source = source;
    }

    /** Starts opening the files from {@code next} on that are to be loaded, up to {@value #FILES} of them. */
    void from(List<SourceFile> files, int next, Predicate<SourceFile> toLoad) {
        for (int i = next; i < files.size() && i < next + FILES; i++) {
            SourceFile file = files.get(i);
            if (toLoad.test(file) && !opening.containsKey(file)) {
                opening.put(file, CompletableFuture.supplyAsync(() -> {
                    try {
                        return source.open(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, OPENING));
            }
        }
    }

    /** The file's bytes: opened ahead, or opened now. */
    InputStream open(SourceFile file) throws IOException {
        CompletableFuture<InputStream> ahead = opening.remove(file);
        if (ahead == null) {
            return source.open(file);
        }
        try {
            return ahead.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** Closes what was opened ahead and not taken, once it is open. Never throws. */
    @Override
    public void close() {
        for (CompletableFuture<InputStream> ahead : opening.values()) {
            ahead.thenAccept(OpenAhead::closeQuietly);
        }
        opening.clear();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // it was never read; nothing of it matters
        }
    }
}
