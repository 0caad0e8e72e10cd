package org.loanetl.postgres;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.loanetl.domain.model.LoanRow;

/**
 * Rows in PostgreSQL's COPY text format, UTF-8 encoded into a growable byte buffer that the caller drains in chunks.
 * Text format rather than binary because every value here has a plain text form the server parses exactly
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

    /** Appends value {@code i} of a row, read without boxing: the hot path, run for every column of every row. */
    CopyText value(LoanRow row, int i) {
        if (row.isNull(i)) {
            ensure(2);
            bytes[size++] = (byte) '\\';
            bytes[size++] = (byte) 'N';
            return this;
        }
        switch (row.type(i)) {
            case DECIMAL2 -> cents(row.number(i));
            case WHOLE, SMALL_WHOLE -> digits(row.number(i));
            case DAY -> day(row.number(i));
            case TEXT -> text(row.chars(), row.textStart(i), row.textEnd(i));
            default -> throw new IllegalArgumentException("cannot store a value of type " + row.type(i));
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
        cents(value.unscaledValue().longValue());
    }

    /** A two-place decimal from its unscaled value (which is never Long.MIN_VALUE: at most 17 digits are stored). */
    private void cents(long unscaled) {
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

    /**
     * An epoch day as {@code yyyy-mm-dd}, by arithmetic for the years a month column holds (1900 to 2999): whole
     * 400-year eras, the year of the era, then the day of a year that starts in March, so February's leap day comes
     * last. Other days go through {@link LocalDate}.
     */
    private void day(long epochDay) {
        if (epochDay < FIRST_FAST_DAY || epochDay > LAST_FAST_DAY) {
            date(LocalDate.ofEpochDay(epochDay));
            return;
        }
        int days = (int) epochDay + 719_468; // days since 0000-03-01
        int era = days / 146_097;
        int dayOfEra = days - era * 146_097;
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        ensure(10);
        digits(year);
        bytes[size++] = (byte) '-';
        twoDigits(month);
        bytes[size++] = (byte) '-';
        twoDigits(dayOfMonth);
    }

    private static final long FIRST_FAST_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final long LAST_FAST_DAY = LocalDate.of(2999, 12, 31).toEpochDay();

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

    private void text(String text) {
        char[] chars = text.toCharArray();
        text(chars, 0, chars.length);
    }

    /** Appends text escaped for COPY, encoded as UTF-8 (an unpaired surrogate becomes {@code ?}, as in Java). */
    private void text(char[] text, int from, int to) {
        ensure((to - from) * 3);
        for (int i = from; i < to; i++) {
            char c = text[i];
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
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text[i + 1])) {
                int code = Character.toCodePoint(c, text[++i]);
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
