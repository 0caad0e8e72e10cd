package org.loanetl.domain.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.SourceFile;

/**
 * Makes sure a file versioned by a hash of its bytes (a local file, read directly or through Hadoop) is committed and
 * cleaned up only as the version the ledger names. A load hashes the bytes as it reads them (no second pass) and,
 * before its commit, {@link #confirm} compares that hash with the listed version, and the file's size and modification
 * time with those it was opened with (and listed with, when this object listed that very version): a file still being
 * copied in, or edited meanwhile, does not commit. {@link #holds} tells whether the file at a location is still a given
 * version before it is archived or deleted: by its size and time when this object saw that very version, else by its
 * size and then its hash (a cleanup a crash interrupted, finished by a later run). The sources do only the I/O.
 * Thread-safe; lives where it is used, never shipped.
 */
public final class ContentChecks {

    /** A file's size and modification time, as its file system gives them. */
    public record Stat(long size, FileTime modified) {
    }

    /** The file's stat now, or empty when it is gone. */
    public interface Now {

        Optional<Stat> get() throws IOException;
    }

    /** The file's content hash now ({@link SourceVersions#contentHash}). */
    public interface Hash {

        String get() throws IOException;
    }

    private record Seen(Stat stat, String version) {
    }

    /** Each version this object listed or loaded, by location, with the stat it had then. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final SourceVersions.OpenReads<Stat> reads = new SourceVersions.OpenReads<>();

    /** Remembers a listed file's version, with its stat as it was just before it was hashed. */
    public void listed(String location, Stat stat, String version) {
        seen.put(location, new Seen(stat, version));
    }

    /** The file's raw bytes, hashed as they are read, until the stream is closed; {@link #confirm} then checks them. */
    public InputStream open(SourceFile file, InputStream raw, Stat opened) {
        return reads.open(file.location(), raw, opened);
    }

    /**
     * Confirms that the bytes read since {@link #open} (and any left, read now) are exactly the listed version, and
     * that the file's size and modification time are still those it was opened (and listed) with.
     *
     * @param where the file as messages name it
     * @throws SourceChangedException when they are not, or the file is gone
     */
    public void confirm(SourceFile file, String where, Now stat) throws IOException {
        SourceVersions.OpenReads.Read<Stat> read = reads.of(file.location());
        String loaded = read.bytes().rest();
        Optional<Stat> found = stat.get();
        if (found.isEmpty()) {
            throw SourceChangedException.whileRead(where, "it was moved or deleted while being read");
        }
        Stat now = found.get();
        long bytesRead = read.bytes().bytes();
        Seen listed = seen.get(file.location());
        boolean same = loaded.equals(file.version()) && bytesRead == now.size() && now.equals(read.opened())
                && (file.size() < 0 || file.size() == now.size())
                && (listed == null || !listed.version().equals(file.version()) || listed.stat().equals(now));
        if (!same) {
            throw SourceChangedException.whileRead(where, file.size() == now.size() && bytesRead == now.size()
                    ? "modified at " + now.modified()
                    : "listed at " + file.size() + " bytes, " + bytesRead + " read, " + now.size() + " now");
        }
        seen.put(file.location(), new Seen(now, loaded));
    }

    /** Whether the file, whose stat is {@code now}, is this version; false when another file took its name. */
    public boolean holds(SourceFile file, Stat now, Hash hash) throws IOException {
        if (file.size() >= 0 && file.size() != now.size()) {
            return false;
        }
        Seen known = seen.get(file.location());
        if (known != null && known.version().equals(file.version()) && known.stat().equals(now)) {
            return true;
        }
        return hash.get().equals(file.version());
    }
}
