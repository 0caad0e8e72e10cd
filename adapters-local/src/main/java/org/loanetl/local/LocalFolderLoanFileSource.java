package org.loanetl.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.source.ArchiveNames;
import org.loanetl.domain.source.LoanFiles;

/**
 * Loans files on the local file system: every {@code .csv}, {@code .csv.gz} and {@code .zip} (each CSV member) under
 * the given folders, in name order, or single files named directly. A file's version is a SHA-256 of its bytes (of
 * the member's CRC-32 and size for a zip member), so an edited file is a new version and a touched one is not.
 *
 * <p>Archiving moves a file under the archive folder, keeping its path relative to the folder it was listed from,
 * and never over another archived file ({@link ArchiveMove}: a taken name gets the file's own hash appended); a
 * zip is archived or deleted once every CSV member in it has committed in this run or an earlier one. A file is
 * committed only if the bytes loaded are its listed version and it did not change meanwhile, and archived or deleted
 * only while it is still the version loaded: a new file dropped under the same name is left alone, to be loaded.
 */
public final class LocalFolderLoanFileSource implements LoanFileSource {

    private final List<Path> roots;
    private final Path archiveDir;
    private final Duration settle;
    private final ZipMembers zips = new ZipMembers();
    private final HashAhead hashes = new HashAhead();
    private final VersionChecks checks = new VersionChecks();
    /** The ledger whose recorded stats are trusted ({@link #trustUnchanged}), or null: every file is hashed. */
    private volatile LoadLedger trusted;

    /** A source that lists every file however recently it was modified (no settle time). */
    public LocalFolderLoanFileSource(List<Path> roots, Path archiveDir) {
        this(roots, archiveDir, Duration.ZERO);
    }

