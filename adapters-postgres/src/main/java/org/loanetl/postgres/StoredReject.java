package org.loanetl.postgres;

/**
 * A rejected row as stored in {@code loan_rejects}.
 *
 * @param source  the file's location
 * @param version the file's version
 * @param line    the line the row starts on
 * @param reason  why it was rejected: {@code int_rate: not a percentage: "abc"}
 * @param rawText the row exactly as read, line breaks inside quoted fields included
 */
public record StoredReject(String source, String version, long line, String reason, String rawText) {
}
