package org.loanetl.domain.read;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A reader that passes text through to the CSV tokenizer while keeping the lines it has not yet been told to
 * release, so a rejected row can be stored exactly as it stood in the file (quotes and line breaks included).
 * Also strips a leading BOM, refuses NUL characters, and counts lines as FastCSV does (CR, LF and CRLF each end one).
 *
 * <p>Holds only the lines from the oldest unreleased one to what the tokenizer has read ahead: a few kilobytes.
 */
final class RecordingReader extends Reader {

    private final Reader in;
    private char[] window = new char[64 * 1024];
    private int length;
    /** Line number of the first line in the window. */
    private long firstLine = 1;
    /** Offsets in the window where each line starts; starts[0] is the start of firstLine. */
    private int[] starts = new int[1024];
    private int lineCount = 1;
    private boolean lastWasCr;
    private boolean first = true;

    RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int max) throws IOException {
        int n = in.read(buffer, offset, max);
        if (n <= 0) {
            return n;
        }
        if (first) {
            first = false;
            if (buffer[offset] == '\uFEFF') {
                System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                n--;
                if (n == 0) {
                    return read(buffer, offset, max);
                }
            }
        }
        record(buffer, offset, n);
        return n;
    }

    private void record(char[] buffer, int offset, int n) throws NotTextException {
        ensureRoom(n);
        System.arraycopy(buffer, offset, window, length, n);
        int end = length + n;
        boolean cr = lastWasCr;
        for (int i = length; i < end; i++) {
            char c = window[i];
            if (c > '\r') {
                cr = false; // nearly every character: one comparison, then on
            } else if (c == '\n') {
                if (cr) {
                    starts[lineCount - 1] = i + 1;
                } else {
                    addLine(i + 1);
                }
                cr = false;
            } else if (c == '\r') {
                addLine(i + 1);
                cr = true;
            } else {
                cr = false;
                if (c == '\0') {
                    throw new NotTextException("NUL character on line " + (firstLine + lineCount - 1) + " (a binary file?)");
                }
            }
        }
        lastWasCr = cr;
        length = end;
    }

    private void addLine(int start) {
        if (lineCount == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[lineCount++] = start;
    }

    private void ensureRoom(int n) {
        if (length + n > window.length) {
            window = Arrays.copyOf(window, Math.max(window.length * 2, length + n));
        }
    }

    /** The line number of the line being read now (the last one recorded). */
    long currentLine() {
        return firstLine + lineCount - 1;
    }

    /**
     * The exact text of lines {@code from} to {@code to}, without the final line break.
     * Both must not have been released, and line {@code to} must have been read to its end.
     */
    String text(long from, long to) {
        int begin = starts[(int) (from - firstLine)];
        int toIndex = (int) (to - firstLine);
        int end = toIndex + 1 < lineCount ? starts[toIndex + 1] : length;
        if (end > begin && window[end - 1] == '\n') {
            end--;
            if (end > begin && window[end - 1] == '\r') {
                end--;
            }
        } else if (end > begin && window[end - 1] == '\r') {
            end--;
        }
        return new String(window, begin, end - begin);
    }

    /** Forgets every line before {@code line}; compacts the window when that frees enough of it. */
    void release(long line) {
        int drop = (int) Math.min(line - firstLine, lineCount - 1);
        if (drop <= 0) {
            return;
        }
        int offset = starts[drop];
        if (offset < window.length / 2 && drop < starts.length / 2) {
            return;
        }
        System.arraycopy(window, offset, window, 0, length - offset);
        length -= offset;
        for (int i = drop; i < lineCount; i++) {
            starts[i - drop] = starts[i] - offset;
        }
        lineCount -= drop;
        firstLine = line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
