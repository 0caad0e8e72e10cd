package org.loanetl.domain.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Month values in every form LendingClub files carry, stored as the first day of that month: {@code Dec-2011}; Excel
 * re-saves {@code Dec-18}, {@code 18-Dec}, {@code Oct-99} and {@code 5-Feb} (Excel drops a year's leading zero: years
 * of one or two digits, 00-30 are 20xx, 31-99 are 19xx, since LendingClub's earliest credit lines go back to the
 * 1940s and its loans end in 2020). ISO dates keep their day, as the c.2014 downloads write them: {@code 2011-12-29}
 * is that day, {@code 1985-01-29 12:12} too (a time of day is dropped), and the 2013 layout's
 * {@code 2011-12-01 00:00} is the first.
 */
final class Months {

    private static final String[] NAMES = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final String EXPECTED = "not a month";

    private Months() {
    }

    /** What {@link #commonForm} gives for text it leaves to {@link #parse}. */
    static final long NOT_COMMON = Long.MIN_VALUE;

    /**
     * The form nearly every value has, {@code Dec-2011} (any case), read from trimmed characters without making a
     * String: the epoch day of the month's first day, or {@link #NOT_COMMON} for anything else (then {@link #parse}
     * decides, and words any error).
     */
    static long commonForm(char[] c, int from, int to) {
        if (to - from != 8 || c[from + 3] != '-') {
            return NOT_COMMON;
        }
        int year = 0;
        for (int i = from + 4; i < to; i++) {
            char d = c[i];
            if (d < '0' || d > '9') {
                return NOT_COMMON;
            }
            year = year * 10 + (d - '0');
        }
        if (year < 1900 || year > 2999) {
            return NOT_COMMON;
        }
        int month = monthOf(asciiLower(c[from]), asciiLower(c[from + 1]), asciiLower(c[from + 2]));
        return month == 0 ? NOT_COMMON : firstDayOf(year, month);
    }

    /**
     * The epoch day of the first of a month, by arithmetic (what {@code LocalDate.of(year, month, 1).toEpochDay()}
     * gives, without its checks and objects): days of whole 400-year eras, then of years since the era began, then of
     * months since March, with years counted from March so that February's leap day comes last.
     */
    static long firstDayOf(int year, int month) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int monthFromMarch = month <= 2 ? month + 9 : month - 3;
        int dayOfYear = (153 * monthFromMarch + 2) / 5;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int monthOf(char a, char b, char c) {
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            if (name.charAt(0) == a && name.charAt(1) == b && name.charAt(2) == c) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Parses trimmed, non-empty text (the words that mean null are the rules' to catch, not this). */
    static LocalDate parse(String text, String raw) throws BadValueException {
        if (text.length() >= 10 && isDigits(text, 0, 4) && text.charAt(4) == '-') {
            return isoDate(text, raw);
        }
        int dash = text.indexOf('-');
        if (dash < 1 || dash != text.lastIndexOf('-')) {
            throw new BadValueException(EXPECTED, raw);
        }
        String left = text.substring(0, dash);
        String right = text.substring(dash + 1);
        if (isDigits(right, 0, right.length())) {
            return of(year(right, raw), month(left, raw), raw);
        }
        if (isDigits(left, 0, left.length())) {
            return of(year(left, raw), month(right, raw), raw);
        }
        throw new BadValueException(EXPECTED, raw);
    }

    /** {@code yyyy-MM-dd}, optionally followed by a time ({@code 00:00}, {@code 00:00:00}), with a space or a T. */
    private static LocalDate isoDate(String text, String raw) throws BadValueException {
        if (text.charAt(7) != '-' || !isDigits(text, 5, 7) || !isDigits(text, 8, 10) || !timeOk(text.substring(10))) {
            throw new BadValueException(EXPECTED, raw);
        }
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                    Integer.parseInt(text.substring(8, 10)));
            return day;
        } catch (DateTimeException e) {
            throw new BadValueException(EXPECTED, raw);
        }
    }

    private static boolean timeOk(String rest) {
        return rest.isEmpty() || rest.matches("[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    }

    private static int year(String digits, String raw) throws BadValueException {
        if (digits.length() == 4) {
            return Integer.parseInt(digits);
        }
        if (digits.length() == 1 || digits.length() == 2) {
            int yy = Integer.parseInt(digits);
            return yy <= 30 ? 2000 + yy : 1900 + yy;
        }
        throw new BadValueException(EXPECTED, raw);
    }

    private static int month(String name, String raw) throws BadValueException {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(lower)) {
                return i + 1;
            }
        }
        throw new BadValueException(EXPECTED, raw);
    }

    private static LocalDate of(int year, int month, String raw) throws BadValueException {
        if (year < 1900 || year > 2999) {
            throw new BadValueException(EXPECTED, raw);
        }
        return LocalDate.of(year, month, 1);
    }

    private static boolean isDigits(String s, int from, int to) {
        if (from >= to || to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
