package org.loanetl.postgres;

import org.loanetl.domain.model.LoanRow;

/**
 * Rows in PostgreSQL's binary COPY format, into a growable byte buffer the caller drains in chunks. Binary rather
 * than text for the loans table because the server then parses no numbers, dates or escapes: on a 1M-row load the
 * server's share of the CPU is the largest single cost after our own parsing. Every value's wire form follows the
 * column types the loans table is made with: {@code bigint}, {@code integer}, {@code numeric(17,2)}, {@code date},
 * {@code text}. The server still checks each numeric against its column's precision, as it does for text.
 */
final class CopyBinary extends CopyBuffer {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    /** 2000-01-01, the server's day zero, as an epoch day. */
    private static final long SERVER_EPOCH_DAY = 10_957;

    /**
     * Text longer than this many characters is measured first (its length comes before it), then encoded
     * {@link #PIECE} characters at a time, the buffer handed on to the drain whenever the next piece does not fit: a
     * 15 MB {@code desc} then needs no 45 MB buffer (three bytes a character), nor any buffer its size. Shorter text,
     * nearly all of it, is encoded in one go, without the extra pass.
     */
    static final int MEASURE_FROM = 1 << 16;
    /** Characters of a long text encoded at a time. */
    static final int PIECE = 1 << 15;

    /** Empties the buffer mid-row for a long text, or {@code null} to let the buffer grow instead. */
    private final Runnable drain;
    /** Whether part of the row being written has been handed to the drain. */
    private boolean rowSplit;

    /** A numeric's base-10000 digits: at most 5 before the point (a long's worth) and 1 after. */
    private final int[] digits = new int[6];

    /** Rows that grow the buffer as far as they need. */
    CopyBinary() {
        this(null);
    }

    /**
     * @param drain called when a long text value does not fit what is left of the buffer; it must empty the buffer
     *              ({@link #clear} or {@link #replace}), having taken its bytes
     */
    CopyBinary(Runnable drain) {
        this.drain = drain;
    }

    /** The signature, flags and header extension that start the data. */
    CopyBinary header() {
        ensure(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, bytes, size, SIGNATURE.length);
        size += SIGNATURE.length;
        int32(0);
        int32(0);
        return this;
    }

    /** A row of {@code fields} values follows. */
    CopyBinary startRow(int fields) {
        rowSplit = false;
        ensure(2);
        int16(fields);
        return this;
    }

    /** A {@code bigint}. */
    CopyBinary int8(long value) {
        ensure(12);
        int32(8);
        int64(value);
        return this;
    }

    /** Value {@code i} of a row, in its column's wire form. */
    CopyBinary value(LoanRow row, int i) {
        if (row.isNull(i)) {
            ensure(4);
            int32(-1);
            return this;
        }
        long number = row.number(i);
        switch (row.type(i)) {
            case DECIMAL2 -> numeric(number);
            case WHOLE -> int8(number);
            case SMALL_WHOLE -> {
                ensure(8);
                int32(4);
                int32(Math.toIntExact(number));
            }
            case DAY -> {
                ensure(8);
                int32(4);
                int32(Math.toIntExact(number - SERVER_EPOCH_DAY));
            }
            case TEXT -> text(row.chars(), row.textStart(i), row.textEnd(i));
            default -> throw new IllegalArgumentException("cannot store a value of type " + row.type(i));
        }
        return this;
    }

    /** The trailer that ends the data. */
    CopyBinary trailer() {
        ensure(2);
        int16(-1);
        return this;
    }

    /**
     * A two-place decimal from its unscaled value, as the server's numeric: base-10000 digits, most significant
     * first, with the weight of the first (its power of 10000), the sign and the display scale; no leading or
     * trailing zero digits, and none at all for zero.
     */
    private void numeric(long unscaled) {
        long magnitude = Math.abs(unscaled); // never Long.MIN_VALUE: at most 17 digits are stored
        long whole = magnitude / 100;
        int cents = (int) (magnitude % 100);
        int count = 0;
        int weight;
        if (whole == 0) {
            weight = -1;
        } else {
            int groups = 0;
            for (long rest = whole; rest != 0; rest /= 10_000) {
                groups++;
            }
            weight = groups - 1;
            long rest = whole;
            for (int g = groups - 1; g >= 0; g--) {
                digits[g] = (int) (rest % 10_000);
                rest /= 10_000;
            }
            count = groups;
        }
        if (cents != 0) {
            digits[count++] = cents * 100;
        }
        while (count > 0 && digits[count - 1] == 0) {
            count--;
        }
        if (count == 0) {
            weight = 0;
        }
        ensure(12 + 2 * count);
        int32(8 + 2 * count);
        int16(count);
        int16(weight);
        int16(unscaled < 0 && count > 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        int16(2);
        for (int d = 0; d < count; d++) {
            int16(digits[d]);
        }
    }

    /** Text as UTF-8, its length first; no escaping. */
    private void text(char[] text, int from, int to) {
        if (to - from > MEASURE_FROM) {
            longText(text, from, to);
            return;
        }
        ensure(4 + (to - from) * 3);
        int lengthAt = size;
        size = Utf8.encode(text, from, to, bytes, lengthAt + 4);
        int length = size - lengthAt - 4;
        bytes[lengthAt] = (byte) (length >>> 24);
        bytes[lengthAt + 1] = (byte) (length >>> 16);
        bytes[lengthAt + 2] = (byte) (length >>> 8);
        bytes[lengthAt + 3] = (byte) length;
    }

    /** Text in pieces, draining the buffer between them where it fills up. */
    private void longText(char[] text, int from, int to) {
        ensure(4);
        int32(Utf8.length(text, from, to)); // throws on a NUL character before any of the text is written
        int at = from;
        while (at < to) {
            int end = Math.min(to, at + PIECE);
            if (end < to && Character.isHighSurrogate(text[end - 1])) {
                end--; // a surrogate pair stays in one piece, to be encoded as one character
            }
            if (drain != null && (end - at) * 3 > bytes.length - size) {
                drain.run();
                rowSplit = true;
            }
            ensure((end - at) * 3);
            size = Utf8.encode(text, at, end, bytes, size);
            at = end;
        }
    }

    /** Whether part of the row being written has gone to the drain already: then it cannot be taken back. */
    boolean rowSplit() {
        return rowSplit;
    }

    /** Drops what was written after the first {@code length} bytes (a row that failed half-way). */
    void truncate(int length) {
        size = Math.min(size, length);
    }

    private void int16(int value) {
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void int32(int value) {
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }
}
