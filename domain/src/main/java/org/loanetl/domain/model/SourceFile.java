package org.loanetl.domain.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * One loans file as a source lists it.
 *
 * @param location where it is, as a URI-like string the source understands ({@code file:/data/2011.csv},
 *                 {@code s3://bucket/loans/2011.csv}, {@code file:/data/loans.zip!/2011.csv}); the ledger's key
 * @param version  what identifies its content (a content hash, an ETag); a changed file has a new version
 * @param size     its size in bytes as listed, or -1 when unknown (used for progress only)
 * @param stat     what the file system said of it when it was listed (size, modification time, inode), as the source
 *                 writes it, or {@code null}: recorded with its ledger entry, so that a later listing that finds the
 *                 same stat may take the recorded version instead of hashing the file again ({@code
 *                 source.trust-unchanged}). Not part of the file's identity: two listings of one version are equal
 */
public record SourceFile(String location, String version, long size, String stat) implements Serializable {

    public SourceFile {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
        if (location.isBlank()) {
            throw new IllegalArgumentException("location must not be blank");
        }
    }

    /** A file without a stat. */
    public SourceFile(String location, String version, long size) {
        this(location, version, size, null);
    }

    /** Equal when location, version and size are: the stat is what a listing saw, not what the file is. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SourceFile that && size == that.size && location.equals(that.location)
                && version.equals(that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, version, size);
    }

    /** The last path segment, for messages: {@code 2011.csv}. */
    public String name() {
        int cut = Math.max(location.lastIndexOf('/'), location.lastIndexOf('!'));
        return cut >= 0 && cut < location.length() - 1 ? location.substring(cut + 1) : location;
    }
}
