package org.loanetl.domain.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A file's footer {@code Total amount funded in policy code N: X} checked against its rows: the sum of
 * {@code funded_amnt} over the file's data rows of that policy code (loaded, filtered, and rejected rows whose two
 * fields could still be read).
 *
 * @param policyCode the footer's policy code
 * @param footer     the amount the footer states
 * @param rows       the sum of the rows' {@code funded_amnt}
 */
public record ControlTotal(int policyCode, BigDecimal footer, BigDecimal rows) implements Serializable {

    public ControlTotal {
        Objects.requireNonNull(footer, "footer");
        Objects.requireNonNull(rows, "rows");
    }

    /** Whether the rows add up to the footer's amount (as numbers: {@code 100} matches {@code 100.00}). */
    public boolean matches() {
        return footer.compareTo(rows) == 0;
    }

    /** {@code policy code 1: footer 460296150, rows 460296150 (match)}, for reports and messages. */
    @Override
    public String toString() {
        return "policy code " + policyCode + ": footer " + footer.toPlainString() + ", rows "
                + rows.toPlainString() + (matches() ? " (match)" : " (mismatch)");
    }
}
