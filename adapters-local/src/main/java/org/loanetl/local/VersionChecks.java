package org.loanetl.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.model.SourceVersions;

/**
 * Makes sure a plain file is loaded and cleaned up only as the version the ledger names. A load hashes the bytes as it
 * reads them (no second pass) and, before its commit, {@link #confirm} compares that hash with the listed version and
 * the file's size and modification time with those seen when it was listed and opened: a file still being copied in,
 * or edited meanwhile, does not commit. {@link #holds} tells whether the file at a location is still a given version
 * before it is archived or deleted: by its size and modification time when this source saw that very version, else by
 * its size and then its hash (a cleanup a crash interrupted, finished by a later run).
 */
final class VersionChecks {

    private record Stat(long size, FileTime modified) {

        static Stat of(Path path) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stat(attributes.size(), attributes.lastModifiedTime());
        }
    }

    /** Each version this source listed or loaded, by path, with the size and time it had then. */
    private final Map<Path, HashAhead.Hashed> seen = new ConcurrentHashMap<>();
    private final SourceVersions.OpenReads<Stat> reads = new SourceVersions.OpenReads<>();

    /** Remembers a listed file's version and the size and modification time it was hashed at. */
    void listed(Path path, HashAhead.Hashed hashed) {
        seen.put(path.toAbsolutePath().normalize(), hashed);
    }

    /** The file's raw bytes, hashed as they are read; {@link #confirm} then checks them. */
    InputStream open(SourceFile file, Path path) throws IOException {
        Stat opened = Stat.of(path);
        return reads.open(file.location(), Files.newInputStream(path), opened);
    }

    /**
     * Confirms that the bytes read since {@link #open} (and any left, read now) are exactly the listed version, and
     * that the file's size and modification time are still those it was listed and opened with.
     */
    void confirm(SourceFile file, Path path) throws IOException {
        SourceVersions.OpenReads.Read<Stat> read = reads.of(file.location());
        String loaded = read.bytes().rest();
        Stat now;
        try {
            now = Stat.of(path);
        } catch (NoSuchFileException e) {
            throw changed(path, "it was moved or deleted while being read");
        }
        HashAhead.Hashed listed = seen.get(path.toAbsolutePath().normalize());
        boolean same = loaded.equals(file.version()) && read.bytes().bytes() == now.size()
                && now.equals(read.opened()) && (file.size() < 0 || file.size() == now.size())
                && (listed == null || !listed.version().equals(file.version())
                    || new Stat(listed.size(), listed.modified()).equals(now));
        if (!same) {
            throw changed(path, file.size() == now.size() && read.bytes().bytes() == now.size()
                    ? "modified at " + now.modified()
                    : "listed at " + file.size() + " bytes, " + read.bytes().bytes() + " read, " + now.size() + " now");
        }
        seen.put(path.toAbsolutePath().normalize(), new HashAhead.Hashed(now.size(), now.modified(), loaded));
    }

    /** Whether the file at {@code path} is this version; false when it is gone or another file. */
    boolean holds(Path path, SourceFile file) throws IOException {
        Stat now;
        try {
            now = Stat.of(path);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (file.size() >= 0 && file.size() != now.size()) {
            return false;
        }
        HashAhead.Hashed known = seen.get(path.toAbsolutePath().normalize());
        if (known != null && known.version().equals(file.version()) && known.size() == now.size()
                && known.modified().equals(now.modified())) {
            return true;
        }
        return FileVersions.sha256(path).equals(file.version());
    }

    private static SourceChangedException changed(Path path, String how) {
        return SourceChangedException.whileRead(path.toString(), how);
    }
}
