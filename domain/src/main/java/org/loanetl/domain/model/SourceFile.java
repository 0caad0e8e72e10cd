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
 */
public record SourceFile(String location, String version, long size) implements Serializable {

    public SourceFile {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
        if (location.isBlank()) {
            throw new IllegalArgumentException("location must not be blank");
        }
    }

    /** The last path segment, for messages: {@code 2011.csv}. */
    public String name() {
        int cut = Math.max(location.lastIndexOf('/'), location.lastIndexOf('!'));
        return cut >= 0 && cut < location.length() - 1 ? location.substring(cut + 1) : location;
    }
}
