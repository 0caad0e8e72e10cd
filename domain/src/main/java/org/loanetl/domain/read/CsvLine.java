package org.loanetl.domain.read;

import org.loanetl.domain.model.RawFields;

/**
 * One data row as tokenized, before casting.
 *
 * @param line   the line it starts on, counted from 1 at the top of the file
 * @param fields its fields, unquoted, exactly as read (a list of strings, held as characters)
 */
public record CsvLine(long line, RawFields fields) {

    /**
     * The row's exact text, quotes and line breaks inside quoted fields included, for a reject. Made again from the
     * fields, only when asked: under the strict reading the reader does (nothing may follow a closing quote, a quote
     * inside a quoted field is doubled, one separator and one quote character), a record's text is its fields joined
     * by commas, each quoted field in quotes with its quotes doubled, and nothing else.
     */
    public String rawText() {
        char[] chars = fields.chars();
        StringBuilder text = new StringBuilder(rawLength(chars));
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(LoanFileReader.SEPARATOR);
            }
            if (!fields.quoted(i)) {
                text.append(chars, fields.start(i), fields.length(i));
                continue;
            }
            text.append(LoanFileReader.QUOTE);
            for (int at = fields.start(i), end = fields.end(i); at < end; at++) {
                if (chars[at] == LoanFileReader.QUOTE) {
                    text.append(LoanFileReader.QUOTE);
                }
                text.append(chars[at]);
            }
            text.append(LoanFileReader.QUOTE);
        }
        return text.toString();
    }

    /**
     * The raw text's exact length: a reject's row may hold 16 Mi characters, and a builder that outgrows its guess
     * copies all of them into one twice the size.
     */
    private int rawLength(char[] chars) {
        int length = Math.max(0, fields.size() - 1);
        for (int i = 0; i < fields.size(); i++) {
            length += fields.length(i);
            if (fields.quoted(i)) {
                length += 2;
                for (int at = fields.start(i), end = fields.end(i); at < end; at++) {
                    if (chars[at] == LoanFileReader.QUOTE) {
                        length++;
                    }
                }
            }
        }
        return length;
    }
}
