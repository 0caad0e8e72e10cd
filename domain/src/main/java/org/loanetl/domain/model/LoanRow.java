package org.loanetl.domain.model;

import java.io.Serializable;

/**
 * One loaded row: its values typed, in the order of the file's known columns ({@code FileLayout.columns()}).
 * A value is a {@link java.math.BigDecimal} (money, ratio, percent), {@link Long} (integer), {@link Integer}
 * (term), {@link java.time.LocalDate} (month), {@link String} (text) or {@code null}.
 *
 * <p>The array is not copied, for speed on the hot path: the reader hands over a fresh array per row.
 *
 * @param line the line the row starts on, counted from 1 at the top of the file
 */
public record LoanRow(long line, Object[] values) implements Serializable {

    /** The value at a position of the file's known columns. */
    public Object value(int column) {
        return values[column];
    }
}
