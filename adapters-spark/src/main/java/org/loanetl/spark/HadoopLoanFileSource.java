package org.loanetl.spark;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.model.SourceVersions;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.read.Unpacking;
import org.loanetl.domain.read.ZipDirectory;
import org.loanetl.spark.HadoopLocations.Location;

/**
 * Loans files read through Hadoop's FileSystem, so Spark executors can open them wherever they run: local files
 * ({@code file:}), any S3-compatible store through S3A ({@code s3a://}) and {@code s3://}, read through S3A or, on EMR,
 * through EMRFS ({@link S3Scheme}). Every {@code .csv}, {@code .csv.gz} and {@code .zip} (each CSV member) under the
 * given folders or prefixes is listed, in location order.
 *
 * <p>Locations and versions are exactly those of the in-process sources, so one ledger serves both engines and a
 * file loaded by one is skipped by the other: {@code file:/abs/path.csv} with {@code sha256:<hex>} of the bytes;
 * {@code s3://bucket/key} (also when read as {@code s3a://}) with {@code s3-etag:<etag>:<size>}; zip members
 * {@code <zip>!/member.csv} with {@code zip-crc32:<hex>:<size>} from the zip's directory.
 *
 * <p>Archiving renames a file under the archive location, keeping its path relative to the folder it was listed from
 * ({@code archive} inside that folder by default, which listing then leaves out), never over another file: a name taken
 * by other bytes gets the first 12 letters of the file's own version appended (a zip's own, not a member's). A file is
 * archived or deleted only if it is still the version that was loaded (another file under its name is left for a run to
 * load), and a local file is committed only if the bytes loaded hash to its listed version and it did not change while
 * read ({@link HadoopVersionChecks}). A zip is archived or deleted once every CSV member in it has committed.
 * Idempotent: a file already gone was finished by an earlier run.
 *
 * <p>Serializable, so Spark ships it to executors, which only {@link #open} files; {@link #files} and {@link #finish}
 * run on the driver (a zip's members are tracked there). It holds Hadoop settings, which may include S3 keys: they
 * travel inside Spark's tasks, never on a command line.
 */
public final class HadoopLoanFileSource implements LoanFileSource, Serializable {

    private static final long serialVersionUID = 1L;

    /** How {@code s3://} locations are read. */
    public enum S3Scheme {
        /** Through the cluster's own {@code s3://} file system when it configures one ({@code fs.s3.impl}, EMRFS on EMR), else S3A. */
        AUTO,
        /** Always through S3A ({@code s3a://}), with the {@code fs.s3a.*} settings. */
        S3A,
        /** Always through the cluster's {@code s3://} file system. */
        NATIVE
    }

    private final List<String> roots;
    private final String archive;
    private final Map<String, String> hadoopSettings;
    private final S3Scheme s3Scheme;
    private transient Configuration conf;
    private transient Map<String, PendingZip> zips;
    private transient HadoopVersionChecks checks;

    /** A listed zip: its version (an S3 ETag version, or {@code null} locally) and the CSV members still to commit. */
    private record PendingZip(String version, Set<String> members) {
    }

    /**
     * @param roots          folders, prefixes or files: local paths, {@code file:}, {@code s3://}, {@code s3a://} URIs
     * @param archive        where {@code archive} moves files (same forms); {@code null} for an {@code archive}
     *                       folder inside each listed folder (beside a listed file)
     * @param hadoopSettings Hadoop settings over the defaults ({@code fs.s3a.endpoint}, ...), on every JVM that uses it
     * @param s3Scheme       how {@code s3://} is read
     * @throws LoanEtlException naming a location of an unknown scheme
     */
    public HadoopLoanFileSource(List<String> roots, String archive, Map<String, String> hadoopSettings, S3Scheme s3Scheme) {
        this.roots = roots.stream().map(HadoopLocations::normalize).map(HadoopLoanFileSource::trimSlash).toList();
        this.archive = archive == null ? null : trimSlash(HadoopLocations.normalize(archive));
        this.hadoopSettings = Map.copyOf(hadoopSettings);
        this.s3Scheme = Objects.requireNonNull(s3Scheme, "s3Scheme");
    }

