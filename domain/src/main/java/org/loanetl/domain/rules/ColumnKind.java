package org.loanetl.domain.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.ValueType;

/**
 * The kind of a LendingClub column, which says how its raw text is cast. For every kind an empty field (or, for
 * all but text, a field of spaces only) is {@code null}. Text is kept exactly as read; every other kind is read
 * from its trimmed text, straight from the tokenizer's characters into a {@code long} (see {@link ValueType}).
 */
public enum ColumnKind {

    /** Currency amounts: exact decimal, HALF_UP to 2 places ({@code 15823.99905} is {@code 15824.00}). */
    MONEY(ValueType.DECIMAL2, "not an amount"),
    /**
     * Ratios ({@code dti} {@code 29.44}): exact decimal, HALF_UP to 2 places; a trailing {@code %} is allowed, as the
     * c.2012 download writes {@code Debt-To-Income Ratio} ({@code 14.29%}).
     */
    RATIO(ValueType.DECIMAL2, "not a decimal number"),
    /** Percents, with or without {@code %} and spaces ({@code " 10.65%"}): percent points, HALF_UP to 2 places. */
    PERCENT(ValueType.DECIMAL2, "not a percentage"),
    /** Whole numbers (ids, counts, scores): {@code 3.0} is 3, {@code 3.5} is a bad value; stored as a 64-bit integer. */
    INTEGER(ValueType.WHOLE, "not an integer"),
    /** Months in any of LendingClub's forms, stored as the first day of the month, or the day an ISO date names. */
    MONTH(ValueType.DAY, "not a month"),
    /** The loan term ({@code " 36 months"}): whole months. */
    TERM(ValueType.SMALL_WHOLE, "not a term"),
    /** Everything else: kept exactly as read, spaces included. */
    TEXT(ValueType.TEXT, "");

    private static final long NOT_PLAIN = Long.MIN_VALUE;

    private final ValueType type;
    /** What a bad value is said not to be: {@code not an amount}. */
    final String expected;

    ColumnKind(ValueType type, String expected) {
        this.type = type;
        this.expected = expected;
    }

    /** How a {@link LoanRow} holds a value of this kind. */
    public ValueType valueType() {
        return type;
    }

    /**
     * Casts one raw field, boxed as {@link LoanRow#value} gives it.
     *
     * @return the typed value, or {@code null} for an empty field
     * @throws BadValueException with a message such as {@code not a percentage: "abc"}
     */
    public Object cast(String raw) throws BadValueException {
        if (this == TEXT) {
            return raw.isEmpty() ? null : raw;
        }
        char[] chars = raw.toCharArray();
        long[] out = new long[1];
        if (!parse(chars, 0, chars.length, out, 0)) {
            return null;
        }
        return box(out[0]);
    }

    private Object box(long value) {
        return switch (type) {
            case DECIMAL2 -> BigDecimal.valueOf(value, 2);
            case WHOLE -> value;
            case SMALL_WHOLE -> (int) value;
            case DAY -> LocalDate.ofEpochDay(value);
            case TEXT -> throw new IllegalStateException("text is not a number");
        };
    }

    /**
     * Casts the raw field {@code chars[from, to)} of a kind other than text into {@code out[index]}.
     *
     * @return false for null (an empty or blank field)
     * @throws BadValueException with a message such as {@code not a percentage: "abc"}
     */
    public boolean parse(char[] chars, int from, int to, long[] out, int index) throws BadValueException {
        int start = trimmedStart(chars, from, to);
        int end = trimmedEnd(chars, start, to);
        if (start == end) {
            return false;
        }
        return parse(chars, start, end, from, to, out, index);
    }

