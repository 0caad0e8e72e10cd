package org.loanetl.domain.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version strings of {@link org.loanetl.domain.model.SourceFile}s, written here once: the ledger keys a file by (location, version), so a
 * file must get the very same version whichever source and engine list it (the in-process local and S3 sources, and
 * the Spark engine's Hadoop source), or it would load twice. Zip members' versions come from
 * {@link ZipDirectory#memberVersion}.
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
        return new Hashing(in).rest();
    }

    /**
     * A stream that hashes the bytes it passes on, so that a load learns the version of exactly the bytes it read,
     * with no second pass over the file: {@link #rest} reads what is left and gives {@link #contentHash}'s version.
     * Not thread-safe.
     */
    public static final class Hashing extends FilterInputStream {

        private final MessageDigest digest;
        private long bytes;

        public Hashing(InputStream in) {
            super(in);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                digest.update(buffer, offset, n);
                bytes += n;
            }
            return n;
        }

        /** Skipped bytes are read, so that they are hashed too. */
        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 1 << 16)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** The bytes passed on so far. */
        public long bytes() {
            return bytes;
        }

        /**
         * Reads the rest of the stream (nothing, once it was read to its end) and gives the version of all of it.
         * Call it once: the hash is reset afterwards.
         */
        public String rest() throws IOException {
            // 16 KiB: large enough to read a big file at speed, small enough not to cost a small one
            byte[] buffer = new byte[1 << 14];
            int n;
            do {
                n = read(buffer, 0, buffer.length);
            } while (n >= 0);
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        }
    }

    /**
     * The reads a source has open, by location, each with the hash of the bytes served so far and what the source knew
     * of the file when it opened it ({@code S}: its size and modification time, as its file system gives them), so that
     * before a commit it can tell whether the bytes loaded were exactly the listed version of an unchanged file.
     * Thread-safe: files load on several threads.
     *
     * @param <S> what the source notes of a file when it opens it
     */
    public static final class OpenReads<S> {

        /** One open read: the bytes, hashed as they pass, and the file as it was when opened. */
        public record Read<S>(Hashing bytes, S opened) {
        }

        private final Map<String, Read<S>> open = new ConcurrentHashMap<>();

        /** The file's bytes, hashed as they are read, until the stream returned is closed. */
        public InputStream open(String location, InputStream raw, S opened) {
            Read<S> read = new Read<>(new Hashing(raw), opened);
            open.put(location, read);
            return new FilterInputStream(read.bytes()) {
                @Override
                public void close() throws IOException {
                    open.remove(location, read);
                    super.close();
                }
            };
        }

        /**
         * The read open at this location.
         *
         * @throws IllegalStateException when none is: a source confirms only what it opened
         */
        public Read<S> of(String location) {
            Read<S> read = open.get(location);
            if (read == null) {
                throw new IllegalStateException(location + ": confirmed without being open");
            }
            return read;
        }
    }

    /** An S3 object's version, {@code s3-etag:<etag>:<size>}, the ETag without the quotes S3 puts around it. */
    public static String s3Object(String etag, long size) {
        return S3_ETAG + etag.replace("\"", "") + ":" + size;
    }
}
