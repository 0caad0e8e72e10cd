package org.loanetl.spark;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.source.ArchiveNames;
import org.loanetl.domain.source.ContentChecks;
import org.loanetl.domain.source.LoanFiles;
import org.loanetl.domain.source.MemberLocation;
import org.loanetl.domain.source.PendingZips;
import org.loanetl.domain.source.SourceVersions;
import org.loanetl.domain.source.ZipDirectory;

/**
 * Loans files read through Hadoop's FileSystem, so Spark executors can open them wherever they run: local files
 * ({@code file:}), any S3-compatible store through S3A ({@code s3a://}) and {@code s3://}, read through S3A or, on EMR,
 * through EMRFS ({@link S3Scheme}). Every {@code .csv}, {@code .csv.gz} and {@code .zip} (each CSV member) under the
 * given folders or prefixes is listed, in location order ({@link HadoopListing}).
 *
 * <p>Locations and versions are exactly those of the in-process sources, so one ledger serves both engines and a
 * file loaded by one is skipped by the other: {@code file:/abs/path.csv} with {@code sha256:<hex>} of the bytes;
 * {@code s3://bucket/key} (also when read as {@code s3a://}) with {@code s3-etag:<etag>:<size>}; zip members
 * {@code <zip>!/member.csv} with {@code zip-crc32:<hex>:<size>} from the zip's directory. A zip whose directory cannot
 * be read is listed as itself and refused when opened, as by every source.
 *
 * <p>Archiving and deleting ({@link HadoopArchiving}) touch a file only while it is still the version loaded, and
 * never rename over another file. A local file is committed only if the bytes loaded hash to its listed version and it
 * did not change while read ({@link ContentChecks}, shared with the local source).
 *
 * <p>A plain {@code .csv} is read in byte ranges for a load in chunks ({@link #openRange}, {@link HadoopRanges}).
 *
 * <p>Serializable, so Spark ships it to executors, which only open and confirm files, whole or in ranges;
 * {@link #files} and {@link #finish} run on the driver (a zip's members are tracked there). It holds Hadoop settings
 * ({@link HadoopFiles}), which may include S3 keys: they travel inside Spark's tasks, never on a command line.
 */
public final class HadoopLoanFileSource implements LoanFileSource, Serializable {

    private static final long serialVersionUID = 3L;

    /** How {@code s3://} locations are read. */
    public enum S3Scheme {
        /** Through the cluster's own {@code s3://} file system when it configures one ({@code fs.s3.impl}, EMRFS on EMR), else S3A. */
        AUTO,
        /** Always through S3A ({@code s3a://}), with the {@code fs.s3a.*} settings. */
        S3A,
        /** Always through the cluster's {@code s3://} file system. */
        NATIVE
    }

    private final HadoopRoots roots;
    private final HadoopFiles files;
    private final HadoopRanges ranges = new HadoopRanges();
    private transient ContentChecks checks;
    private transient HadoopListing listing;
    private transient HadoopArchiving archiving;

    /**
     * @param roots          folders, prefixes or files: local paths, {@code file:}, {@code s3://}, {@code s3a://} URIs
     * @param archive        where {@code archive} moves files (same forms); {@code null} for an {@code archive}
     *                       folder inside each listed folder (beside a listed file)
     * @param hadoopSettings Hadoop settings over the defaults ({@code fs.s3a.endpoint}, ...), on every JVM that uses it
     * @param s3Scheme       how {@code s3://} is read
     * @throws LoanEtlException naming a location of an unknown scheme
     */
    public HadoopLoanFileSource(List<String> roots, String archive, Map<String, String> hadoopSettings, S3Scheme s3Scheme) {
        this.roots = HadoopRoots.of(roots, archive);
        this.files = new HadoopFiles(hadoopSettings, s3Scheme);
    }

    /** Whether a file (not a zip member) lies under one of the roots, for finishing a cleanup a crash interrupted. */
    @Override
    public boolean slowToOpen(SourceFile file) {
        return file.location().startsWith("s3://");
    }

    @Override
    public boolean owns(SourceFile file) {
        MemberLocation location = MemberLocation.parse(file.location());
        return !location.isMember() && roots.owns(location.object());
    }

    @Override
    public Stream<SourceFile> files(Consumer<String> ignored) {
        return listing().files(ignored);
    }

