package org.loanetl.domain.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One loan as raw field text, by column name, for building test files: {@code aLoan().with("int_rate", "abc")}.
 * The defaults make a loan that parses and passes the default filters.
 */
public final class RawLoan {

    private final Map<String, String> fields = new LinkedHashMap<>();

    private RawLoan() {
        fields.put("id", "1077501");
        fields.put("loan_amnt", "5000");
        fields.put("term", " 36 months");
        fields.put("int_rate", " 10.65%");
        fields.put("issue_d", "Dec-2011");
        fields.put("loan_status", "Fully Paid");
        fields.put("desc", "");
        fields.put("purpose", "credit_card");
        fields.put("dti", "27.65");
        fields.put("last_fico_range_low", "740");
    }

    /** A loan that loads under the default rules. */
    public static RawLoan aLoan() {
        return new RawLoan();
    }

    /** This loan with one field's raw text set (the column need not be in {@link LoanCsv#COLUMNS}). */
    public RawLoan with(String column, String raw) {
        fields.put(column, raw);
        return this;
    }

    /** The raw text of one field, empty when never set. */
    public String get(String column) {
        return fields.getOrDefault(column, "");
    }
}
