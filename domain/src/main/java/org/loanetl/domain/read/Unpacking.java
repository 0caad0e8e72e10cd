package org.loanetl.domain.read;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Gzip and zip streams for every source, telling a corrupt or truncated file ({@link CorruptFileException}, which the
 * load refuses) from a failing read of good bytes (an {@link IOException} as the source threw it, which fails the load
 * for a later run). The inflater says the first with a {@link ZipException} or, when the bytes end too early, an
 * {@link EOFException}.
 */
public final class Unpacking {

    private static final int BUFFER = 1 << 16;

    private Unpacking() {
    }

    /** A gzip file's stream unpacked. */
    public static InputStream gunzip(InputStream in) throws IOException {
        try {
            return checked(new GZIPInputStream(in, BUFFER), "not a readable gzip file");
        } catch (ZipException | EOFException e) {
            throw new CorruptFileException("not a readable gzip file: " + e.getMessage(), e);
        }
    }

    /**
     * An inflating stream (a zip member's) whose format errors are reported as a corrupt file: {@code what} says what
     * it is ({@code not a readable zip member}), the inflater's words follow.
     */
    public static InputStream checked(InputStream inflating, String what) {
        return new FilterInputStream(inflating) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (ZipException | EOFException e) {
                    throw new CorruptFileException(what + ": " + e.getMessage(), e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (ZipException | EOFException e) {
                    throw new CorruptFileException(what + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
