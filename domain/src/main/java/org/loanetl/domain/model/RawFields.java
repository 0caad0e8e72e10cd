package org.loanetl.domain.model;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One record's fields as the tokenizer left them: unquoted, exactly as read, all in one character array with the
 * bounds of each field. The reader hands these out instead of a String per field, so casting reads numbers straight
 * from the characters and only text that is kept becomes a String; as a {@link List} it still reads like one.
 * Immutable once built; the arrays are not copied, for speed on the hot path.
 */
public final class RawFields extends AbstractList<String> implements RandomAccess, Serializable {

    private static final long serialVersionUID = 1L;
    private static final long[] NONE_QUOTED = new long[0];

    private final char[] chars;
    /** Field {@code i} is {@code chars[bounds[i], bounds[i + 1])}; {@code bounds[0]} is 0. */
    private final int[] bounds;
    private final int size;
    /** Bit {@code i % 64} of word {@code i / 64} is set when field {@code i} was quoted. */
    private final long[] quoted;

    /**
     * Fields none of which was quoted.
     *
     * @param chars  the fields' characters, one after another
     * @param bounds {@code size + 1} offsets into {@code chars}: field {@code i} is {@code [bounds[i], bounds[i + 1])}
     * @param size   how many fields
     */
    public RawFields(char[] chars, int[] bounds, int size) {
        this(chars, bounds, size, NONE_QUOTED);
    }

    /**
     * @param quoted which fields were quoted in the file: bit {@code i % 64} of {@code quoted[i / 64]} for field
     *               {@code i}; missing words are fields not quoted
     */
    public RawFields(char[] chars, int[] bounds, int size, long[] quoted) {
        if (bounds.length < size + 1 || bounds[0] != 0 || bounds[size] > chars.length) {
            throw new IllegalArgumentException("bounds do not fit " + size + " fields in " + chars.length + " chars");
        }
        this.chars = chars;
        this.bounds = bounds;
        this.size = size;
        this.quoted = quoted;
    }

    /** The same fields from strings (tests, and callers that hold a record as a list). */
    public static RawFields of(List<String> fields) {
        int total = 0;
        for (String field : fields) {
            total += field.length();
        }
        char[] chars = new char[total];
        int[] bounds = new int[fields.size() + 1];
        int at = 0;
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            field.getChars(0, field.length(), chars, at);
            at += field.length();
            bounds[i + 1] = at;
        }
        return new RawFields(chars, bounds, fields.size());
    }

    @Override
    public int size() {
        return size;
    }

    /** Field {@code i} as a new String. */
    @Override
    public String get(int i) {
        return new String(chars, start(i), length(i));
    }

    /** The characters every field is a slice of. */
    public char[] chars() {
        return chars;
    }

    /** Where field {@code i} starts in {@link #chars()}. */
    public int start(int i) {
        checkIndex(i);
        return bounds[i];
    }

    /** Where field {@code i} ends (exclusive) in {@link #chars()}. */
    public int end(int i) {
        checkIndex(i);
        return bounds[i + 1];
    }

    /** Length of field {@code i}. */
    public int length(int i) {
        checkIndex(i);
        return bounds[i + 1] - bounds[i];
    }

    /** Whether field {@code i} was quoted in the file (its characters are without the quotes, and unescaped). */
    public boolean quoted(int i) {
        checkIndex(i);
        int word = i >>> 6;
        return word < quoted.length && (quoted[word] & (1L << i)) != 0;
    }

    /** Whether field {@code i} is empty or only whitespace, as {@link String#isBlank()} says. */
    public boolean isBlank(int i) {
        for (int at = start(i), end = bounds[i + 1]; at < end; at++) {
            if (!Character.isWhitespace(chars[at])) {
                return false;
            }
        }
        return true;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("field " + i + " of " + size);
        }
    }
}
