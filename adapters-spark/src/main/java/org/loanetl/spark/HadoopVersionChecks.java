package org.loanetl.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.model.SourceVersions;

/**
 * For files versioned by a hash of their bytes (local files): a load hashes the bytes as it reads them, and {@link
 * #confirm} checks before its commit that they are the listed version and that the file's length and modification
 * time have not changed since it was opened; {@link #holds} tells, before a cleanup, whether the file at a location
 * is still a given version (by length and time when this JVM listed that very version, else by length and hash).
 * Lives on each JVM that uses it (driver or executor), never shipped.
 */
final class HadoopVersionChecks {

    /** A version and the length and modification time the file had when it was listed or loaded. */
    private record Seen(long length, long modified, String version) {
    }

    /** The file's length and modification time when a read opened it. */
    private record Opened(long length, long modified) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final SourceVersions.OpenReads<Opened> reads = new SourceVersions.OpenReads<>();

    /** Remembers a listed file's version, with the status taken before it was hashed. */
    void listed(String location, FileStatus status, String version) {
        seen.put(location, new Seen(status.getLen(), status.getModificationTime(), version));
    }

    /** The file's bytes, hashed as they are read. */
    InputStream open(SourceFile file, FileSystem fs, Path path) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        Opened opened = new Opened(status.getLen(), status.getModificationTime());
        return reads.open(file.location(), fs.open(path, 1 << 16), opened);
    }

    /** Throws {@link SourceChangedException} unless the bytes read are the listed version of an unchanged file. */
    void confirm(SourceFile file, FileSystem fs, Path path, String display) throws IOException {
        SourceVersions.OpenReads.Read<Opened> read = reads.of(file.location());
        String loaded = read.bytes().rest();
        FileStatus now;
        try {
            now = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw changed(display, "it was moved or deleted while being read");
        }
        long bytesRead = read.bytes().bytes();
        Opened opened = read.opened();
        boolean sameTime = now.getModificationTime() == opened.modified();
        boolean same = loaded.equals(file.version()) && bytesRead == now.getLen() && now.getLen() == opened.length()
                && sameTime && (file.size() < 0 || file.size() == now.getLen());
        if (!same) {
            throw changed(display, "listed at " + file.size() + " bytes, " + bytesRead + " read, " + now.getLen()
                    + " now" + (sameTime ? "" : ", modified meanwhile"));
        }
        seen.put(file.location(), new Seen(now.getLen(), now.getModificationTime(), loaded));
    }

    /** Whether the file is this version: false when another file took its name. */
    boolean holds(SourceFile file, FileSystem fs, FileStatus status) throws IOException {
        if (file.size() >= 0 && file.size() != status.getLen()) {
            return false;
        }
        Seen known = seen.get(file.location());
        if (known != null && known.version().equals(file.version()) && known.length() == status.getLen()
                && known.modified() == status.getModificationTime()) {
            return true;
        }
        try (InputStream in = fs.open(status.getPath(), 1 << 16)) {
            return SourceVersions.contentHash(in).equals(file.version());
        }
    }

    private static SourceChangedException changed(String display, String how) {
        return SourceChangedException.whileRead(display, how);
    }
}
