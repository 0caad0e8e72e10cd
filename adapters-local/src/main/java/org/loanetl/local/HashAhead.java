package org.loanetl.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Hashes the first files a listing will name on a thread of its own, before the listing asks, so that the SHA-256 of
 * a large first file (about a second per GB) is done while the process starts and opens the database rather than
 * after. A hash is used once, by the next listing of its file, and only if the file's size and modification time are
 * still those it was hashed at; otherwise, and for every other file, the listing hashes the file itself, as without
 * this class. The window in which an edit could go unseen is the one there already is between hashing a file and
 * reading it.
 */
final class HashAhead {

    /** The first two files: enough to cover start-up; later files are hashed while earlier ones load anyway. */
    static final int FILES = 2;

    /** A file's version, with its size and modification time as they were just before it was hashed. */
    record Hashed(long size, FileTime modified, String version) {
    }

    private final ConcurrentHashMap<Path, CompletableFuture<Hashed>> ahead = new ConcurrentHashMap<>();

    /** Starts hashing up to {@link #FILES} of these paths, in their order, on a daemon thread. */
    void start(Supplier<Stream<Path>> paths) {
        Thread thread = new Thread(() -> hash(paths), "loan-etl-hash-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    private void hash(Supplier<Stream<Path>> paths) {
        try (Stream<Path> listed = paths.get()) {
            Iterator<Path> it = listed.limit(FILES).iterator();
            while (it.hasNext()) {
                Path path = it.next();
                CompletableFuture<Hashed> future = new CompletableFuture<>();
                ahead.put(path, future);
                try {
                    future.complete(hashed(path));
                } catch (IOException | RuntimeException | Error e) {
                    // an Error too: a future left incomplete would make the listing wait for it forever
                    future.completeExceptionally(e);
                }
            }
        } catch (RuntimeException e) {
            // listing failed here; the real listing meets the same trouble and says so
        }
    }

    /** The file's version: hashed ahead if that hash is still good, else hashed now. */
    Hashed version(Path path) throws IOException {
        CompletableFuture<Hashed> future = ahead.remove(path);
        if (future != null) {
            try {
                Hashed hashed = future.get();
                if (hashed.size() == Files.size(path) && hashed.modified().equals(Files.getLastModifiedTime(path))) {
                    return hashed;
                }
            } catch (ExecutionException e) {
                // hashing ahead failed: hash now, and let that failure speak if it recurs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + path + " to be hashed", e);
            }
        }
        return hashed(path);
    }

    /** Whether a hash made ahead waits for this file (for tests). */
    boolean holds(Path path) {
        return ahead.containsKey(path);
    }

    static Hashed hashed(Path path) throws IOException {
        long size = Files.size(path);
        FileTime modified = Files.getLastModifiedTime(path);
        return new Hashed(size, modified, FileVersions.sha256(path));
    }
}
