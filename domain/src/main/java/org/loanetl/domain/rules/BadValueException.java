package org.loanetl.domain.rules;

/**
 * A raw value does not parse as its column's kind. Internal to casting: it becomes a reject, never escapes a load.
 * The message reads {@code not a percentage: "abc"}; the caller puts the column in front.
 */
public final class BadValueException extends Exception {

    BadValueException(String expected, String raw) {
        super(expected + ": \"" + raw + "\"", null, false, false);
    }
}
