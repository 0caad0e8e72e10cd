package org.loanetl.domain.read;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;
import org.loanetl.domain.model.RawFields;

/**
 * Takes FastCSV's fields as characters rather than a String each: a LendingClub row has over a hundred fields, and
 * most never need to be a String. Each record's characters are copied once into an array of their own, with the
 * bounds of each field and which fields were quoted (all a reject needs to give the row's text again). An empty line
 * is one empty field, as FastCSV's own records have it.
 *
 * <p>A record longer than {@link #KEEP_CHARS} gets the array its fields were gathered in, not a copy of it, and the
 * next record starts in a small one: a huge record (up to 16 Mi characters) then costs one array, not two, and the
 * handler does not keep a huge array for the rest of the file.
 */
final class FieldsHandler extends CsvCallbackHandler<FieldsHandler.Record> {

    /** One tokenized record and the line it starts on. */
    record Record(long line, RawFields fields) {
    }

    static final int MAX_FIELDS = 100_000;
    /** The gathering array is kept for the next record up to this many characters. */
    static final int KEEP_CHARS = 1 << 16;
    private static final int INITIAL_CHARS = 4096;

    private final int maxChars;
    private char[] chars = new char[INITIAL_CHARS];
    private int[] bounds = new int[256];
    /** Which of this record's fields were quoted, as {@link RawFields} keeps it. */
    private long[] quotedFields = new long[4];
    private boolean anyQuoted;
    private int count;
    private int length;
    private long line;
    private final long lineOffset;
    private RecordType type = RecordType.DATA;

    FieldsHandler(int maxChars) {
        this(maxChars, 0);
    }

    /** A handler whose lines are the file's: the text it is given begins on line {@code lineOffset + 1}. */
    FieldsHandler(int maxChars, long lineOffset) {
        this.maxChars = maxChars;
        this.lineOffset = lineOffset;
    }

    @Override
    protected RecordType getRecordType() {
        return type;
    }

    @Override
    protected int getFieldCount() {
        return count;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
        line = startingLineNumber + lineOffset;
        count = 0;
        length = 0;
        type = RecordType.DATA;
        if (anyQuoted) {
            Arrays.fill(quotedFields, 0);
            anyQuoted = false;
        }
    }

    @Override
    protected void addField(char[] buffer, int offset, int fieldLength, boolean quoted) {
        if (fieldLength > maxChars - length) {
            throw new CsvParseException("a record on line " + line + " is longer than " + maxChars + " characters");
        }
        if (count + 2 > bounds.length) {
            if (count >= MAX_FIELDS) {
                throw new CsvParseException("a record on line " + line + " has more than " + MAX_FIELDS + " fields");
            }
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        if (length + fieldLength > chars.length) {
            grow(length + fieldLength);
        }
        System.arraycopy(buffer, offset, chars, length, fieldLength);
        length += fieldLength;
        if (quoted) {
            if (count >>> 6 >= quotedFields.length) {
                quotedFields = Arrays.copyOf(quotedFields, quotedFields.length * 2);
            }
            quotedFields[count >>> 6] |= 1L << count;
            anyQuoted = true;
        }
        bounds[++count] = length;
    }

    /**
     * Doubles a small array; a large one grows by an eighth more than it needs, so the few short fields that follow
     * a huge one (a 15 MB {@code desc}) fit without another copy of it. Never past the longest record allowed.
     */
    private void grow(int needed) {
        int grown = needed > KEEP_CHARS ? needed + (needed >> 3) : Math.max(chars.length * 2, needed);
        chars = Arrays.copyOf(chars, Math.min(maxChars, grown));
    }

    @Override
    protected void setComment(char[] buffer, int offset, int commentLength) {
        type = RecordType.COMMENT; // comments are off: never called
    }

    @Override
    protected void setEmpty() {
        type = RecordType.EMPTY;
        count = 1;
        length = 0;
        bounds[1] = 0;
    }

    @Override
    protected Record buildRecord() {
        char[] recordChars;
        if (length > KEEP_CHARS) {
            recordChars = chars;
            chars = new char[INITIAL_CHARS];
        } else {
            recordChars = Arrays.copyOf(chars, length);
        }
        int[] recordBounds = Arrays.copyOf(bounds, count + 1);
        return new Record(line, anyQuoted
                ? new RawFields(recordChars, recordBounds, count, Arrays.copyOf(quotedFields, (count + 63) >>> 6))
                : new RawFields(recordChars, recordBounds, count));
    }
}
