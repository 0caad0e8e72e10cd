package org.loanetl.domain.model;

import java.util.Locale;

/** Why a parsed row was filtered out; checked in declaration order, the first match counts. */
public enum FilterReason {
    CHARGED_OFF,
    PURPOSE_OTHER,
    LOW_CREDIT_SCORE;

    /** The name used in reports, flags and configuration: {@code charged_off}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason with the given label; {@link IllegalArgumentException} names the labels that exist. */
    public static FilterReason ofLabel(String label) {
        for (FilterReason reason : values()) {
            if (reason.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown filter \"" + label + "\" (known: charged_off, purpose_other, low_credit_score)");
    }
}
