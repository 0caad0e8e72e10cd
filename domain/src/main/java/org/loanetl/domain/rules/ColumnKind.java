package org.loanetl.domain.rules;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The kind of a LendingClub column, which says how its raw text is cast. For every kind an empty field (or, for
 * all but text, a field of spaces only) is {@code null}. Text is kept exactly as read; every other kind is read
 * from its trimmed text.
 */
public enum ColumnKind {

    /** Currency amounts: exact decimal, HALF_UP to 2 places ({@code 15823.99905} is {@code 15824.00}). */
    MONEY {
        @Override
        Object castTrimmed(String text, String raw) throws BadValueException {
            return Decimals.twoPlaces(text, "not an amount", raw);
        }
    },
    /** Ratios written without a percent sign ({@code dti} {@code 29.44}): exact decimal, HALF_UP to 2 places. */
    RATIO {
        @Override
        Object castTrimmed(String text, String raw) throws BadValueException {
            return Decimals.twoPlaces(text, "not a decimal number", raw);
        }
    },
    /** Percents, with or without {@code %} and spaces ({@code " 10.65%"}): percent points, HALF_UP to 2 places. */
    PERCENT {
        @Override
        Object castTrimmed(String text, String raw) throws BadValueException {
            String number = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
            return Decimals.twoPlaces(number, "not a percentage", raw);
        }
    },
    /** Whole numbers (ids, counts, scores): {@code 3.0} is 3, {@code 3.5} is a bad value; stored as a 64-bit integer. */
    INTEGER {
        @Override
        Object castTrimmed(String text, String raw) throws BadValueException {
            if (text.length() <= 18 && plainDigits(text)) {
                return Long.parseLong(text);
            }
            BigDecimal value = Decimals.parse(text, "not an integer", raw);
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw new BadValueException(value.stripTrailingZeros().scale() > 0 ? "not an integer" : "out of range", raw);
            }
        }
    },
    /** Months in any of LendingClub's forms, stored as the first day of the month. */
    MONTH {
        @Override
        Object castTrimmed(String text, String raw) throws BadValueException {
            return Months.parse(text, raw);
        }
    },
    /** The loan term ({@code " 36 months"}): whole months. */
    TERM {
        @Override
        Object castTrimmed(String text, String raw) throws BadValueException {
            String lower = text.toLowerCase(Locale.ROOT);
            String number = lower.endsWith("months") ? lower.substring(0, lower.length() - 6)
                    : lower.endsWith("month") ? lower.substring(0, lower.length() - 5) : lower;
            number = number.trim();
            // A term is a count of months: no sign ("-36 months" is not a term, nor is "+36 months").
            if (number.isEmpty() || number.length() > 3 || !Character.isDigit(number.charAt(0)) || !plainDigits(number)
                    || Integer.parseInt(number) == 0) {
                throw new BadValueException("not a term", raw);
            }
            return Integer.parseInt(number);
        }
    },
    /** Everything else: kept exactly as read, spaces included. */
    TEXT {
        @Override
        Object castTrimmed(String text, String raw) {
            return raw;
        }

        @Override
        public Object cast(String raw) {
            return raw.isEmpty() ? null : raw;
        }
    };

    /**
     * Casts one raw field.
     *
     * @return the typed value, or {@code null} for an empty field
     * @throws BadValueException with a message such as {@code not a percentage: "abc"}
     */
    public Object cast(String raw) throws BadValueException {
        String text = raw.trim();
        return text.isEmpty() ? null : castTrimmed(text, raw);
    }

    abstract Object castTrimmed(String text, String raw) throws BadValueException;

    /** The name used in the catalog file: {@code money}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static boolean plainDigits(String text) {
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
