package org.loanetl.postgres;

/**
 * How many rejects one file has for one kind of reason, for {@code loan-etl rejects --summary}.
 *
 * @param source  the file's location
 * @param reason  the reason with its quoted values left out ({@code int_rate: not a percentage}), so that one cause
 *                is one line whatever the values
 * @param rejects how many
 */
public record RejectCount(String source, String reason, long rejects) {
}
