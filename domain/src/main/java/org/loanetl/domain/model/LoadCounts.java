package org.loanetl.domain.model;

import java.io.Serializable;

/**
 * What happened to one file's lines. Every data row is counted exactly once: {@code dataRows() = loaded +
 * filtered() + rejected}. Skipped lines (notice, blank, comma-only, section separators, footers) and the header
 * are not data rows and are counted apart.
 */
public record LoadCounts(long loaded, long chargedOff, long purposeOther, long lowCreditScore, long rejected,
                         long skippedLines) implements Serializable {

    public static final LoadCounts NONE = new LoadCounts(0, 0, 0, 0, 0, 0);

    public LoadCounts {
        if (loaded < 0 || chargedOff < 0 || purposeOther < 0 || lowCreditScore < 0 || rejected < 0 || skippedLines < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Rows filtered out, for all reasons. */
    public long filtered() {
        return chargedOff + purposeOther + lowCreditScore;
    }

    /** Rows filtered out for one reason. */
    public long filtered(FilterReason reason) {
        if (reason == FilterReason.CHARGED_OFF) {
            return chargedOff;
        }
        return reason == FilterReason.PURPOSE_OTHER ? purposeOther : lowCreditScore;
    }

    /** Data rows: every line that is neither the header nor skipped. */
    public long dataRows() {
        return loaded + filtered() + rejected;
    }

    /** The sum of two files' counts. */
    public LoadCounts plus(LoadCounts other) {
        return new LoadCounts(loaded + other.loaded, chargedOff + other.chargedOff, purposeOther + other.purposeOther,
                lowCreditScore + other.lowCreditScore, rejected + other.rejected, skippedLines + other.skippedLines);
    }
}
