package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.FilterReason;

/**
 * Which filters run, the minimum credit score and the columns it may be read from, what to do with a file that has
 * none of them, and the words that mean "no value". The defaults are the spec's: all three filters on, the score from
 * {@code last_fico_range_low} or else {@code fico_range_low}, at least 700, a file with neither refused.
 *
 * @param filters            the filters switched on
 * @param minCreditScore     the lowest score that passes ({@code 700} passes under the default)
 * @param creditScoreColumns the header names the score is read from, the first one a file has; each must be a catalog
 *                           column of kind integer
 * @param whenNoCreditScore  what to do with a file that has none of them while the score filter is on
 * @param nullTokens         the words that are null in every column but text
 * @param controlTotals      what a funding footer whose amount the rows do not add up to does: warn (the default;
 *                           trimmed copies of real files keep the whole file's footers) or refuse the file
 */
public record LoadRules(Set<FilterReason> filters, long minCreditScore, List<String> creditScoreColumns,
                        NoCreditScore whenNoCreditScore, NullTokens nullTokens, ControlTotalMismatch controlTotals)
        implements Serializable {

    public static final List<String> DEFAULT_SCORE_COLUMNS = List.of("last_fico_range_low", "fico_range_low");
    public static final long DEFAULT_MIN_SCORE = 700;

    public LoadRules {
        filters = filters.isEmpty() ? EnumSet.noneOf(FilterReason.class) : EnumSet.copyOf(filters);
        Objects.requireNonNull(creditScoreColumns, "creditScoreColumns");
        Objects.requireNonNull(whenNoCreditScore, "whenNoCreditScore");
        Objects.requireNonNull(nullTokens, "nullTokens");
        Objects.requireNonNull(controlTotals, "controlTotals");
        Set<String> columns = new LinkedHashSet<>();
        for (String column : creditScoreColumns) {
            String name = ColumnCatalog.normalize(Objects.requireNonNull(column, "creditScoreColumn"));
            ColumnKind kind = ColumnCatalog.standard().find(name).map(Column::kind).orElse(null);
            if (kind != ColumnKind.INTEGER) {
                throw new LoanEtlException("credit-score column " + (name.isEmpty() ? "\"\"" : name)
                        + ": not a known integer column (for example fico_range_low, last_fico_range_low)");
            }
            columns.add(name);
        }
        if (columns.isEmpty()) {
            throw new LoanEtlException("no credit-score column named (for example last_fico_range_low,fico_range_low)");
        }
        creditScoreColumns = List.copyOf(columns);
    }

    /** Rules with these filters, minimum and one score column, and the defaults for the rest. */
    public LoadRules(Set<FilterReason> filters, long minCreditScore, String creditScoreColumn) {
        this(filters, minCreditScore, List.of(Objects.requireNonNull(creditScoreColumn, "creditScoreColumn")),
                NoCreditScore.REFUSE, NullTokens.DEFAULT, ControlTotalMismatch.WARN);
    }

    /** Rules that warn of a control-total mismatch. */
    public LoadRules(Set<FilterReason> filters, long minCreditScore, List<String> creditScoreColumns,
                     NoCreditScore whenNoCreditScore, NullTokens nullTokens) {
        this(filters, minCreditScore, creditScoreColumns, whenNoCreditScore, nullTokens, ControlTotalMismatch.WARN);
    }

    /** The spec's rules. */
    public static LoadRules defaults() {
        return new LoadRules(EnumSet.allOf(FilterReason.class), DEFAULT_MIN_SCORE, DEFAULT_SCORE_COLUMNS,
                NoCreditScore.REFUSE, NullTokens.DEFAULT, ControlTotalMismatch.WARN);
    }

    /** These rules with one filter switched off. */
    public LoadRules without(FilterReason reason) {
        Set<FilterReason> left = EnumSet.noneOf(FilterReason.class);
        left.addAll(filters);
        left.remove(reason);
        return new LoadRules(left, minCreditScore, creditScoreColumns, whenNoCreditScore, nullTokens, controlTotals);
    }

    /** These rules with another minimum score. */
    public LoadRules withMinCreditScore(long score) {
        return new LoadRules(filters, score, creditScoreColumns, whenNoCreditScore, nullTokens, controlTotals);
    }

    /** These rules reading the score from one column only. */
    public LoadRules withCreditScoreColumn(String column) {
        return withCreditScoreColumns(List.of(column));
    }

    /** These rules reading the score from the first of these columns a file has. */
    public LoadRules withCreditScoreColumns(List<String> columns) {
        return new LoadRules(filters, minCreditScore, columns, whenNoCreditScore, nullTokens, controlTotals);
    }

    /** These rules doing this with a file that has no score column. */
    public LoadRules whenNoCreditScore(NoCreditScore action) {
        return new LoadRules(filters, minCreditScore, creditScoreColumns, action, nullTokens, controlTotals);
    }

    /** These rules with other null words. */
    public LoadRules withNullTokens(NullTokens tokens) {
        return new LoadRules(filters, minCreditScore, creditScoreColumns, whenNoCreditScore, tokens, controlTotals);
    }

    /** These rules doing this with a control-total mismatch. */
    public LoadRules withControlTotals(ControlTotalMismatch action) {
        return new LoadRules(filters, minCreditScore, creditScoreColumns, whenNoCreditScore, nullTokens, action);
    }

    /** Whether a filter is switched on. */
    public boolean applies(FilterReason reason) {
        return filters.contains(reason);
    }

    /** The header names a file must have for the charged-off and purpose filters that are on, in filter order. */
    public List<String> requiredColumns() {
        List<String> required = new ArrayList<>();
        if (applies(FilterReason.CHARGED_OFF)) {
            required.add("loan_status");
        }
        if (applies(FilterReason.PURPOSE_OTHER)) {
            required.add("purpose");
        }
        return required;
    }
}
