package org.loanetl.domain.read;

import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.math.BigDecimal;
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

    /** The field separator; a reject's text is made again with it ({@link CsvLine#rawText()}). */
    static final char SEPARATOR = ',';
    /** The quote character; a reject's text is made again with it. */
    static final char QUOTE = '"';

    private final String file;
    private final CheckingReader text;
    private final CsvReader<Record> csv;
    private final CloseableIterator<Record> records;
    private final FileLayout layout;
    private long headerLine;
    private long skippedLines;
    private final Map<Integer, BigDecimal> footers = new LinkedHashMap<>();

    private LoanFileReader(String file, InputStream in, ColumnCatalog catalog, LoadRules rules) {
        this.file = file;
        this.text = new CheckingReader(new Utf8Reader(in));
        // Fields come as characters (FieldsHandler), not a String each.
        this.csv = csvReader()
                .build(new FieldsHandler(MAX_RECORD_CHARS), text);
        this.records = csv.iterator();
        this.layout = FileLayout.of(file, findHeader(catalog), catalog, rules);
    }

    /** How every loan file is tokenized, and a stored reject's text again ({@link #tokenize}). */
    private static CsvReader.CsvReaderBuilder csvReader() {
        return CsvReader.builder()
                .fieldSeparator(SEPARATOR)
                .quoteCharacter(QUOTE)
                // nothing may follow a closing quote: with that, a record's text can be made again from its fields
                .allowExtraCharsAfterClosingQuote(false)
                .skipEmptyLines(false)
                // a row with too few or too many fields is the classifier's to reject, with the counts, not a refusal
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowUnclosedQuote(false)
                .maxBufferSize(MAX_RECORD_CHARS);
    }

    /**
     * The fields of one record's text as a load stored it for a reject ({@link CsvLine#rawText()}), tokenized exactly
     * as the file was: a replay classifies them again as if read from the file. The text may hold line breaks inside
     * quoted fields; an empty text is one empty field, as an empty line is.
     *
     * @throws IllegalArgumentException when the text is not exactly one CSV record (an unclosed quote, a second
     *                                  record), with FastCSV's reason
     */
    public static RawFields tokenize(String rawText) {
        try (CsvReader<Record> reader = csvReader().build(new FieldsHandler(MAX_RECORD_CHARS), rawText)) {
            CloseableIterator<Record> all = reader.iterator();
            if (!all.hasNext()) {
                return RawFields.of(List.of(""));
            }
            RawFields fields = all.next().fields();
            if (all.hasNext()) {
                throw new IllegalArgumentException("raw text holds more than one CSV record");
            }
            return fields;
        } catch (CsvParseException e) {
            throw new IllegalArgumentException("raw text is not one CSV record: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String's reader does not fail
        }
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

    /**
     * A reader of one chunk of a file whose header was read already: {@code in} holds the chunk's bytes from its
     * first record ({@link ChunkBoundaries}) to the next chunk's, every line of it is the file's line
     * {@code firstLine} on, and its rows take the file's layout. Its data rows, skipped lines and footers are the
     * chunk's share of the file's.
     */
    public static LoanFileReader openChunk(String file, InputStream in, FileLayout layout, long firstLine) {
        return new LoanFileReader(file, in, layout, firstLine);
    }

    private LoanFileReader(String file, InputStream in, FileLayout layout, long firstLine) {
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be at least 1, was " + firstLine);
        }
        this.file = file;
        this.text = new CheckingReader(new Utf8Reader(in));
        this.csv = csvReader().build(new FieldsHandler(MAX_RECORD_CHARS, firstLine - 1), text);
        this.records = csv.iterator();
        this.layout = layout;
        this.headerLine = 0;
    }

    /** How the file's header maps onto the catalog. */
    public FileLayout layout() {
        return layout;
    }

    /** The line the header starts on, counted from 1. */
    public long headerLine() {
        return headerLine;
    }

    /** Non-loan lines skipped so far, those before the header included. */
    public long skippedLines() {
        return skippedLines;
    }

    /**
     * The funding footers read so far ({@code Total amount funded in policy code N: X}): the amount by policy code, in
     * the order read. Complete once {@link #next} has returned {@code null}.
     */
    public Map<Integer, BigDecimal> footers() {
        return Collections.unmodifiableMap(footers);
    }

    /** The next data row, or {@code null} at the end of the file. */
    public CsvLine next() {
        Record record;
        while ((record = advance()) != null) {
            if (!NonLoanLines.isNonLoan(record.fields())) {
                return new CsvLine(record.line(), record.fields());
            }
            skippedLines++;
            NonLoanLines.Footer footer = NonLoanLines.footer(record.fields());
            if (footer != null) {
                footers.merge(footer.policyCode(), footer.amount(), BigDecimal::add);
            }
        }
        return null;
    }

    private List<String> findHeader(ColumnCatalog catalog) {
        int looked = 0;
        Record record;
        while ((record = advance()) != null) {
            List<String> fields = List.copyOf(record.fields());
            if (isHeader(fields, catalog)) {
                headerLine = record.line();
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
            if (!catalog.resolve(field).isEmpty() && ++known >= 2) {
                return true;
            }
        }
        return false;
    }

    private Record advance() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException e) {
            throw new FileRefusedException(file, "not valid CSV: " + describe(e));
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
    }

    private RuntimeException translate(IOException e) {
        if (e instanceof CorruptFileException) {
            return new FileRefusedException(file, e.getMessage());
        }
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
        // FastCSV wraps whatever reading threw, out of memory included: that is this run's trouble, not the file's
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof RuntimeException unexpected && !(cause instanceof CsvParseException)) {
            throw unexpected;
        }
        boolean badBytes = cause instanceof NotTextException || cause instanceof CharacterCodingException
                || cause instanceof CorruptFileException;
        if (cause instanceof IOException io && !badBytes) {
            throw new SourceException(file + ": read failed: " + io.getMessage(), io);
        }
        if (badBytes) {
            throw translate((IOException) cause);
        }
        return e.getMessage();
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