    @Override
    public InputStream open(SourceFile file) throws IOException {
        MemberLocation location = MemberLocation.parse(file.location());
        Path path = files.path(location.object());
        FileSystem fs = files.fs(path);
        if (location.isMember()) {
            return openMember(fs, path, location, file.version());
        }
        if (LoanFiles.isZip(location.object())) {
            try (FSDataInputStream in = fs.open(path)) {
                throw ZipDirectory.unreadable(fs.getFileStatus(path).getLen(), HadoopFiles.positioned(in));
            }
        }
        InputStream raw;
        int buffer = LoanFiles.readBuffer(file.size());
        if (HadoopLocations.isS3(location.object())) {
            HadoopFiles.ensureUnchanged(fs, path, location.object(), file.version());
            raw = fs.open(path, buffer);
        } else {
            ContentChecks.Stat opened = HadoopFiles.stat(fs.getFileStatus(path));
            raw = checks().open(file, fs.open(path, buffer), opened);
        }
        return LoanFiles.unpacked(location.object(), new BufferedInputStream(raw, buffer));
    }

    private static InputStream openMember(FileSystem fs, Path path, MemberLocation location, String version)
            throws IOException {
        String where = MemberLocation.write(HadoopFiles.display(location.object()), location.member());
        FSDataInputStream in = fs.open(path, 1 << 16);
        try {
            ZipDirectory.Entry entry = ZipDirectory.read(fs.getFileStatus(path).getLen(), HadoopFiles.positioned(in))
                    .stream().filter(e -> e.name().equals(location.member())).findFirst()
                    .orElseThrow(() -> new FileNotFoundException(where));
            if (!entry.version().equals(version)) {
                throw new IOException(where + ": changed since it was listed");
            }
            in.seek(entry.localHeaderOffset());
            return entry.open(in, where);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * A local file's bytes as loaded must hash to its listed version, and its length and modification time must not
     * have changed while it was read. S3 objects are read pinned to their ETag, and zip members are not checked.
     */
    @Override
    public void confirmUnchanged(SourceFile file) throws IOException {
        MemberLocation location = MemberLocation.parse(file.location());
        if (!location.isMember() && !HadoopLocations.isS3(location.object())) {
            Path path = files.path(location.object());
            FileSystem fs = files.fs(path);
            checks().confirm(file, HadoopFiles.display(location.object()), () -> {
                try {
                    return Optional.of(HadoopFiles.stat(fs.getFileStatus(path)));
                } catch (FileNotFoundException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /** A plain {@code .csv}: not gzipped, not a zip, not a zip's member ({@link HadoopRanges}). */
    @Override
    public boolean readsRanges(SourceFile file) {
        return HadoopRanges.readable(file);
    }

    /** A seek and a bounded read; an S3 object's ETag is checked first, as {@link #open} checks it. */
    @Override
    public InputStream openRange(SourceFile file, long start, long end) throws IOException {
        if (!readsRanges(file)) {
            throw new IOException(file.name() + ": cannot be read in byte ranges");
        }
        String object = MemberLocation.parse(file.location()).object();
        Path path = files.path(object);
        return ranges.open(files.fs(path), path, file, object, start, end);
    }

    /**
     * An S3 object must still have its listed ETag (one request); a local file its listed size, and the size and
     * modification time it had when its chunks were planned ({@link HadoopRanges}), without hashing it again.
     */
    @Override
    public void confirmRangeUnchanged(SourceFile file) throws IOException {
        String object = MemberLocation.parse(file.location()).object();
        Path path = files.path(object);
        ranges.confirm(files.fs(path), path, file, object);
    }

    @Override
    public void finish(SourceFile file, AfterLoad after) throws IOException {
        archiving().finish(file, after);
    }

    /** Twelve letters and digits of the version after its label, as archive names take them ({@link ArchiveNames}). */
    static String shortVersion(String version) {
        return ArchiveNames.shortVersion(version);
    }

    private synchronized HadoopListing listing() {
        driverSide();
        return listing;
    }

    private synchronized HadoopArchiving archiving() {
        driverSide();
        return archiving;
    }

    /** The listing and the cleanup, made on first use on the driver; they share the zips the listing found. */
    private synchronized void driverSide() {
        if (listing == null) {
            PendingZips<String, HadoopListing.Zip> zips = new PendingZips<>();
            listing = new HadoopListing(roots, files, checks(), zips);
            archiving = new HadoopArchiving(roots, files, checks(), zips);
        }
    }

    private synchronized ContentChecks checks() {
        if (checks == null) {
            checks = new ContentChecks();
        }
        return checks;
    }
}