    /**
     * @param roots      folders or files to load
     * @param archiveDir where {@code archive} moves files; {@code null} for an {@code archive} folder inside each
     *                   listed folder (next to a listed file), which listing then leaves out
     * @param settle     a file modified less than this long ago is not listed (it is named as left for a later run):
     *                   for folders whose files are written in place rather than renamed in; zero lists every file
     */
    public LocalFolderLoanFileSource(List<Path> roots, Path archiveDir, Duration settle) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.archiveDir = archiveDir == null ? null : archiveDir.toAbsolutePath().normalize();
        this.settle = Objects.requireNonNull(settle, "settle");
        for (Path root : this.roots) {
            if (!Files.exists(root)) {
                throw new LoanEtlException(root + ": no such file or folder");
            }
        }
    }

    /**
     * A plain file under one of the roots. Zip members are not claimed: a zip's cleanup waits for all its members, which
     * only a listing of the zip can tell, so a zip whose cleanup a crash interrupted is finished when it is listed again.
     */
    @Override
    public boolean owns(SourceFile file) {
        LocalPaths.Location location = LocalPaths.parse(file.location());
        if (location.member() != null) {
            return false;
        }
        Path path = location.path().toAbsolutePath().normalize();
        return roots.stream().anyMatch(path::startsWith);
    }

    /**
     * Starts hashing the first files the listing will name ({@link HashAhead}), so their versions are ready when
     * {@link #files} asks; call it as early as possible. Optional: without it, the listing hashes each file itself.
     */
    public void hashAhead() {
        hashes.start(() -> roots.stream().flatMap(this::paths).filter(Files::isRegularFile)
                .filter(p -> LoanFiles.isCsv(p.getFileName().toString())).distinct());
    }

    /** Whether a hash made ahead waits for this file (for tests). */
    boolean hashedAhead(Path file) {
        return hashes.holds(file.toAbsolutePath().normalize());
    }

    /**
     * From now on, a listed file whose location and stat (size, modification time, inode) are exactly those the ledger
     * recorded for a loaded file takes that file's version instead of being hashed ({@code source.trust-unchanged}):
     * a rerun over kept files reads none of their bytes. A load still hashes what it reads and commits only the
     * version listed; what trust risks is skipping a file changed without a change of stat (docs/configuration.md).
     */
    public void trustUnchanged(LoadLedger ledger) {
        this.trusted = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public Stream<SourceFile> files(Consumer<String> ignored) {
        // distinct: overlapping roots (a folder and a subfolder of it) would list a file twice
        return roots.stream().flatMap(root -> list(root, ignored)).distinct();
    }

    private Stream<SourceFile> list(Path root, Consumer<String> ignored) {
        return paths(root).flatMap(p -> describe(root, p, ignored));
    }

    /**
     * What a root names, in listing order: the root itself, or every file under it but the archive folder and its
     * subfolders. Files that are not regular (a FIFO, a device, a socket, a link to one) are named here too, so that the
     * listing can say why it leaves them alone.
     *
     * @throws SourceException naming a folder under the root that cannot be read, or the root itself
     */
    private Stream<Path> paths(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.of(root);
        }
        Path archive = archiveFor(root, root);
        // walked to its end here (sorting needs every name anyway), so that a folder that cannot be read fails here, as
        // one line naming it, not as an UncheckedIOException from inside the walk wherever the stream is consumed
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p)).filter(p -> !p.startsWith(archive)).sorted().toList()
                    .stream();
        } catch (IOException e) {
            throw SourceException.cannotList(root.toString(), e);
        } catch (UncheckedIOException e) {
            throw SourceException.cannotList(root.toString(), e.getCause());
        }
    }

    private Stream<SourceFile> describe(Path root, Path file, Consumer<String> ignored) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            // reading a FIFO waits for a writer forever, /dev/zero never ends: only regular files are read
            ignored.accept(file + ": not a regular file (a FIFO, device or socket, or a link to one); left alone");
            return Stream.empty();
        }
        try {
            if ((LoanFiles.isZip(name) || LoanFiles.isCsv(name)) && unsettled(file, ignored)) {
                return Stream.empty();
            }
            if (LoanFiles.isZip(name)) {
                try {
                    return zips.members(file, ignored).stream();
                } catch (ZipException e) {
                    // a corrupt or truncated zip is a bad file: listed as itself, so that its load is refused by name
                    // (ZipDirectory.unreadable), as every source does
                    HashAhead.Hashed hashed = hashes.version(file);
                    return Stream.of(new SourceFile(LocalPaths.location(file), hashed.version(), hashed.size()));
                }
            }
            if (LoanFiles.isCsv(name)) {
                return Stream.of(csv(file));
            }
        } catch (IOException e) {
            ignored.accept(file + ": cannot read: " + e.getMessage());
            return Stream.empty();
        }
        ignored.accept(LoanFiles.notALoansFile(file.toString()));
        return Stream.empty();
    }

    /**
     * A plain or gzipped file, versioned by its hash, or by the ledger when the ledger is trusted and has its stat. The
     * stat is taken before the hash, and recorded only if the hash saw the same size and time.
     */
    private SourceFile csv(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String stat = stat(attributes);
        String location = LocalPaths.location(file);
        LoadLedger ledger = trusted;
        if (ledger != null && stat != null) {
            Optional<String> known = recorded(ledger, location, stat);
            if (known.isPresent()) {
                HashAhead.Hashed recorded = new HashAhead.Hashed(attributes.size(), attributes.lastModifiedTime(),
                        known.get());
                checks.listed(file, recorded);
                return new SourceFile(location, known.get(), attributes.size(), stat);
            }
        }
        HashAhead.Hashed hashed = hashes.version(file);
        checks.listed(file, hashed);
        boolean same = hashed.size() == attributes.size() && hashed.modified().equals(attributes.lastModifiedTime());
        return new SourceFile(location, hashed.version(), hashed.size(), same ? stat : null);
    }

    /** The version the ledger recorded with this stat; if the ledger cannot say, none (the file is hashed). */
    private static Optional<String> recorded(LoadLedger ledger, String location, String stat) {
        try {
            return ledger.versionWithStat(location, stat);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What the file system says of a file, as the ledger records it: {@code size=46120 modified=2026-12-02T08:20:31.
     * 123456789Z key=(dev=803,ino=1234)}; {@code null} where the file system gives no file key (an inode).
     */
    static String stat(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return key == null ? null : "size=" + attributes.size() + " modified=" + attributes.lastModifiedTime().toInstant()
                + " key=" + key;
    }

    /** Whether the file was modified within the settle time; if so, says it is left for a later run. */
    private boolean unsettled(Path file, Consumer<String> ignored) throws IOException {
        if (settle.isZero()) {
            return false;
        }
        Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now());
        if (age.compareTo(settle) >= 0) {
            return false;
        }
        ignored.accept(file + ": modified " + Math.max(age.toSeconds(), 0) + " s ago, less than the settle time of "
                + settle.toSeconds() + " s; left for a later run");
        return true;
    }

    @Override
    public InputStream open(SourceFile file) throws IOException {
        LocalPaths.Location location = LocalPaths.parse(file.location());
        if (location.member() != null) {
            return zips.open(location.path(), location.member());
        }
        if (LoanFiles.isZip(location.path().toString())) {
            throw zips.unreadable(location.path());
        }
        InputStream in = new BufferedInputStream(checks.open(file, location.path()), LoanFiles.readBuffer(file.size()));
        return LoanFiles.unpacked(location.path().toString(), in);
    }

    /** A plain file that is not gzipped: a large one may load in chunks, each read from its own byte range. */
    @Override
    public boolean readsRanges(SourceFile file) {
        LocalPaths.Location location = LocalPaths.parse(file.location());
        String name = location.path().toString().toLowerCase(java.util.Locale.ROOT);
        return location.member() == null && !LoanFiles.isZip(name) && !name.endsWith(".gz");
    }

    @Override
    public InputStream openRange(SourceFile file, long start, long end) throws IOException {
        LocalPaths.Location location = LocalPaths.parse(file.location());
        if (!readsRanges(file)) {
            throw new IOException(file.name() + ": cannot be read in byte ranges");
        }
        return new BufferedInputStream(FileRange.open(location.path(), start, end), LoanFiles.readBuffer(end - start));
    }

    /**
     * The file must still be the version whose bytes were confirmed whole when its chunks were planned: its size and
     * modification time those it was confirmed with (else it is hashed again, and must hash to its version).
     */
    @Override
    public void confirmRangeUnchanged(SourceFile file) throws IOException {
        Path path = LocalPaths.parse(file.location()).path();
        if (!checks.holds(path, file)) {
            throw org.loanetl.domain.SourceChangedException.whileRead(path.toString(),
                    "it changed or was replaced while its chunks were being loaded");
        }
    }

    /**
     * A plain file's bytes as loaded must hash to its listed version, and its size and modification time must not have
     * changed since it was listed ({@link VersionChecks}). Zip members are not checked: a zip still being written has
     * no directory yet, so it is not listed.
     */
    @Override
    public void confirmUnchanged(SourceFile file) throws IOException {
        LocalPaths.Location location = LocalPaths.parse(file.location());
        if (location.member() == null) {
            checks.confirm(file, location.path());
        }
    }

    @Override
    public void finish(SourceFile file, AfterLoad after) throws IOException {
        LocalPaths.Location location = LocalPaths.parse(file.location());
        Path path = location.path();
        if (location.member() != null && !zips.lastMemberDone(path, location.member())) {
            return;
        }
        if (!Files.exists(path) || after == AfterLoad.KEEP) {
            return;
        }
        if (location.member() == null && !checks.holds(path, file)) {
            return; // another file under this name now: this version is gone, the other waits for a run to load it
        }
        if (after == AfterLoad.DELETE) {
            Files.deleteIfExists(path);
            return;
        }
        Path root = roots.stream().filter(path::startsWith).findFirst().orElse(path);
        Path target = archiveFor(root, path).resolve(relative(root, path));
        Files.createDirectories(target.getParent());
        // a taken name is suffixed with the file's own hash: a zip's listed version is its last member's, not its own
        ArchiveMove.move(path, target, location.member() == null ? file::version : () -> FileVersions.sha256(path));
    }

    private Path archiveFor(Path root, Path file) {
        if (archiveDir != null) {
            return archiveDir;
        }
        Path folder = Files.isDirectory(root) ? root : Objects.requireNonNull(file.toAbsolutePath().getParent());
        return folder.resolve("archive");
    }

    private static Path relative(Path root, Path file) {
        return root.equals(file) ? file.getFileName() : root.relativize(file);
    }

    /** Twelve characters of the version after its label, as an archive name takes them ({@link ArchiveNames}). */
    static String shortVersion(SourceFile file) {
        return ArchiveNames.shortVersion(file.version());
    }

    /** Thrown when a listed file disappears before it is read. */
    static IOException gone(Path path) {
        return new NoSuchFileException(path.toString());
    }
}
