package org.loanetl.app.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Keeps terminal control characters that come from the data (file names, reject reasons, raw rows) from reaching a
 * terminal as they are: {@code ESC[2J} would clear the screen, an OSC sequence set the window title, a carriage return
 * overwrite a line. Each is shown as text instead ({@code \x1b}). Line feeds and tabs pass: the reports are made of
 * them. What is stored in the database is never changed; this is only how it is shown.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Text with every control character but line feed and tab written out as {@code \xNN} ({@code \u0085} for C1). */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Whether a byte other than 0xC2 passes as it is: not a C0 control (but line feed and tab), not DEL. */
    private static boolean plainByte(int value) {
        return (value >= 0x20 && value != 0x7f) || value == '\n' || value == '\t';
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x80 && c <= 0x9f);
    }

    /**
     * A stream that escapes control bytes on their way to {@code out}: C0 and DEL bytes, and the UTF-8 encodings of
     * C1 controls ({@code 0xC2 0x80-0x9F}). For the standard output of commands that print data to a person.
     */
    public static OutputStream escaping(OutputStream out) {
        return new FilterOutputStream(out) {
            /** A 0xC2 byte held back until the next byte says whether it starts a C1 control. */
            private boolean pendingC2;

            @Override
            public void write(int b) throws IOException {
                int value = b & 0xff;
                if (pendingC2) {
                    pendingC2 = false;
                    if (value >= 0x80 && value <= 0x9f) {
                        writeText(String.format("\\u%04x", value));
                        return;
                    }
                    out.write(0xc2);
                }
                if (value == 0xc2) {
                    pendingC2 = true;
                } else if (!plainByte(value)) {
                    writeText(String.format("\\x%02x", value));
                } else {
                    out.write(value);
                }
            }

            /** Runs of plain bytes pass in one call; only a control byte, or one after a held 0xC2, goes one by one. */
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                int end = offset + length;
                int run = offset;
                for (int i = offset; i < end; i++) {
                    int value = bytes[i] & 0xff;
                    if (!pendingC2 && value != 0xc2 && plainByte(value)) {
                        continue;
                    }
                    out.write(bytes, run, i - run);
                    write(value);
                    run = i + 1;
                }
                out.write(bytes, run, end - run);
            }

            @Override
            public void flush() throws IOException {
                if (pendingC2) {
                    pendingC2 = false;
                    out.write(0xc2);
                }
                out.flush();
            }

            private void writeText(String text) throws IOException {
                for (int i = 0; i < text.length(); i++) {
                    out.write(text.charAt(i));
                }
            }
        };
    }
}
