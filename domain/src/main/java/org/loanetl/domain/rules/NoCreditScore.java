package org.loanetl.domain.rules;

import java.util.Locale;

/**
 * What to do with a file whose header has none of the credit-score columns while the score filter is on. Many real
 * files have no FICO column at all (the Kaggle {@code loan.csv} editions, most public quarterly files).
 */
public enum NoCreditScore {

    /** Refuse the file, with a message that names both fixes; the default. */
    REFUSE("refuse"),
    /** Load the file with the score filter not applied; the ledger and the report say so. */
    SKIP_FILTER("skip-filter");

    private final String label;

    NoCreditScore(String label) {
        this.label = label;
    }

    /** The name used in configuration: {@code skip-filter}. */
    public String label() {
        return label;
    }

    /** The setting with this label (any case). */
    public static NoCreditScore fromLabel(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (NoCreditScore value : values()) {
            if (value.label.equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown value \"" + label + "\" (known: refuse, skip-filter)");
    }
}
