package org.loanetl.postgres;

/** UTF-8 for the COPY writers, straight into their buffers. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * How many bytes {@link #encode} makes of {@code text[from, to)}; one pass, no allocation.
     *
     * @throws IllegalArgumentException on a NUL character, as {@link #encode} would
     */
    static int length(char[] text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c < 0x80) {
                if (c == 0) {
                    throw nul();
                }
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text[i + 1])) {
                i++;
                bytes += 4;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Encodes {@code text[from, to)} into {@code out} at {@code at}, which must have room for 3 bytes a char; an
     * unpaired surrogate becomes {@code ?}, as in Java.
     *
     * @return where the encoded text ends in {@code out}
     * @throws IllegalArgumentException on a NUL character, which PostgreSQL cannot store in text
     */
    static int encode(char[] text, int from, int to, byte[] out, int at) {
        int size = at;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c < 0x80) {
                if (c == 0) {
                    throw nul();
                }
                out[size++] = (byte) c;
            } else if (c < 0x800) {
                out[size++] = (byte) (0xC0 | c >> 6);
                out[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text[i + 1])) {
                int code = Character.toCodePoint(c, text[++i]);
                out[size++] = (byte) (0xF0 | code >> 18);
                out[size++] = (byte) (0x80 | code >> 12 & 0x3F);
                out[size++] = (byte) (0x80 | code >> 6 & 0x3F);
                out[size++] = (byte) (0x80 | code & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[size++] = (byte) '?';
            } else {
                out[size++] = (byte) (0xE0 | c >> 12);
                out[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return size;
    }

    private static IllegalArgumentException nul() {
        return new IllegalArgumentException("a text value holds a NUL character, which PostgreSQL cannot store");
    }
}
