package org.loanetl.domain.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One loaded row: its values typed, in the order of the file's known columns ({@code FileLayout.columns()}).
 *
 * <p>Held without an object per value, since a row is made for every line of a file: every value but text is a
 * {@code long} ({@link ValueType} says what it means), and text is a slice of the row's characters as read. Sinks
 * that write rows in bulk read {@link #number}, {@link #chars()}, {@link #textStart} and {@link #textEnd}; anything
 * else may ask for {@link #value}: a {@link BigDecimal} (money, ratio, percent), {@link Long} (integer),
 * {@link Integer} (term), {@link LocalDate} (month), {@link String} (text) or {@code null}.
 *
 * <p>Arrays are not copied, for speed on the hot path: the classifier hands over fresh ones per row.
 */
public final class LoanRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final ValueType[] types;
    private final long[] numbers;
    /** Per column: where its text starts in {@link #chars}, or -1 for null (any type). */
    private final int[] starts;
    private final int[] ends;
    private final char[] chars;

    /**
     * @param line    the line the row starts on, counted from 1 at the top of the file
     * @param types   each column's type (shared by every row of a file)
     * @param numbers each non-text value
     * @param starts  per column: -1 for null; for non-null text, where it starts in {@code chars}; for any other
     *                non-null value, zero or more
     * @param ends    per column: for text, where it ends in {@code chars} (exclusive)
     * @param chars   the characters text values are slices of
     */
    public LoanRow(long line, ValueType[] types, long[] numbers, int[] starts, int[] ends, char[] chars) {
        if (numbers.length != types.length || starts.length != types.length || ends.length != types.length) {
            throw new IllegalArgumentException("a row needs one number, start and end per column");
        }
        this.line = line;
        this.types = types;
        this.numbers = numbers;
        this.starts = starts;
        this.ends = ends;
        this.chars = chars;
    }

    /**
     * A row from boxed values, each one of the types {@link #value} gives (or {@code null}); for tests and callers
     * that build rows by hand. Column types are taken from the values; a null column is text.
     */
    public static LoanRow of(long line, Object... values) {
        int n = values.length;
        ValueType[] types = new ValueType[n];
        long[] numbers = new long[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Object value = values[i];
            starts[i] = 0;
            if (value == null) {
                types[i] = ValueType.TEXT;
                starts[i] = -1;
            } else if (value instanceof BigDecimal decimal) {
                types[i] = ValueType.DECIMAL2;
                numbers[i] = decimal.setScale(2).unscaledValue().longValueExact();
            } else if (value instanceof Long number) {
                types[i] = ValueType.WHOLE;
                numbers[i] = number;
            } else if (value instanceof Integer number) {
                types[i] = ValueType.SMALL_WHOLE;
                numbers[i] = number;
            } else if (value instanceof LocalDate day) {
                types[i] = ValueType.DAY;
                numbers[i] = day.toEpochDay();
            } else if (value instanceof String string) {
                types[i] = ValueType.TEXT;
                starts[i] = text.length();
                text.append(string);
                ends[i] = text.length();
            } else {
                throw new IllegalArgumentException("not a value a row holds: " + value.getClass().getName());
            }
        }
        char[] chars = new char[text.length()];
        text.getChars(0, chars.length, chars, 0);
        return new LoanRow(line, types, numbers, starts, ends, chars);
    }

    /** The line the row starts on, counted from 1 at the top of the file. */
    public long line() {
        return line;
    }

    /** How many values: the file's known columns. */
    public int size() {
        return types.length;
    }

    /** How column {@code i}'s value is held. */
    public ValueType type(int i) {
        return types[i];
    }

    public boolean isNull(int i) {
        return starts[i] < 0;
    }

    /** A non-text, non-null value: unscaled for {@link ValueType#DECIMAL2}, the epoch day for {@link ValueType#DAY}. */
    public long number(int i) {
        return numbers[i];
    }

    /** The characters text values are slices of. */
    public char[] chars() {
        return chars;
    }

    /** Where a non-null text value starts in {@link #chars()}. */
    public int textStart(int i) {
        return starts[i];
    }

    /** Where a non-null text value ends (exclusive) in {@link #chars()}. */
    public int textEnd(int i) {
        return ends[i];
    }

    /** The value at a position of the file's known columns, boxed; {@code null} for null. */
    public Object value(int i) {
        if (starts[i] < 0) {
            return null;
        }
        return switch (types[i]) {
            case DECIMAL2 -> BigDecimal.valueOf(numbers[i], 2);
            case WHOLE -> numbers[i];
            case SMALL_WHOLE -> (int) numbers[i];
            case DAY -> LocalDate.ofEpochDay(numbers[i]);
            case TEXT -> new String(chars, starts[i], ends[i] - starts[i]);
        };
    }

    /** Every value, boxed, in a new array. */
    public Object[] values() {
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(i);
        }
        return values;
    }

    @Override
    public String toString() {
        return "LoanRow[line=" + line + ", values=" + Arrays.toString(values()) + "]";
    }
}
