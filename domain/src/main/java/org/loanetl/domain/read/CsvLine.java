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
        StringBuilder text = new StringBuilder(fields.chars().length + 2 * fields.size() + 16);
        char[] chars = fields.chars();
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
}
