package org.loanetl.domain.load;

import org.loanetl.domain.read.CsvLine;

/** A file's data rows, one after the other, and the lines skipped among them: read here, or ahead ({@link Prefetch}). */
interface Rows {

    /** The next data row, or {@code null} at the end of the file. */
    CsvLine next();

    /** Non-loan lines skipped; complete once {@link #next} has returned {@code null}. */
    long skippedLines();
}
