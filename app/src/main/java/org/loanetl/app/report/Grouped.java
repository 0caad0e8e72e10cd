package org.loanetl.app.report;

import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers with their digits grouped, as {@code String.format("%,d")} writes them. */
final class Grouped {

    private static final char SEPARATOR = DecimalFormatSymbols.getInstance(Locale.getDefault(Locale.Category.FORMAT))
            .getGroupingSeparator();

    private Grouped() {
    }

    /**
     * {@code String.format("%,d", value)} without parsing a format and building a {@code Formatter} each time: the
     * report has nine numbers a file, the progress log four, and a run may have 100,000 files.
     */
    static String digits(long value) {
        String digits = Long.toString(value);
        int sign = value < 0 ? 1 : 0;
        int length = digits.length() - sign;
        StringBuilder out = new StringBuilder(digits.length() + length / 3);
        out.append(digits, 0, sign);
        int first = length % 3 == 0 ? 3 : length % 3;
        out.append(digits, sign, sign + first);
        for (int at = sign + first; at < digits.length(); at += 3) {
            out.append(SEPARATOR).append(digits, at, at + 3);
        }
        return out.toString();
    }
}
