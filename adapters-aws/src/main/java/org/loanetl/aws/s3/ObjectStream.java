package org.loanetl.aws.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An object's bytes as S3 streams them, checked: a connection that dies mid-object, or ends before the promised
 * length, is an {@link IOException} naming the object and how far the read got (so the domain reports the file
 * failed and leaves it in place). Closing before the end aborts the connection rather than draining the rest.
 */
final class ObjectStream extends FilterInputStream {

    private final ResponseInputStream<?> response;
    private final S3Location where;
    private final long length;
    private long read;
    private boolean ended;

    ObjectStream(ResponseInputStream<?> response, S3Location where, long length) {
        super(response);
        this.response = response;
        this.where = where;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int max) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, max);
        } catch (IOException | RuntimeException e) {
            throw new IOException(where + ": connection lost after " + read + " of " + length + " bytes: " + e, e);
        }
        if (n < 0) {
            ended = true;
            if (read < length) {
                throw new IOException(where + ": connection closed after " + read + " of " + length + " bytes");
            }
            return n;
        }
        read += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int got = read(buffer, 0, buffer.length);
        return Math.max(got, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort();
        }
        try {
            super.close();
        } catch (IOException | RuntimeException e) {
            // the connection is already gone; nothing of the object is lost by not closing it cleanly
        }
    }
}
