package org.loanetl.domain.read;

import java.util.List;
import java.util.Locale;

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
        String text = null;
        for (String field : fields) {
            if (!field.isBlank()) {
                if (text != null) {
                    return false;
                }
                text = field;
            }
        }
        return text == null || isNoticeText(text);
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
