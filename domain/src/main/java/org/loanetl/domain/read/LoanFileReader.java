package org.loanetl.domain.read;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.RawFields;
import org.loanetl.domain.read.FieldsHandler.Record;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;

/**
 * Reads one loans file as a stream: finds the header, then hands out data rows one at a time, skipping and counting
 * non-loan lines. Never holds the whole file in memory. Not thread-safe; one reader per file.
 *
 * <p>Throws {@link FileRefusedException} (at {@link #open} or from {@link #next}) when the file is not CSV text
 * (NUL characters, invalid UTF-8, an unclosed quote) or its header is unusable; {@link SourceException} when the
 * stream itself fails.
 */
public final class LoanFileReader implements Closeable {

    /** The header must come within this many non-blank records. */
    static final int HEADER_SEARCH_LIMIT = 20;
    /** The longest field or record accepted, in characters; beyond it the file is refused (a stray quote, mostly). */
    static final int MAX_RECORD_CHARS = 16 * 1024 * 1024;

    private final String file;
    private final RecordingReader text;
    private final CsvReader<Record> csv;
    private final CloseableIterator<Record> records;
    private final FileLayout layout;
    private long skippedLines;
    private Record current;
    /** The record after the one {@link #next} is about to return, read ahead. */
    private Record upcoming;
    private CsvLine last;

    private LoanFileReader(String file, InputStream in, ColumnCatalog catalog, LoadRules rules) {
        this.file = file;
        this.text = new RecordingReader(new Utf8Reader(in));
        // Fields come as characters (FieldsHandler), not a String each.
        this.csv = CsvReader.builder()
                .skipEmptyLines(false)
                // a row with too few or too many fields is the classifier's to reject, with the counts, not a refusal
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowUnclosedQuote(false)
                .maxBufferSize(MAX_RECORD_CHARS)
                .build(new FieldsHandler(MAX_RECORD_CHARS), text);
        this.records = csv.iterator();
        this.layout = FileLayout.of(file, findHeader(catalog), catalog, rules);
    }

    /**
     * Opens a file and reads up to its header.
     *
     * @param file a name for messages ({@code 2011.csv})
     * @throws FileRefusedException when the file is not CSV text or has no usable header
     */
    public static LoanFileReader open(String file, InputStream in, ColumnCatalog catalog, LoadRules rules) {
        return new LoanFileReader(file, in, catalog, rules);
    }

    /** How the file's header maps onto the catalog. */
    public FileLayout layout() {
        return layout;
    }

    /** Non-loan lines skipped so far, those before the header included. */
    public long skippedLines() {
        return skippedLines;
    }

    /**
     * The next data row with its exact raw text, or {@code null} at the end of the file. Reads one record ahead: a
     * record ends on the line before the next one starts, which is cheaper to know than scanning its fields.
     */
    public CsvLine next() {
        Record record;
        while ((record = take()) != null) {
            if (!NonLoanLines.isNonLoan(record.fields())) {
                long from = record.line();
                long to = upcoming != null ? upcoming.line() - 1 : from + lineBreaks(record.fields());
                last = new CsvLine(from, record.fields(), text.text(from, to));
                return last;
            }
            skippedLines++;
        }
        last = null;
        return null;
    }

    /** The exact text of the row last returned by {@link #next()}, line breaks inside quoted fields included. */
    public String rawText() {
        return last.rawText();
    }

    /** The next record, reading one more ahead. */
    private Record take() {
        Record record = upcoming != null ? upcoming : advance();
        upcoming = record == null ? null : advance();
        return record;
    }

    private List<String> findHeader(ColumnCatalog catalog) {
        int looked = 0;
        Record record;
        while ((record = advance()) != null) {
            List<String> fields = List.copyOf(record.fields());
            if (isHeader(fields, catalog)) {
                return fields;
            }
            skippedLines++;
            boolean blank = fields.stream().allMatch(String::isBlank);
            if (!blank && ++looked >= HEADER_SEARCH_LIMIT) {
                break;
            }
        }
        throw new FileRefusedException(file, skippedLines == 0 ? "empty file"
                : "no header line with LendingClub column names (such as loan_status) in the first "
                + HEADER_SEARCH_LIMIT + " lines");
    }

    private static boolean isHeader(List<String> fields, ColumnCatalog catalog) {
        int known = 0;
        for (String field : fields) {
            if (catalog.find(field).isPresent() && ++known >= 2) {
                return true;
            }
        }
        return false;
    }

    private Record advance() {
        if (current != null) {
            // keep the record being left until the next is read: cheaper than finding where it ends, which only a
            // rejected row needs (rawText)
            text.release(current.line());
        }
        try {
            current = records.hasNext() ? records.next() : null;
            return current;
        } catch (CsvParseException e) {
            throw new FileRefusedException(file, "not valid CSV: " + describe(e));
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
    }

    private RuntimeException translate(IOException e) {
        if (e instanceof NotTextException) {
            return new FileRefusedException(file, "not CSV text: " + e.getMessage());
        }
        if (e instanceof CharacterCodingException) {
            return new FileRefusedException(file, "not CSV text: invalid UTF-8 on line " + text.currentLine());
        }
        return new SourceException(file + ": read failed: " + e.getMessage(), e);
    }

    private String describe(CsvParseException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io && !(cause instanceof NotTextException) && !(cause instanceof CharacterCodingException)) {
            throw new SourceException(file + ": read failed: " + io.getMessage(), io);
        }
        if (cause instanceof NotTextException || cause instanceof CharacterCodingException) {
            throw translate((IOException) cause);
        }
        return e.getMessage();
    }

    /** How many line breaks a record's fields hold: its last line is its first plus this. */
    private static int lineBreaks(RawFields fields) {
        int breaks = 0;
        char[] chars = fields.chars();
        for (int f = 0; f < fields.size(); f++) {
            for (int i = fields.start(f), n = fields.end(f); i < n; i++) {
                char c = chars[i];
                if (c == '\n' || (c == '\r' && (i + 1 == n || chars[i + 1] != '\n'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new SourceException(file + ": close failed: " + e.getMessage(), e);
        }
    }
}
