package org.loanetl.domain.model;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version strings of {@link SourceFile}s, written here once: the ledger keys a file by (location, version), so a
 * file must get the very same version whichever source and engine list it (the in-process local and S3 sources, and
 * the Spark engine's Hadoop source), or it would load twice. Zip members' versions come from
 * {@link org.loanetl.domain.read.ZipDirectory#memberVersion}.
 */
public final class SourceVersions {

    /** The label of an S3 object's version. */
    public static final String S3_ETAG = "s3-etag:";

    private SourceVersions() {
    }

    /**
     * A file's content hash, {@code sha256:<hex>}: an edit is a new version, a mere touch is not. Reads the stream to
     * its end; the caller closes it.
     */
    public static String contentHash(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** An S3 object's version, {@code s3-etag:<etag>:<size>}, the ETag without the quotes S3 puts around it. */
    public static String s3Object(String etag, long size) {
        return S3_ETAG + etag.replace("\"", "") + ":" + size;
    }
}
