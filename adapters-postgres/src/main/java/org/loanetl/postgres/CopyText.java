package org.loanetl.postgres;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format, UTF-8 encoded into a growable byte buffer that the caller drains in chunks;
 * for the rejects (the loans go in binary, {@link CopyBinary}, which costs the server less on millions of rows).
 * Text format for the rejects because every value here has a plain text form the server parses exactly
 * ({@code toPlainString()} decimals, ISO dates), it needs no per-type wire encoding, and a failing row reads clearly
 * in the server's error. Fields end with a tab, rows with a newline; {@code \N} is NULL; backslash, tab, newline and
 * carriage return inside text are escaped, so no value can end a field, a row or the data early.
 */
final class CopyText {

    private static final int INITIAL_CAPACITY = 64 * 1024;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;

    /** Appends one value: {@code null}, a String, BigDecimal, Long, Integer or LocalDate. */
    CopyText value(Object value) {
        if (value == null) {
            ascii("\\N");
        } else if (value instanceof String text) {
            text(text);
        } else if (value instanceof BigDecimal decimal) {
            decimal(decimal);
        } else if (value instanceof Long number) {
            digits(number);
        } else if (value instanceof Integer number) {
            digits(number);
        } else if (value instanceof LocalDate date) {
            date(date);
        } else {
            throw new IllegalArgumentException("cannot store a value of type " + value.getClass().getName());
        }
        return this;
    }

    /** Appends a whole number. */
    CopyText number(long value) {
        digits(value);
        return this;
    }

    /**
     * A decimal as PostgreSQL reads it. The common case, two places and a long's worth of digits (every stored money,
     * ratio and percent), is written digit by digit without building a string: this runs for dozens of fields a row.
     */
    private void decimal(BigDecimal value) {
        if (value.scale() != 2 || value.precision() > 18) {
            ascii(value.toPlainString());
            return;
        }
        long unscaled = value.unscaledValue().longValue();
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        digits(unscaled / 100);
        ensure(3);
        int cents = (int) (unscaled % 100);
        bytes[size++] = (byte) '.';
        bytes[size++] = (byte) ('0' + cents / 10);
        bytes[size++] = (byte) ('0' + cents % 10);
    }

    /** A date as {@code yyyy-mm-dd} (years 1000 to 9999, which is all a month column can hold). */
    private void date(LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            ascii(date.toString());
            return;
        }
        ensure(10);
        digits(year);
        bytes[size++] = (byte) '-';
        twoDigits(date.getMonthValue());
        bytes[size++] = (byte) '-';
        twoDigits(date.getDayOfMonth());
    }

    private void twoDigits(int value) {
        bytes[size++] = (byte) ('0' + value / 10);
        bytes[size++] = (byte) ('0' + value % 10);
    }

    /** A whole number in decimal digits, written straight into the buffer. */
    private void digits(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = (byte) '-';
            value = -value;
        }
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte swap = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = swap;
        }
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

    int size() {
        return size;
    }

    /** The buffer; bytes {@code [0, size())} are the rows written since the last {@link #clear()}. */
    byte[] bytes() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    /** Appends text escaped for COPY, encoded as UTF-8 (an unpaired surrogate becomes {@code ?}, as in Java). */
    private void text(String text) {
        ensure(text.length() * 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                escape('\\');
            } else if (c == '\t') {
                escape('t');
            } else if (c == '\n') {
                escape('n');
            } else if (c == '\r') {
                escape('r');
            } else if (c == 0) {
                throw new IllegalArgumentException("a text value holds a NUL character, which PostgreSQL cannot store");
            } else if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xC0 | c >> 6);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                bytes[size++] = (byte) (0xF0 | code >> 18);
                bytes[size++] = (byte) (0x80 | code >> 12 & 0x3F);
                bytes[size++] = (byte) (0x80 | code >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | code & 0x3F);
            } else if (Character.isSurrogate(c)) {
                bytes[size++] = (byte) '?';
            } else {
                bytes[size++] = (byte) (0xE0 | c >> 12);
                bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
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

    /** Room for {@code more} bytes; an escaped char takes 2 bytes and any char at most 3 (a surrogate pair 4 for 2). */
    private void ensure(int more) {
        if (more > bytes.length - size) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
