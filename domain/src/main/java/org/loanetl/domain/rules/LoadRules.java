package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.FilterReason;

/**
 * Which filters run, the minimum credit score and the column it is read from. The defaults are the spec's: all three
 * filters on, {@code last_fico_range_low} at least 700.
 *
 * @param filters           the filters switched on
 * @param minCreditScore    the lowest score that passes ({@code 700} passes under the default)
 * @param creditScoreColumn the header name of the score column; it must be a catalog column of kind integer
 */
public record LoadRules(Set<FilterReason> filters, long minCreditScore, String creditScoreColumn) implements Serializable {

    public static final String DEFAULT_SCORE_COLUMN = "last_fico_range_low";
    public static final long DEFAULT_MIN_SCORE = 700;

    public LoadRules {
        filters = filters.isEmpty() ? EnumSet.noneOf(FilterReason.class) : EnumSet.copyOf(filters);
        creditScoreColumn = ColumnCatalog.normalize(Objects.requireNonNull(creditScoreColumn, "creditScoreColumn"));
        ColumnKind kind = ColumnCatalog.standard().find(creditScoreColumn).map(Column::kind).orElse(null);
        if (kind != ColumnKind.INTEGER) {
            throw new LoanEtlException("credit-score column " + creditScoreColumn + ": not a known integer column"
                    + " (for example fico_range_low, last_fico_range_low)");
        }
    }

    /** The spec's rules. */
    public static LoadRules defaults() {
        return new LoadRules(EnumSet.allOf(FilterReason.class), DEFAULT_MIN_SCORE, DEFAULT_SCORE_COLUMN);
    }

    /** These rules with one filter switched off. */
    public LoadRules without(FilterReason reason) {
        Set<FilterReason> left = EnumSet.noneOf(FilterReason.class);
        left.addAll(filters);
        left.remove(reason);
        return new LoadRules(left, minCreditScore, creditScoreColumn);
    }

    /** These rules with another minimum score. */
    public LoadRules withMinCreditScore(long score) {
        return new LoadRules(filters, score, creditScoreColumn);
    }

    /** These rules reading the score from another column. */
    public LoadRules withCreditScoreColumn(String column) {
        return new LoadRules(filters, minCreditScore, column);
    }

    /** Whether a filter is switched on. */
    public boolean applies(FilterReason reason) {
        return filters.contains(reason);
    }

    /** The header names a file must have for the filters that are on, in filter order. */
    public List<String> requiredColumns() {
        List<String> required = new ArrayList<>();
        if (applies(FilterReason.CHARGED_OFF)) {
            required.add("loan_status");
        }
        if (applies(FilterReason.PURPOSE_OTHER)) {
            required.add("purpose");
        }
        if (applies(FilterReason.LOW_CREDIT_SCORE)) {
            required.add(creditScoreColumn.toLowerCase(Locale.ROOT));
        }
        return required;
    }
}
