package org.loanetl.postgres;

/**
 * The rejects' rows in PostgreSQL's COPY text format, UTF-8 encoded into a growable byte buffer that the caller drains
 * in chunks (the loans go in binary, {@link CopyBinary}, which costs the server less on millions of rows). Text for
 * the rejects because they are few, all text and numbers, and a failing row reads clearly in the server's error.
 * Fields end with a tab, rows with a newline; {@code \N} is NULL; backslash, tab, newline and carriage return inside
 * text are escaped, so no value can end a field, a row or the data early.
 */
final class CopyText extends CopyBuffer {

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
     * become two-character escapes, the runs between them are encoded as they are.
     */
    private void text(String value) {
        char[] text = value.toCharArray();
        ensure(text.length * 3);
        int run = 0;
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            char code = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
            if (code != 0) {
                size = Utf8.encode(text, run, i, bytes, size);
                escape(code);
                run = i + 1;
            }
        }
        size = Utf8.encode(text, run, text.length, bytes, size);
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
