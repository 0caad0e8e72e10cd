package org.loanetl.domain.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes strict UTF-8 and, unlike {@link java.io.InputStreamReader}, hands out every character before a malformed
 * sequence before it throws, so the line a refusal names is the line the bad bytes are on. A read of one char gets the
 * first half of a surrogate pair (a character of four UTF-8 bytes) and the next read the second.
 */
final class Utf8Reader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean eof;
    private boolean flushed;
    /** A decoding error met after some characters were decoded: thrown on the next read. */
    private CoderResult pending;
    /** Where a one-char read decodes to; its second char, when {@link #held}, is the next read's. */
    private final char[] pair = new char[2];
    private boolean held;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (held) {
            buffer[offset] = pair[1];
            held = false;
            return 1;
        }
        if (length > 1) {
            return decode(CharBuffer.wrap(buffer, offset, length));
        }
        // one char cannot hold a surrogate pair, which the decoder writes whole or not at all (it would overflow forever)
        int n = decode(CharBuffer.wrap(pair));
        if (n > 0) {
            buffer[offset] = pair[0];
            held = n == 2;
        }
        return Math.min(n, 1);
    }

    /** Decodes at least one char into {@code out} (at least 2 long); -1 at the end, the pending error when one is due. */
    private int decode(CharBuffer out) throws IOException {
        int start = out.position();
        while (out.position() == start) {
            if (pending != null) {
                pending.throwException();
            }
            if (flushed) {
                return -1;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                pending = result;
            } else if (result.isUnderflow() && eof) {
                decoder.flush(out);
                flushed = true;
            } else if (result.isUnderflow()) {
                fill();
            }
        }
        return out.position() - start;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
