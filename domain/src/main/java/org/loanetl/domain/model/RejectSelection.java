package org.loanetl.domain.model;

/**
 * Which stored rejects a replay or summary takes.
 *
 * @param fileContains only files whose location contains this text; {@code null} for every file
 * @param reasonLike   only rejects whose reason matches this SQL {@code LIKE} pattern, case-sensitive ({@code %} any
 *                     text, {@code _} one character, {@code \} escapes either); {@code null} for every reason
 */
public record RejectSelection(String fileContains, String reasonLike) {

    /** Every stored reject. */
    public static final RejectSelection ALL = new RejectSelection(null, null);
}