    /** Whether a file (not a zip member) lies under one of the roots, for finishing a cleanup a crash interrupted. */
    @Override
    public boolean owns(SourceFile file) {
        Location location = HadoopLocations.parse(file.location());
        return location.member() == null && roots.stream().anyMatch(r -> HadoopLocations.under(location.object(), r));
    }

    @Override
    public Stream<SourceFile> files(Consumer<String> ignored) {
        // distinct: overlapping roots (a folder and a subfolder of it) would list a file twice
        return roots.stream().flatMap(root -> list(root, ignored)).distinct();
    }

    private Stream<SourceFile> list(String root, Consumer<String> ignored) {
        Path path = path(root);
        try {
            FileSystem fs = fs(path);
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                return describe(fs, status, ignored);
            }
            String archiveFolder = archiveFolder(root, false);
            List<FileStatus> files = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> listing = fs.listFiles(path, true);
            while (listing.hasNext()) {
                LocatedFileStatus file = listing.next();
                if (file.isFile() && !HadoopLocations.under(HadoopLocations.of(file.getPath()), archiveFolder)) {
                    files.add(file);
                }
            }
            files.sort(Comparator.comparing(f -> HadoopLocations.of(f.getPath())));
            return files.stream().flatMap(f -> describe(fs, f, ignored));
        } catch (FileNotFoundException e) {
            throw new SourceException(display(root) + ": no such file or folder", e);
        } catch (IOException e) {
            throw new SourceException(display(root) + ": cannot list: " + e.getMessage(), e);
        }
    }

    private Stream<SourceFile> describe(FileSystem fs, FileStatus status, Consumer<String> ignored) {
        String location = HadoopLocations.of(status.getPath());
        String name = HadoopLocations.name(location).toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".zip")) {
                return members(fs, status, location, ignored).stream();
            }
            if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
                String version = version(fs, status, location);
                if (!location.startsWith("s3:")) {
                    checks().listed(location, status, version);
                }
                return Stream.of(new SourceFile(location, version, status.getLen()));
            }
        } catch (IOException e) {
            ignored.accept(display(location) + ": cannot read: " + e.getMessage());
            return Stream.empty();
        }
        ignored.accept(display(location) + ": not a loans file (.csv, .csv.gz or .zip)");
        return Stream.empty();
    }

    private List<SourceFile> members(FileSystem fs, FileStatus zip, String location, Consumer<String> ignored)
            throws IOException {
        List<ZipDirectory.Entry> entries;
        try (FSDataInputStream in = fs.open(zip.getPath())) {
            entries = ZipDirectory.read(zip.getLen(), positioned(in));
        }
        List<SourceFile> members = new ArrayList<>();
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (ZipDirectory.Entry entry : entries) {
            if (entry.isDirectory()) {
                continue;
            }
            if (entry.name().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                members.add(new SourceFile(location + "!/" + entry.name(), entry.version(), entry.size()));
                names.add(entry.name());
            } else {
                ignored.accept(display(location) + "!/" + entry.name() + ": not a loans file (.csv inside a zip)");
            }
        }
        if (!names.isEmpty()) {
            zips().put(location, new PendingZip(location.startsWith("s3:") ? etagVersion(zip, location) : null, names));
        }
        return members;
    }

    @Override
    public InputStream open(SourceFile file) throws IOException {
        Location location = HadoopLocations.parse(file.location());
        Path path = path(location.object());
        FileSystem fs = fs(path);
        if (location.member() != null) {
            return openMember(fs, path, location, file.version());
        }
        InputStream raw;
        if (location.isS3()) {
            ensureUnchanged(fs.getFileStatus(path), location.object(), file.version(), "listed");
            raw = fs.open(path, 1 << 16);
        } else {
            raw = checks().open(file, fs, path);
        }
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        return location.object().toLowerCase(Locale.ROOT).endsWith(".gz") ? Unpacking.gunzip(in) : in;
    }

    private static InputStream openMember(FileSystem fs, Path path, Location location, String version) throws IOException {
        FSDataInputStream in = fs.open(path, 1 << 16);
        try {
            ZipDirectory.Entry entry = ZipDirectory.read(fs.getFileStatus(path).getLen(), positioned(in)).stream()
                    .filter(e -> e.name().equals(location.member())).findFirst()
                    .orElseThrow(() -> new FileNotFoundException(display(location.object()) + "!/" + location.member()));
            if (!entry.version().equals(version)) {
                throw new IOException(display(location.object()) + "!/" + location.member() + ": changed since it was listed");
            }
            in.seek(entry.localHeaderOffset());
            ZipInputStream member = new ZipInputStream(new BufferedInputStream(in, 1 << 16));
            ZipEntry local = member.getNextEntry();
            if (local == null || !local.getName().equals(location.member())) {
                throw new ZipException(display(location.object()) + "!/" + location.member()
                        + ": the zip's directory and its entry at byte " + entry.localHeaderOffset() + " disagree");
            }
            return Unpacking.checked(member, "not a readable zip member");
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
        Location location = HadoopLocations.parse(file.location());
        if (location.member() == null && !location.isS3()) {
            Path path = path(location.object());
            checks().confirm(file, fs(path), path, display(location.object()));
        }
    }

    @Override
    public void finish(SourceFile file, AfterLoad after) throws IOException {
        if (after == AfterLoad.KEEP) {
            return;
        }
        Location location = HadoopLocations.parse(file.location());
        String object = location.object();
        String version = location.isS3() ? file.version() : null;
        if (location.member() != null) {
            Optional<PendingZip> zip = lastMemberDone(object, location.member());
            if (zip.isEmpty()) {
                return;
            }
            version = zip.get().version();
        }
        Path path = path(object);
        FileSystem fs = fs(path);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return;
        }
        if (!holds(status, object, file, version, fs)) {
            return; // another file under this name now: this version is gone, the other waits for a run to load it
        }
        if (after == AfterLoad.DELETE) {
            if (!fs.delete(path, false) && fs.exists(path)) {
                throw new IOException(display(object) + ": cannot delete");
            }
            return;
        }
        archive(fs, path, object, location.member() == null ? file.version() : version);
    }

    /**
     * Renames the file under the archive location, never over another file: a name taken by other bytes gets the file's
     * own version appended (a local zip's own SHA-256, not its last member's version), then a counter; a name holding
     * the same bytes means the file was archived already, and it is removed.
     */
    private void archive(FileSystem fs, Path path, String object, String version) throws IOException {
        String root = roots.stream().filter(r -> HadoopLocations.under(object, r)).findFirst().orElse(object);
        String relative = root.equals(object) ? HadoopLocations.name(object) : object.substring(root.length() + 1);
        Path target = path(join(archiveFolder(root, root.equals(object)), relative));
        fs.mkdirs(target.getParent());
        if (HadoopArchiveMove.claim(fs, path, target)) {
            return;
        }
        String own = version != null ? version : version(fs, fs.getFileStatus(path), object);
        String named = target.getName() + "." + shortVersion(own);
        Path next = new Path(target.getParent(), named);
        for (int n = 2; !HadoopArchiveMove.claim(fs, path, next); n++) {
            next = new Path(target.getParent(), named + "-" + n);
        }
    }

    /** Where {@code archive} puts files listed from this root: the configured location, or {@code archive} beside them. */
    private String archiveFolder(String root, boolean rootIsFile) {
        if (archive != null) {
            return archive;
        }
        return join(rootIsFile ? HadoopLocations.parent(root) : root, "archive");
    }

    private Optional<PendingZip> lastMemberDone(String zip, String member) {
        PendingZip[] last = {null};
        zips().computeIfPresent(zip, (location, pending) -> {
            pending.members().remove(member);
            last[0] = pending.members().isEmpty() ? pending : null;
            return last[0] == null ? pending : null;
        });
        return Optional.ofNullable(last[0]);
    }

    /** Whether the file is still the version loaded (for a zip member, the zip as listed), so it may be cleaned up. */
    private boolean holds(FileStatus status, String object, SourceFile file, String version, FileSystem fs)
            throws IOException {
        if (version != null && version.startsWith(SourceVersions.S3_ETAG)) {
            return version.equals(etagVersion(status, object));
        }
        return HadoopLocations.parse(file.location()).member() != null || checks().holds(file, fs, status);
    }

    private static void ensureUnchanged(FileStatus status, String object, String version, String when) throws IOException {
        if (version != null && version.startsWith(SourceVersions.S3_ETAG) && !version.equals(etagVersion(status, object))) {
            throw new IOException(object + ": rewritten since it was " + when
                    + "; left in place (the next run loads the new version)");
        }
    }

    private String version(FileSystem fs, FileStatus status, String location) throws IOException {
        if (location.startsWith("s3:")) {
            return etagVersion(status, location);
        }
        try (InputStream in = fs.open(status.getPath(), 1 << 16)) {
            return SourceVersions.contentHash(in);
        }
    }

    /** {@code s3-etag:<etag>:<size>}, as the S3 source writes it. */
    private static String etagVersion(FileStatus status, String location) throws IOException {
        String etag = status instanceof EtagSource source ? source.getEtag() : null;
        if (etag == null || etag.isBlank()) {
            throw new IOException(location + ": the file system (" + status.getPath().toUri().getScheme()
                    + "://) gives no ETag, which the ledger needs as the version; read s3:// through S3A"
                    + " (engine.s3-scheme: s3a)");
        }
        return SourceVersions.s3Object(etag, status.getLen());
    }

    /** Twelve letters and digits of the version after its label, as the in-process sources append them. */
    static String shortVersion(String version) {
        String v = version.substring(version.indexOf(':') + 1).replaceAll("[^A-Za-z0-9]", "");
        return v.substring(0, Math.min(12, v.length()));
    }

    private Path path(String location) {
        return HadoopLocations.path(location, readS3ThroughS3a());
    }

    private boolean readS3ThroughS3a() {
        if (s3Scheme != S3Scheme.AUTO) {
            return s3Scheme == S3Scheme.S3A;
        }
        String impl = conf().get("fs.s3.impl");
        return impl == null || impl.endsWith("S3AFileSystem");
    }

    /** The file system of a path; the raw one for local files (no {@code .crc} side files, as the local source). */
    private FileSystem fs(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(conf());
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    private synchronized Configuration conf() {
        if (conf == null) {
            Configuration fresh = new Configuration();
            hadoopSettings.forEach(fresh::set);
            conf = fresh;
        }
        return conf;
    }

    private synchronized HadoopVersionChecks checks() {
        if (checks == null) {
            checks = new HadoopVersionChecks();
        }
        return checks;
    }

    private synchronized Map<String, PendingZip> zips() {
        if (zips == null) {
            zips = new ConcurrentHashMap<>();
        }
        return zips;
    }

    private static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String trimSlash(String location) {
        String trimmed = location;
        while (trimmed.endsWith("/") && !trimmed.equals("file:/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** A location for messages: a local file's plain path, as the local source prints it; an S3 URI as it is. */
    static String display(String location) {
        return location.startsWith("file:") ? location.substring(5) : location;
    }

    /** Positioned reads of a Hadoop stream, for {@link ZipDirectory}. */
    private static ZipDirectory.Ranges positioned(org.apache.hadoop.fs.FSDataInputStream in) {
        return (offset, length) -> {
            byte[] bytes = new byte[length];
            in.readFully(offset, bytes, 0, length);
            return bytes;
        };
    }
}
