package org.loanetl.domain.read;

import java.util.List;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loanetl.domain.model.RawFields;

/**
 * Lines that are not loans and are skipped (and counted), never rejected: blank lines, lines of commas only, and a
 * line whose one non-blank field is LendingClub's notice, a credit-policy section separator or a funding footer.
 */
final class NonLoanLines {

    private static final List<String> PREFIXES = List.of(
            "notes offered by prospectus",
            "loans that do not meet the credit policy",
            "loans that do not meet the current credit policy",
            "total amount funded in policy code");

    private NonLoanLines() {
    }

    /** Whether a record is a non-loan line. */
    static boolean isNonLoan(List<String> fields) {
        return isNonLoan(fields instanceof RawFields raw ? raw : RawFields.of(fields));
    }

    /** Whether a record is a non-loan line; a data row is told apart by its first two fields, without a String. */
    static boolean isNonLoan(RawFields fields) {
        int text = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.isBlank(i)) {
                if (text >= 0) {
                    return false;
                }
                text = i;
            }
        }
        return text < 0 || isNoticeText(fields.get(text));
    }

    private static final Pattern FOOTER = Pattern.compile(
            "total amount funded in policy code\\s*(\\d{1,9})\\s*:\\s*\\$?\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*");

    /** A funding footer: {@code Total amount funded in policy code 1: 460296150}. */
    record Footer(int policyCode, BigDecimal amount) {
    }

    /** The funding footer this non-loan line is, or {@code null} for any other line. */
    static Footer footer(RawFields fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.isBlank(i)) {
                Matcher m = FOOTER.matcher(fields.get(i).trim().toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    return null;
                }
                return new Footer(Integer.parseInt(m.group(1)), new BigDecimal(m.group(2).replace(",", "")));
            }
        }
        return null;
    }

    private static boolean isNoticeText(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
