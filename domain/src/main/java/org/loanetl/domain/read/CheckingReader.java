package org.loanetl.domain.read;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that passes text through to the CSV tokenizer and checks it on the way: strips a leading BOM, refuses NUL
 * characters, and counts lines as FastCSV does (CR, LF and CRLF each end one) so a refusal can say which line.
 */
final class CheckingReader extends Reader {

    private final Reader in;
    /** The line being read now. */
    private long line = 1;
    private boolean lastWasCr;
    private boolean first = true;

    CheckingReader(Reader in) {
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
        check(buffer, offset, offset + n);
        return n;
    }

    private void check(char[] buffer, int from, int to) throws NotTextException {
        boolean cr = lastWasCr;
        long lines = line;
        for (int i = from; i < to; i++) {
            char c = buffer[i];
            if (c > '\r') {
                cr = false; // nearly every character: one comparison, then on
            } else if (c == '\n') {
                if (!cr) {
                    lines++;
                }
                cr = false;
            } else if (c == '\r') {
                lines++;
                cr = true;
            } else {
                cr = false;
                if (c == '\0') {
                    throw new NotTextException("NUL character on line " + lines + " (a binary file?)");
                }
            }
        }
        lastWasCr = cr;
        line = lines;
    }

    /** The line number of the line being read now (the last one passed on). */
    long currentLine() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
