package org.loanetl.postgres;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Rows in PostgreSQL's COPY text format, UTF-8 encoded into a growable byte buffer that the caller drains in chunks;
 * for the rejects (the loans go in binary, {@link CopyBinary}, which costs the server less on millions of rows).
 * Text format for the rejects because every value here has a plain text form the server parses exactly
 * ({@code toPlainString()} decimals, ISO dates), it needs no per-type wire encoding, and a failing row reads clearly
 * in the server's error. Fields end with a tab, rows with a newline; {@code \N} is NULL; backslash, tab, newline and
 * carriage return inside text are escaped, so no value can end a field, a row or the data early.
 */
final class CopyText extends CopyBuffer {


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