    /**
     * Casts trimmed, non-empty {@code c[from, to)}; {@code c[rawFrom, rawTo)} is the whole field, for a message. The one
     * dispatch of every kind: a switch the compiler can inline, rather than a virtual call per field.
     */
    boolean parse(char[] c, int from, int to, int rawFrom, int rawTo, long[] out, int index) throws BadValueException {
        switch (this) {
            case MONEY -> out[index] = Decimals.twoPlacesUnscaled(c, from, to, expected, c, rawFrom, rawTo);
            case RATIO, PERCENT -> out[index] = withoutPercentSign(c, from, to, rawFrom, rawTo, expected);
            case INTEGER -> {
                long plain = plainWhole(c, from, to);
                out[index] = plain != NOT_PLAIN ? plain : wholeNumber(c, from, to, rawFrom, rawTo);
            }
            case MONTH -> {
                long day = Months.commonForm(c, from, to);
                out[index] = day != Months.NOT_COMMON ? day
                        : Months.parse(new String(c, from, to - from), new String(c, rawFrom, rawTo - rawFrom)).toEpochDay();
            }
            case TERM -> out[index] = months(c, from, to, rawFrom, rawTo);
            case TEXT -> throw new UnsupportedOperationException("text is kept as read, not parsed");
        }
        return true;
    }

    /** A decimal that may end in {@code %} (and spaces before it), HALF_UP to 2 places, unscaled. */
    private static long withoutPercentSign(char[] c, int from, int to, int rawFrom, int rawTo, String expected)
            throws BadValueException {
        int end = to;
        if (c[end - 1] == '%') {
            end = trimmedEnd(c, from, end - 1);
        }
        return Decimals.twoPlacesUnscaled(c, from, end, expected, c, rawFrom, rawTo);
    }

    /** A whole number past {@link #plainWhole}: {@code 3.0}, an exponent, or too many digits. */
    private long wholeNumber(char[] c, int from, int to, int rawFrom, int rawTo) throws BadValueException {
        String raw = new String(c, rawFrom, rawTo - rawFrom);
        BigDecimal value = Decimals.parse(new String(c, from, to - from), expected, raw);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new BadValueException(value.stripTrailingZeros().scale() > 0 ? "not an integer" : "out of range", raw);
        }
    }

    /** A term's count of months ({@code 36}, {@code 36 months}, {@code 1 month}): no sign, at most three digits. */
    private long months(char[] c, int from, int to, int rawFrom, int rawTo) throws BadValueException {
        int end = endsWithIgnoreCase(c, from, to, "months") ? to - 6
                : endsWithIgnoreCase(c, from, to, "month") ? to - 5 : to;
        end = trimmedEnd(c, from, end);
        int months = 0;
        for (int i = from; i < end; i++) {
            months = c[i] >= '0' && c[i] <= '9' ? months * 10 + (c[i] - '0') : -1;
            if (months < 0) {
                break;
            }
        }
        if (end == from || end - from > 3 || months <= 0) {
            throw new BadValueException(expected, new String(c, rawFrom, rawTo - rawFrom));
        }
        return months;
    }

    /** Where {@code c[from, to)} starts once trimmed as {@link String#trim()} trims: everything up to U+0020. */
    static int trimmedStart(char[] c, int from, int to) {
        int start = from;
        while (start < to && c[start] <= ' ') {
            start++;
        }
        return start;
    }

    /** Where {@code c[from, to)} ends once trimmed as {@link String#trim()} trims. */
    static int trimmedEnd(char[] c, int from, int to) {
        int end = to;
        while (end > from && c[end - 1] <= ' ') {
            end--;
        }
        return end;
    }

    /** The name used in the catalog file: {@code money}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code [+-]digits}, at most 18 digits, as a long; {@link #NOT_PLAIN} for anything else. */
    private static long plainWhole(char[] c, int from, int to) {
        int i = from;
        boolean negative = c[i] == '-';
        if (negative || c[i] == '+') {
            i++;
        }
        if (i == to || to - i > 18) {
            return NOT_PLAIN;
        }
        long value = 0;
        for (; i < to; i++) {
            char d = c[i];
            if (d < '0' || d > '9') {
                return NOT_PLAIN;
            }
            value = value * 10 + (d - '0');
        }
        return negative ? -value : value;
    }

    /** Whether {@code c[from, to)} ends with an ASCII lower-case word, in any case. */
    private static boolean endsWithIgnoreCase(char[] c, int from, int to, String word) {
        int start = to - word.length();
        if (start < from) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char ch = c[start + i];
            if ((ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
