package org.loanetl.domain.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a loans file may be cut into byte ranges that load apart (issue 19): each chunk starts at the first record
 * that begins in its range. With RFC 4180 quoting a line break may sit inside a quoted field ({@code desc} often holds
 * several lines), so a line break is a record's end only where the quotes before it are balanced. Finding that needs
 * no sequential parse of the whole file: each range is scanned on its own for its quotes and line ends
 * ({@link RangeScan}, in parallel where the ranges are read in parallel), the scans' counts give the quote parity and
 * the line number at each range's first byte ({@link #plan}), and a range's first record is then found by scanning
 * from there ({@link #firstRecord}). Quotes, {@code CR} and {@code LF} are ASCII bytes that never occur inside a UTF-8
 * sequence, so bytes serve as well as characters.
 *
 * <p>The parity holds for files whose quotes open and close fields and are doubled inside them, as RFC 4180 has it
 * and as every LendingClub file, R, pandas and Excel write them. A quote inside an unquoted field ({@code 5" pipe})
 * would throw it off; so the chunked load this serves must check that each chunk's last record ends exactly where
 * the next chunk's first begins, and load the file whole where it does not (the speculative check of Ge et al.,
 * SIGMOD 2019). Not yet wired into a load: see docs/spark.md.
 */
public final class ChunkBoundaries {

    private static final int QUOTE = '"';
    private static final int CR = '\r';
    private static final int LF = '\n';

    private ChunkBoundaries() {
    }

    /**
     * What one range holds for the plan: its quote characters, its line ends ({@code LF}, and {@code CR} not followed
     * by {@code LF} within the range), and its first and last byte (to settle a {@code CR LF} split between two ranges).
     */
    public record RangeScan(long quotes, long lineEnds, int firstByte, int lastByte) {

        /** Scans a range's bytes to their end. An empty range has {@code -1} as its first and last byte. */
        public static RangeScan of(InputStream range) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long quotes = 0;
            long lineEnds = 0;
            int first = -1;
            int previous = -1;
            int n;
            while ((n = range.read(buffer)) > 0) {
                if (first < 0) {
                    first = buffer[0] & 0xff;
                }
                for (int i = 0; i < n; i++) {
                    int b = buffer[i] & 0xff;
                    if (previous == CR && b != LF) {
                        lineEnds++; // a CR that no LF follows ends a line
                    }
                    if (b == QUOTE) {
                        quotes++;
                    } else if (b == LF) {
                        lineEnds++;
                    }
                    previous = b;
                }
            }
            // a CR as the range's last byte is left to the plan, which knows the next range's first byte
            return new RangeScan(quotes, lineEnds, first, previous);
        }
    }

    /**
     * Where each range starts as the file's parse would see it.
     *
     * @param insideQuotes whether the range's first byte is inside a quoted field (an odd number of quotes before it)
     * @param line         the physical line its first byte is on, the file's first line being 1
     */
    public record RangeStart(boolean insideQuotes, long line) {
    }

    /**
     * The quote parity and line number at the start of each range, from the scans of all ranges in file order. A
     * {@code CR} ending one range counts as a line end unless the next range begins with {@code LF}.
     */
    public static List<RangeStart> plan(List<RangeScan> scans) {
        List<RangeStart> starts = new ArrayList<>(scans.size());
        long quotes = 0;
        long line = 1;
        for (int i = 0; i < scans.size(); i++) {
            starts.add(new RangeStart((quotes & 1) == 1, line));
            RangeScan scan = scans.get(i);
            quotes += scan.quotes();
            line += scan.lineEnds();
            if (scan.lastByte() == CR) {
                int next = nextFirstByte(scans, i + 1);
                if (next != LF) {
                    line++; // a CR at the end of the range, no LF after it: a line end the scan could not tell
                }
            }
        }
        return starts;
    }

    private static int nextFirstByte(List<RangeScan> scans, int from) {
        for (int i = from; i < scans.size(); i++) {
            if (scans.get(i).firstByte() >= 0) {
                return scans.get(i).firstByte();
            }
        }
        return -1;
    }

    /** Where a range's first record begins, and the physical line it is on. */
    public record FirstRecord(long offset, long line) {
    }

    /**
     * The first record that begins at or after the range's first byte: scanning from the byte before it (given its
     * value, or {@code -1} at the file's start), a record begins after each line end outside quotes.
     *
     * @param previousByte the byte just before the range, or {@code -1} for the file's first range
     * @param from         the range's bytes and whatever follows them, from its first byte
     * @param start        the range's parity and line ({@link #plan})
     * @return the record's offset from the range's first byte and its line, or {@code null} when none begins before
     *         the stream ends (the range lies inside the file's last record)
     */
    public static FirstRecord firstRecord(int previousByte, InputStream from, RangeStart start) throws IOException {
        if (previousByte < 0) {
            return new FirstRecord(0, 1);
        }
        InputStream in = new BufferedInputStream(from, 64 * 1024);
        boolean inside = start.insideQuotes();
        long line = start.line();
        int previous = previousByte;
        for (long offset = 0; ; offset++) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            boolean lineBegins = previous == LF || previous == CR && b != LF;
            if (lineBegins && offset > 0) {
                line++; // the plan counted the line end before the range's first byte already
            }
            if (lineBegins && !inside) {
                return new FirstRecord(offset, line);
            }
            if (b == QUOTE) {
                inside = !inside;
            }
            previous = b;
        }
    }
}
