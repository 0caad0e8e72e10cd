package org.loanetl.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.source.ContentChecks;

/**
 * Makes sure a plain file is loaded and cleaned up only as the version the ledger names, by the rules of
 * {@link ContentChecks} (shared with the Hadoop source); this class gives them the local file system's sizes and
 * modification times.
 */
final class VersionChecks {

    private final ContentChecks checks = new ContentChecks();

    /** Remembers a listed file's version and the size and modification time it was hashed at. */
    void listed(Path path, HashAhead.Hashed hashed) {
        checks.listed(LocalPaths.location(path), new ContentChecks.Stat(hashed.size(), hashed.modified()),
                hashed.version());
    }

    /** The file's raw bytes, hashed as they are read; {@link #confirm} then checks them. */
    InputStream open(SourceFile file, Path path) throws IOException {
        ContentChecks.Stat opened = stat(path);
        return checks.open(file, Files.newInputStream(path), opened);
    }

    /**
     * Confirms that the bytes read since {@link #open} (and any left, read now) are exactly the listed version, and
     * that the file's size and modification time are still those it was listed and opened with.
     */
    void confirm(SourceFile file, Path path) throws IOException {
        checks.confirm(file, path.toString(), () -> existing(path));
    }

    /** Whether the file at {@code path} is this version; false when it is gone or another file. */
    boolean holds(Path path, SourceFile file) throws IOException {
        Optional<ContentChecks.Stat> now = existing(path);
        return now.isPresent() && checks.holds(file, now.get(), () -> FileVersions.sha256(path));
    }

    private static Optional<ContentChecks.Stat> existing(Path path) throws IOException {
        try {
            return Optional.of(stat(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static ContentChecks.Stat stat(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new ContentChecks.Stat(attributes.size(), attributes.lastModifiedTime());
    }
}
