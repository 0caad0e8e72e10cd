package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoanRow;

/**
 * Decides each data row of one file: cast every known column, then apply the filters that are on, in the spec's order.
 * A row is rejected before any filter is tried: only a parsed row can be filtered.
 */
public final class RowClassifier implements Serializable {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String POLICY_PREFIX = "does not meet the credit policy. status:";

    private final FileLayout layout;
    private final LoadRules rules;
    private final ColumnKind[] kinds;
    private final int statusIndex;
    private final int purposeIndex;
    private final int scoreIndex;

    public RowClassifier(FileLayout layout, LoadRules rules) {
        this.layout = layout;
        this.rules = rules;
        this.kinds = layout.columns().stream().map(Column::kind).toArray(ColumnKind[]::new);
        this.statusIndex = layout.indexOf("loan_status");
        this.purposeIndex = layout.indexOf("purpose");
        this.scoreIndex = layout.indexOf(rules.creditScoreColumn());
    }

    /** The outcome of one row, given its fields as read and the line it starts on. */
    public RowOutcome classify(long line, List<String> fields) {
        if (fields.size() != layout.fieldCount()) {
            return new RowOutcome.Rejected("row has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
                    + ", header has " + layout.fieldCount());
        }
        Object[] values = new Object[kinds.length];
        StringBuilder problems = null;
        int[] positions = layout.fieldPositions();
        for (int i = 0; i < kinds.length; i++) {
            try {
                values[i] = kinds[i].cast(fields.get(positions[i]));
            } catch (BadValueException e) {
                problems = problems == null ? new StringBuilder() : problems.append("; ");
                problems.append(layout.columns().get(i).name()).append(": ").append(e.getMessage());
            }
        }
        if (problems != null) {
            return new RowOutcome.Rejected(problems.toString());
        }
        FilterReason reason = filterReason(values);
        return reason == null ? new RowOutcome.Loaded(new LoanRow(line, values)) : new RowOutcome.Filtered(reason);
    }

    private FilterReason filterReason(Object[] values) {
        if (rules.applies(FilterReason.CHARGED_OFF) && chargedOff((String) values[statusIndex])) {
            return FilterReason.CHARGED_OFF;
        }
        if (rules.applies(FilterReason.PURPOSE_OTHER) && values[purposeIndex] != null
                && ((String) values[purposeIndex]).trim().equalsIgnoreCase("other")) {
            return FilterReason.PURPOSE_OTHER;
        }
        if (rules.applies(FilterReason.LOW_CREDIT_SCORE)
                && (values[scoreIndex] == null || (Long) values[scoreIndex] < rules.minCreditScore())) {
            return FilterReason.LOW_CREDIT_SCORE;
        }
        return null;
    }

    /**
     * {@code Charged Off}, trimmed and in any case, also under the credit-policy prefix (whose spacing varies between
     * LendingClub's files, hence the collapsed whitespace).
     */
    static boolean chargedOff(String status) {
        if (status == null) {
            return false;
        }
        String s = WHITESPACE.matcher(status.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (s.startsWith(POLICY_PREFIX)) {
            s = s.substring(POLICY_PREFIX.length()).trim();
        }
        return s.equals("charged off");
    }
}
