package org.loanetl.domain.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact decimal parsing for money, ratios and percents: from the text straight to {@link BigDecimal}, never through
 * a binary floating-point type, so {@code 2.675} rounds to {@code 2.68} as a person would expect.
 */
final class Decimals {

    /** Stored values are {@code numeric(17,2)}: at most this many digits before the point. */
    static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_EXPONENT = 40;

    private Decimals() {
    }

    /** Parses trimmed decimal text and rounds it HALF_UP to 2 places; the text must be non-empty. */
    static BigDecimal twoPlaces(String text, String expected, String raw) throws BadValueException {
        char[] chars = text.toCharArray();
        long fast = plainTwoPlaces(chars, 0, chars.length);
        if (fast != NOT_PLAIN) {
            return BigDecimal.valueOf(fast, 2);
        }
        return slowTwoPlaces(text, expected, raw);
    }

    /**
     * {@link #twoPlaces} on the trimmed characters {@code chars[from, to)}, giving the unscaled value (cents for
     * money): it always fits a long, since at most {@value #MAX_INTEGER_DIGITS} digits stand before the point.
     * {@code raw} is the whole field, for a message; it is only read when the value is bad.
     */
    static long twoPlacesUnscaled(char[] chars, int from, int to, String expected, char[] raw, int rawFrom, int rawTo)
            throws BadValueException {
        long fast = plainTwoPlaces(chars, from, to);
        if (fast != NOT_PLAIN) {
            return fast;
        }
        return slowTwoPlaces(new String(chars, from, to - from), expected, new String(raw, rawFrom, rawTo - rawFrom))
                .unscaledValue().longValueExact();
    }

    private static BigDecimal slowTwoPlaces(String text, String expected, String raw) throws BadValueException {
        BigDecimal value = parse(text, expected, raw);
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP);
        if (rounded.precision() - rounded.scale() > MAX_INTEGER_DIGITS) {
            throw new BadValueException("out of range (more than " + MAX_INTEGER_DIGITS + " digits before the point)", raw);
        }
        return rounded;
    }

    private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L};
    /** Two-place values below this, unscaled, have at most {@link #MAX_INTEGER_DIGITS} digits before the point. */
    private static final long UNSCALED_LIMIT = POWERS[MAX_INTEGER_DIGITS + 2];

    /** What {@link #plainTwoPlaces} gives for text it leaves to the general path (no plain value is this small). */
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /**
     * The common case, {@code [+-]digits[.digits]} with at most 18 digits, rounded HALF_UP in exact integer
     * arithmetic (the same result as {@code new BigDecimal(text).setScale(2, HALF_UP)}, without its parsing cost),
     * unscaled; {@link #NOT_PLAIN} for anything else, which the general path handles.
     */
    private static long plainTwoPlaces(char[] text, int from, int to) {
        if (to == from) {
            return NOT_PLAIN;
        }
        int i = from;
        boolean negative = false;
        if (text[from] == '-' || text[from] == '+') {
            negative = text[from] == '-';
            i = from + 1;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < to; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return NOT_PLAIN;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return NOT_PLAIN;
            }
        }
        if (digits == 0) {
            return NOT_PLAIN;
        }
        scale = Math.max(scale, 0);
        if (scale > 2) {
            long divisor = POWERS[scale - 2];
            long rest = unscaled % divisor;
            unscaled = unscaled / divisor + (rest * 2 >= divisor ? 1 : 0);
        } else {
            long factor = POWERS[2 - scale];
            if (unscaled >= UNSCALED_LIMIT / factor) {
                return NOT_PLAIN;
            }
            unscaled *= factor;
        }
        if (unscaled >= UNSCALED_LIMIT) {
            return NOT_PLAIN;
        }
        return negative ? -unscaled : unscaled;
    }

    /** Parses trimmed decimal text exactly: digits, one optional point, an optional sign and a bounded exponent. */
    static BigDecimal parse(String text, String expected, String raw) throws BadValueException {
        if (!looksDecimal(text)) {
            throw new BadValueException(expected, raw);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadValueException(expected, raw);
        }
    }

    /**
     * Checks the characters BigDecimal would accept, and refuses what it accepts that a LendingClub file never
     * means (a huge exponent, which would make rounding slow).
     */
    private static boolean looksDecimal(String text) {
        int n = text.length();
        int i = 0;
        if (n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            i++;
        }
        boolean digits = false;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point) {
                point = true;
            } else if ((c == 'e' || c == 'E') && digits) {
                return exponentOk(text, i + 1);
            } else {
                return false;
            }
        }
        return digits;
    }

    private static boolean exponentOk(String text, int from) {
        int i = from;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        if (i >= text.length() || text.length() - i > 2) {
            return false;
        }
        for (int j = i; j < text.length(); j++) {
            if (text.charAt(j) < '0' || text.charAt(j) > '9') {
                return false;
            }
        }
        return Integer.parseInt(text.substring(i)) <= MAX_EXPONENT;
    }
}
