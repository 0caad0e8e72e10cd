package org.loanetl.domain.model;

import java.io.Serializable;

/**
 * A data row that could not be loaded, kept with its reason and exact raw text, so nothing is dropped without a trace.
 *
 * @param line    the line the row starts on, counted from 1 at the top of the file
 * @param reason  what was wrong, column first: {@code int_rate: not a percentage: "abc"}
 * @param rawText the row exactly as it stood in the file, without its final line break
 */
public record Reject(long line, String reason, String rawText) implements Serializable {

    public Reject {
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line);
        }
    }
}
