package org.loanetl.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.loanetl.domain.source.ContentChecks;
import org.loanetl.domain.source.LoanFiles;
import org.loanetl.domain.source.SourceVersions;
import org.loanetl.domain.source.ZipDirectory;
import org.loanetl.spark.HadoopLoanFileSource.S3Scheme;

/**
 * How the Hadoop source reaches its files: the Hadoop path and file system of a location, and what a file system says
 * of a file in the terms every source uses (its version, its size and time). Serializable, shipped with the source to
 * executors: it holds the Hadoop settings (which may include S3 keys, inside Spark's tasks, never on a command line),
 * and makes its {@link Configuration} on each JVM.
 */
final class HadoopFiles implements Serializable {

    private static final long serialVersionUID = 1L;
    /**
     * The configurations made on this JVM, by their settings, never changed once made: a {@link Configuration} parses
     * Hadoop's default XML resources when first read, tens of milliseconds, and every task gets a copy of the source of
     * its own (on a driver and executors in one JVM, ten thousand small files in twenty tasks parsed them twenty
     * times and more).
     */
    private static final Map<Map<String, String>, Configuration> CONFIGURATIONS = new ConcurrentHashMap<>();

    private final Map<String, String> hadoopSettings;
    private final S3Scheme s3Scheme;
    private transient volatile Configuration conf;
    /** Whether {@code s3://} is read through S3A, once worked out (a configuration lookup per file otherwise). */
    private transient volatile Boolean s3a;

    HadoopFiles(Map<String, String> hadoopSettings, S3Scheme s3Scheme) {
        this.hadoopSettings = Map.copyOf(hadoopSettings);
        this.s3Scheme = Objects.requireNonNull(s3Scheme, "s3Scheme");
    }

    /** The Hadoop path of a location without a zip member. */
    Path path(String location) {
        return HadoopLocations.path(location, readS3ThroughS3a());
    }

    /** The file system of a path; the raw one for local files (no {@code .crc} side files, as the local source). */
    FileSystem fs(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(conf());
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    /** The file's version as every source writes it: an S3 object's ETag version, else the hash of its bytes. */
    static String version(FileSystem fs, FileStatus status, String location) throws IOException {
        if (location.startsWith("s3:")) {
            return etagVersion(status, location);
        }
        try (InputStream in = fs.open(status.getPath(), LoanFiles.readBuffer(status.getLen()))) {
            return SourceVersions.contentHash(in);
        }
    }

    /** {@code s3-etag:<etag>:<size>}, as the S3 source writes it. */
    static String etagVersion(FileStatus status, String location) throws IOException {
        String etag = status instanceof EtagSource source ? source.getEtag() : null;
        if (etag == null || etag.isBlank()) {
            throw new IOException(location + ": the file system (" + status.getPath().toUri().getScheme()
                    + "://) gives no ETag, which the ledger needs as the version; read s3:// through S3A"
                    + " (engine.s3-scheme: s3a)");
        }
        return SourceVersions.s3Object(etag, status.getLen());
    }

    /**
     * Fails when an object versioned by its ETag ({@code s3-etag:}) has another one now: it was rewritten since it was
     * listed, and must not be read as that version. Other versions are not checked here.
     */
    static void ensureUnchanged(FileSystem fs, Path path, String object, String version) throws IOException {
        if (version != null && version.startsWith(SourceVersions.S3_ETAG)
                && !version.equals(etagVersion(fs.getFileStatus(path), object))) {
            throw new IOException(object + ": rewritten since it was listed"
                    + "; left in place (the next run loads the new version)");
        }
    }

    /** A file's length and modification time, for {@link ContentChecks}. */
    static ContentChecks.Stat stat(FileStatus status) {
        return new ContentChecks.Stat(status.getLen(), FileTime.fromMillis(status.getModificationTime()));
    }

    /** A location for messages: a local file's plain path, as the local source prints it; an S3 URI as it is. */
    static String display(String location) {
        return location.startsWith("file:") ? location.substring(5) : location;
    }

    /** Positioned reads of a Hadoop stream, for {@link ZipDirectory}. */
    static ZipDirectory.Ranges positioned(FSDataInputStream in) {
        return (offset, length) -> {
            byte[] bytes = new byte[length];
            in.readFully(offset, bytes, 0, length);
            return bytes;
        };
    }

    private boolean readS3ThroughS3a() {
        if (s3Scheme != S3Scheme.AUTO) {
            return s3Scheme == S3Scheme.S3A;
        }
        Boolean known = s3a;
        if (known == null) {
            String impl = conf().get("fs.s3.impl");
            known = impl == null || impl.endsWith("S3AFileSystem");
            s3a = known;
        }
        return known;
    }

    /** The Hadoop configuration of these settings, made once per JVM and shared by every copy of them. */
    Configuration conf() {
        Configuration known = conf;
        if (known == null) {
            known = CONFIGURATIONS.computeIfAbsent(hadoopSettings, settings -> {
                Configuration fresh = new Configuration();
                settings.forEach(fresh::set);
                return fresh;
            });
            conf = known;
        }
        return known;
    }
}
