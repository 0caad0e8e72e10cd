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
        hashes.start(() -> roots.stream().flatMap(this::plainFiles).distinct());
    }

    /** The paths of the plain CSV files (not zips) the listing of a root will name, in its order. */
    private Stream<Path> plainFiles(Path root) {
        Stream<Path> files;
        if (Files.isDirectory(root)) {
            Path archive = archiveFor(root, root);
            try {
                files = Files.walk(root).filter(Files::isRegularFile).filter(p -> !p.startsWith(archive)).sorted();
            } catch (IOException e) {
                return Stream.empty();
            }
        } else {
            files = Stream.of(root);
        }
        return files.filter(p -> {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".csv") || name.endsWith(".csv.gz");
        });
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
        if (!Files.isDirectory(root)) {
            return describe(root, root, ignored);
        }
        Path archive = archiveFor(root, root);
        try {
            return Files.walk(root)
                    .filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(archive))
                    .sorted()
                    .flatMap(p -> describe(root, p, ignored));
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

    private Stream<SourceFile> describe(Path root, Path file, Consumer<String> ignored) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".zip")) {
                return zips.members(file, ignored).stream();
            }
            if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
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
        return location.path().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
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
