package org.loanetl.postgres;

/**
 * The rejects' rows in PostgreSQL's COPY text format, UTF-8 encoded into a growable byte buffer that the caller drains
 * in chunks (the loans go in binary, {@link CopyBinary}, which costs the server less on millions of rows). Text for
 * the rejects because they are few, all text and numbers, and a failing row reads clearly in the server's error.
 * Fields end with a tab, rows with a newline; {@code \N} is NULL; backslash, tab, newline and carriage return inside
 * text are escaped, so no value can end a field, a row or the data early.
 */
final class CopyText extends CopyBuffer {

    /** Characters of a text value encoded at a time. */
    static final int PIECE = 8192;

    private final char[] piece = new char[PIECE];
    /** Takes the buffer's bytes and empties it, mid-value, or {@code null} to let the buffer grow instead. */
    private final Runnable drain;
    private final int drainAt;

    /** Rows that grow the buffer as far as they need. */
    CopyText() {
        this(null, Integer.MAX_VALUE);
    }

    /**
     * @param drain   called between the pieces of a text value once the buffer holds {@code drainAt} bytes or more;
     *                it must take the bytes and empty the buffer ({@link #clear} or {@link #replace}), so that a huge
     *                value (a rejected row of 16 Mi characters) never needs a buffer its size
     * @param drainAt how full the buffer may get before a text value drains it
     */
    CopyText(Runnable drain, int drainAt) {
        this.drain = drain;
        this.drainAt = drainAt;
    }

    /** Appends text, or NULL for {@code null}. */
    CopyText value(String value) {
        if (value == null) {
            ascii("\\N");
        } else {
            text(value);
        }
        return this;
    }

    /** Appends a whole number. */
    CopyText number(long value) {
        ascii(Long.toString(value));
        return this;
    }

    /** Ends a field. */
    CopyText tab() {
        put((byte) '\t');
        return this;
    }

    /** Ends a row. */
    CopyText endRow() {
        put((byte) '\n');
        return this;
    }

    /**
     * Appends text escaped for COPY, encoded as UTF-8 ({@link Utf8}): backslash, tab, newline and carriage return
     * become two-character escapes, the runs between them are encoded as they are. The text goes through in pieces of
     * {@link #PIECE} characters, so a huge value (a rejected row of 16 Mi characters) needs no copy of itself, and the
     * buffer grows by what it takes, not by three bytes a character of the whole value.
     */
    private void text(String value) {
        int from = 0;
        while (from < value.length()) {
            int to = Math.min(value.length(), from + PIECE);
            if (to < value.length() && Character.isHighSurrogate(value.charAt(to - 1))) {
                to--; // a surrogate pair stays in one piece, to be encoded as one character
            }
            value.getChars(from, to, piece, 0);
            if (drain != null && size >= drainAt) {
                drain.run();
            }
            escaped(to - from);
            from = to;
        }
    }

    private void escaped(int length) {
        ensure(length * 3);
        int run = 0;
        for (int i = 0; i < length; i++) {
            char c = piece[i];
            char code = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
            if (code != 0) {
                size = Utf8.encode(piece, run, i, bytes, size);
                escape(code);
                run = i + 1;
            }
        }
        size = Utf8.encode(piece, run, length, bytes, size);
    }

    private void escape(char code) {
        bytes[size++] = (byte) '\\';
        bytes[size++] = (byte) code;
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }
}
