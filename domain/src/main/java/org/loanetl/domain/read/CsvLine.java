package org.loanetl.domain.read;

import org.loanetl.domain.model.RawFields;

/**
 * One data row as tokenized, before casting.
 *
 * @param line    the line it starts on, counted from 1 at the top of the file
 * @param fields  its fields, unquoted, exactly as read (a list of strings, held as characters)
 * @param rawText the row's exact text, quotes and line breaks inside quoted fields included, for a reject
 */
public record CsvLine(long line, RawFields fields, String rawText) {
}
