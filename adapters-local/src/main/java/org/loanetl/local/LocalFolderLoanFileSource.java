package org.loanetl.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;

/**
 * Loans files on the local file system: every {@code .csv}, {@code .csv.gz} and {@code .zip} (each CSV member) under
 * the given folders, in name order, or single files named directly. A file's version is a SHA-256 of its bytes (of
 * the member's CRC-32 and size for a zip member), so an edited file is a new version and a touched one is not.
 *
 * <p>Archiving moves a file under the archive folder, keeping its path relative to the folder it was listed from; a
 * zip is archived or deleted once every CSV member in it has committed in this run or an earlier one.
 */
public final class LocalFolderLoanFileSource implements LoanFileSource {

    private final List<Path> roots;
    private final Path archiveDir;
    private final ZipMembers zips = new ZipMembers();
    private final HashAhead hashes = new HashAhead();

    /**
     * @param roots      folders or files to load
     * @param archiveDir where {@code archive} moves files; {@code null} for an {@code archive} folder inside each
     *                   listed folder (next to a listed file), which listing then leaves out
     */
    public LocalFolderLoanFileSource(List<Path> roots, Path archiveDir) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.archiveDir = archiveDir == null ? null : archiveDir.toAbsolutePath().normalize();
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
        hashes.start(() -> roots.stream().flatMap(this::paths).filter(p -> isCsv(lowerName(p))).distinct());
    }

    /** Whether a hash made ahead waits for this file (for tests). */
    boolean hashedAhead(Path file) {
        return hashes.holds(file.toAbsolutePath().normalize());
    }

    @Override
    public Stream<SourceFile> files(Consumer<String> ignored) {
        // distinct: overlapping roots (a folder and a subfolder of it) would list a file twice
        return roots.stream().flatMap(root -> list(root, ignored)).distinct();
    }

    private Stream<SourceFile> list(Path root, Consumer<String> ignored) {
        return paths(root).flatMap(p -> describe(root, p, ignored));
    }

    /** What a root names, in listing order: the root itself, or every regular file under it but the archive folder. */
    private Stream<Path> paths(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.of(root);
        }
        Path archive = archiveFor(root, root);
        try {
            return Files.walk(root).filter(Files::isRegularFile).filter(p -> !p.startsWith(archive)).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static String lowerName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** A plain or gzipped CSV file, by its lower-case name (a zip's members are listed from inside it). */
    private static boolean isCsv(String lowerName) {
        return lowerName.endsWith(".csv") || lowerName.endsWith(".csv.gz");
    }

    private Stream<SourceFile> describe(Path root, Path file, Consumer<String> ignored) {
        String name = lowerName(file);
        try {
            if (name.endsWith(".zip")) {
                return zips.members(file, ignored).stream();
            }
            if (isCsv(name)) {
                return Stream.of(new SourceFile(LocalPaths.location(file), hashes.version(file), Files.size(file)));
            }
        } catch (IOException e) {
            ignored.accept(file + ": cannot read: " + e.getMessage());
            return Stream.empty();
        }
        ignored.accept(file + ": not a loans file (.csv, .csv.gz or .zip)");
        return Stream.empty();
    }

    @Override
    public InputStream open(SourceFile file) throws IOException {
        LocalPaths.Location location = LocalPaths.parse(file.location());
        if (location.member() != null) {
            return zips.open(location.path(), location.member());
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(location.path()), 1 << 16);
        return lowerName(location.path()).endsWith(".gz")
                ? new GZIPInputStream(in, 1 << 16) : in;
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
        if (after == AfterLoad.DELETE) {
            Files.deleteIfExists(path);
            return;
        }
        Path root = roots.stream().filter(path::startsWith).findFirst().orElse(path);
        Path target = archiveFor(root, path).resolve(relative(root, path));
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            target = target.resolveSibling(target.getFileName() + "." + shortVersion(file));
        }
        // a file of this name and version archived before holds the same content: replacing it loses nothing, and a
        // re-dropped copy is archived instead of failing on every run
        Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
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

    /** Twelve characters of the version after its label: {@code sha256:0a1b2c...} gives {@code 0a1b2c3d4e5f}. */
    static String shortVersion(SourceFile file) {
        String version = file.version();
        String v = version.substring(version.indexOf(':') + 1).replaceAll("[^A-Za-z0-9]", "");
        return v.substring(0, Math.min(12, v.length()));
    }

    /** Thrown when a listed file disappears before it is read. */
    static IOException gone(Path path) {
        return new NoSuchFileException(path.toString());
    }
}
