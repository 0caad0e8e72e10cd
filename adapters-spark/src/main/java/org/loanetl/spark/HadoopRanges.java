package org.loanetl.spark;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.source.ContentChecks;
import org.loanetl.domain.source.LoanFiles;
import org.loanetl.domain.source.MemberLocation;
import org.loanetl.domain.source.SourceVersions;

/**
 * Byte ranges of the Hadoop source's plain files, for files loaded in chunks: which files can be read so, a range
 * opened with a seek, and the cheap check before each chunk commits. A chunk's bytes are not hashed (its file was
 * hashed whole when its chunks were planned), so a local file is checked by its size and modification time: its size
 * must still be the listed one, and its size and time those of the first range opened of this version. That first
 * range is the header read when the chunks are planned on the driver, and the stat it saw travels with the source to
 * the executors (this object is shipped, after planning, inside the tasks); a source made elsewhere compares with the
 * first range it opened itself. An S3 object is checked by its ETag, one request, as {@code open} checks it.
 *
 * <p>Serializable, with the source; thread-safe. Holds one stat per file version whose ranges it opened.
 */
final class HadoopRanges implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The size and time of each local file version when its first range was opened, by location and version. */
    private final Map<String, Stat> firstSeen = new ConcurrentHashMap<>();

    /** A file's length and modification time, in a form that travels (unlike {@link ContentChecks.Stat}). */
    private record Stat(long size, long modifiedMillis) implements Serializable {

        static Stat of(FileStatus status) {
            return new Stat(status.getLen(), status.getModificationTime());
        }

        /** The time as {@link ContentChecks} messages print it. */
        String modified() {
            return FileTime.fromMillis(modifiedMillis).toString();
        }
    }

    /** A plain file, read as it is stored: not a zip member, not a zip, not gzipped (as {@code open} unpacks). */
    static boolean readable(SourceFile file) {
        MemberLocation location = MemberLocation.parse(file.location());
        String object = location.object();
        return !location.isMember() && !LoanFiles.isZip(object) && !object.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * Bytes {@code start} to {@code end} of a plain file at {@code object}: an S3 object once its ETag is checked, as
     * {@code open} checks it; a local file remembering its stat the first time a range of this version is opened.
     */
    InputStream open(FileSystem fs, Path path, SourceFile file, String object, long start, long end)
            throws IOException {
        if (HadoopLocations.isS3(object)) {
            HadoopFiles.ensureUnchanged(fs, path, object, file.version());
        } else {
            firstSeen.putIfAbsent(key(file), Stat.of(fs.getFileStatus(path)));
        }
        return bounded(fs, path, start, end);
    }

    /** Bytes {@code start} to {@code end} of a file, as stored: a seek, then a stream that ends after the range. */
    static InputStream bounded(FileSystem fs, Path path, long start, long end) throws IOException {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a byte range: " + start + "-" + end);
        }
        FSDataInputStream in = fs.open(path, 1 << 16);
        try {
            in.seek(start);
            return new BufferedInputStream(new Range(in, end - start), 1 << 16);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Confirms that the plain file at {@code object} is still the version whose ranges were read: an S3 object by its
     * ETag; a local file by its listed size, and the size and time of the first range opened.
     *
     * @throws SourceChangedException when it is not, or is gone
     */
    void confirm(FileSystem fs, Path path, SourceFile file, String object) throws IOException {
        if (HadoopLocations.isS3(object)) {
            confirmEtag(fs, path, object, file.version());
            return;
        }
        String where = HadoopFiles.display(object);
        Stat now;
        try {
            now = Stat.of(fs.getFileStatus(path));
        } catch (FileNotFoundException e) {
            throw SourceChangedException.whileRead(where, "it was moved or deleted while being read");
        }
        if (file.size() >= 0 && file.size() != now.size()) {
            throw SourceChangedException.whileRead(where, "listed at " + file.size() + " bytes, " + now.size()
                    + " now");
        }
        Stat seen = firstSeen.putIfAbsent(key(file), now);
        if (seen != null && !seen.equals(now)) {
            throw SourceChangedException.whileRead(where, seen.size() == now.size()
                    ? "modified at " + now.modified()
                    : "read at " + seen.size() + " bytes, " + now.size() + " now");
        }
    }

    /** An S3 object versioned by its ETag still has it: rewritten or gone, it changed (not a failed read). */
    private static void confirmEtag(FileSystem fs, Path path, String object, String version) throws IOException {
        if (version == null || !version.startsWith(SourceVersions.S3_ETAG)) {
            return;
        }
        FileStatus now;
        try {
            now = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw SourceChangedException.whileRead(object, "it was moved or deleted while being read");
        }
        if (!version.equals(HadoopFiles.etagVersion(now, object))) {
            throw SourceChangedException.whileRead(object, "rewritten since it was listed");
        }
    }

    private static String key(SourceFile file) {
        return file.location() + " " + file.version();
    }

    /** A stream that ends after {@code remaining} bytes of the one it wraps, and closes it. */
    private static final class Range extends FilterInputStream {

        private long remaining;

        Range(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return length == 0 ? 0 : -1;
            }
            int n = in.read(bytes, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int limit) {
            // not supported: the count of bytes left would have to be restored with the position
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }
}
