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

    /**
     * Where a chunk of a file begins: the byte its first record starts at, and the physical line that record starts
     * on (the file's first line being 1). A chunk ends where the next begins, the last at the file's end.
     */
    public record Cut(long start, long firstLine) {
    }

    /**
     * Cuts a file, read once from its first byte to its end, into chunks of about {@code chunkSize} bytes, each
     * beginning at the first record that starts at or after a multiple of {@code chunkSize}, and none before the
     * record on line {@code afterLine + 1} (the header's line, say, so the first chunk holds the header). Records are
     * found as the load's tokenizer finds them (FastCSV under {@link LoanFileReader}'s settings): a quote opens a
     * quoted field only at the field's start, a doubled quote inside one is a quote, a line break inside one is data;
     * {@code CR LF}, {@code LF} and a bare {@code CR} each end a line.
     *
     * <p>The scan also checks what would make the reader refuse the file (bytes that are not strict UTF-8, a NUL, a
     * quote left open, text after a closing quote; a record longer than {@value #LONGEST_RECORD} bytes, which might
     * be too long or have too many fields): a chunked load must
     * not commit its first chunks and then find a later one refused, so such a file is loaded whole, where the reader
     * refuses it and says why, and nothing of it is committed.
     *
     * @return the chunks' starts in file order, the first at 0; a single cut when the file is not larger than one
     *         chunk; empty when the reader might refuse the file or read it otherwise
     */
    public static java.util.Optional<List<Cut>> cut(InputStream whole, long chunkSize, long afterLine)
            throws IOException {
        return cut(whole, chunkSize, afterLine, List.of());
    }

    /**
     * {@link #cut(InputStream, long, long)}, keeping ranges cut before: each range's start and end is cut again, and
     * nothing is cut inside one, so chunks an earlier load committed are chunks of this plan too (a load resumed with
     * another chunk size). Empty as well when a kept range's start or end is not a record's start here.
     *
     * @param kept byte ranges {@code {start, end}}, in file order, none overlapping
     */
    public static java.util.Optional<List<Cut>> cut(InputStream whole, long chunkSize, long afterLine,
                                                    List<long[]> kept) throws IOException {
        return cut(whole, chunkSize, afterLine, kept, found -> { });
    }

    /**
     * {@link #cut(InputStream, long, long, List)}, handing each cut to {@code found} as soon as it is found (the first,
     * at 0, included), so that chunks can start loading while the rest of the file is read. The cuts handed out stand
     * only if the result is not empty.
     */
    public static java.util.Optional<List<Cut>> cut(InputStream whole, long chunkSize, long afterLine,
                                                    List<long[]> kept, java.util.function.Consumer<Cut> found)
            throws IOException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        Scan scan = new Scan(chunkSize, afterLine, kept, found);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = whole.read(buffer)) > 0) {
            if (!scan.feed(buffer, n)) {
                return java.util.Optional.empty();
            }
        }
        return scan.end();
    }

    /**
     * The state of {@link #cut} between buffers. Its hot loop skips the bytes that change nothing (all but quotes,
     * line ends, NUL and UTF-8 lead and continuation bytes), which is nearly every byte, without a branch that depends
     * on them: a separator matters only to tell whether a quote opens a field, and the byte before a quote tells that.
     */
    private static final class Scan {

        private final long chunkSize;
        private final long afterLine;
        private final List<long[]> kept;
        private final List<Cut> cuts = new ArrayList<>();
        private int state = OUTSIDE;
        private long line = 1;
        /** The file offset of the buffer being fed. */
        private long base;
        private long nextCut;
        private boolean ended; // the bytes so far end a record: a line end outside quotes
        private long recordStart;
        private int keptAt;
        private int need; // continuation bytes the UTF-8 sequence being read still needs
        private int low = 0x80;
        private int high = 0xBF;
        private int previous = -1; // the byte before, or -1 at the file's start (and after its BOM)

        private final java.util.function.Consumer<Cut> found;

        Scan(long chunkSize, long afterLine, List<long[]> kept, java.util.function.Consumer<Cut> found) {
            this.chunkSize = chunkSize;
            this.afterLine = afterLine;
            this.kept = kept;
            this.nextCut = chunkSize;
            this.found = found;
            add(new Cut(0, 1));
        }

        private void add(Cut cut) {
            cuts.add(cut);
            found.accept(cut);
        }

        /** Scans a buffer's first {@code n} bytes; false when the reader might refuse the file. */
        boolean feed(byte[] buffer, int n) {
            boolean[] special = SPECIAL;
            int i = 0;
            if (base == 0 && n >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB
                    && (buffer[2] & 0xff) == 0xBF) {
                i = 3; // a BOM: the reader drops it, so the first field starts after it
            }
            while (i < n) {
                if (!ended && need == 0 && state != QUOTE_IN_QUOTED) {
                    int from = i;
                    while (i < n && !special[buffer[i] & 0xff]) {
                        i++;
                    }
                    if (i > from) {
                        previous = buffer[i - 1] & 0xff;
                        if (i == n) {
                            break;
                        }
                    }
                }
                int b = buffer[i] & 0xff;
                if (!ended && need == 0) {
                    // the quotes and separators of quoted fields, "like","this": most of what is left, inline
                    if (b == QUOTE) {
                        if (state != OUTSIDE) {
                            state = state == QUOTED ? QUOTE_IN_QUOTED : QUOTED; // closed, or a doubled quote
                        } else if (previous == ',' || previous == -1 || previous == CR || previous == LF) {
                            state = QUOTED; // a quote opens a field only at its start; inside one it is text
                        }
                        previous = b;
                        i++;
                        continue;
                    }
                    if (b == ',' && state == QUOTE_IN_QUOTED) {
                        state = OUTSIDE;
                        previous = b;
                        i++;
                        continue;
                    }
                }
                if (!step(b, base + i)) {
                    return false;
                }
                i++;
            }
            base += n;
            return base - recordStart <= LONGEST_RECORD;
        }

        /** One byte that is a quote, a line end, a NUL or part of UTF-8, or that follows a closing quote or a line end. */
        private boolean step(int b, long offset) {
            if (ended) {
                if (previous == CR && b == LF) {
                    previous = b; // the LF of a CR LF: the record begins after it
                    return true;
                }
                ended = false; // a record begins at this byte
                if (offset - recordStart > LONGEST_RECORD) {
                    return false;
                }
                recordStart = offset;
                cutAt(offset);
            }
            if (need > 0) {
                if (b < low || b > high) {
                    return false; // not UTF-8: the reader refuses the file
                }
                need--;
                low = 0x80;
                high = 0xBF;
                previous = b;
                return true; // a continuation byte is never a quote, separator or line end
            }
            if (state == QUOTE_IN_QUOTED && b != QUOTE && b != ',' && b != CR && b != LF) {
                return false; // text after a closing quote: the reader refuses the file
            }
            if (b >= 0x80) {
                // the lead byte of a sequence, strict as the reader's decoder is (Unicode table 3-7)
                if (b >= 0xC2 && b <= 0xDF) {
                    need = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    need = 2;
                    low = b == 0xE0 ? 0xA0 : 0x80;
                    high = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    need = 3;
                    low = b == 0xF0 ? 0x90 : 0x80;
                    high = b == 0xF4 ? 0x8F : 0xBF;
                } else {
                    return false;
                }
                previous = b;
                return true;
            }
            if (b == 0) {
                return false; // a NUL: the reader refuses the file
            }
            if (b == CR || b == LF && previous != CR) {
                line++;
            }
            if (state == QUOTED) {
                if (b == QUOTE) {
                    state = QUOTE_IN_QUOTED;
                }
            } else if (state == QUOTE_IN_QUOTED) {
                state = b == QUOTE ? QUOTED : OUTSIDE; // a doubled quote, or the field's end
                ended = b == CR || b == LF;
            } else if (b == QUOTE) {
                // a quote opens a quoted field only at the field's start; inside an unquoted one it is text
                if (previous == -1 || previous == ',' || previous == CR || previous == LF) {
                    state = QUOTED;
                }
            } else if (b == CR || b == LF) {
                ended = true;
            }
            previous = b;
            return true;
        }

        /** A record begins at {@code offset}: a cut there if a kept range begins or ends there, or a chunk is due. */
        private void cutAt(long offset) {
            while (keptAt < kept.size() && kept.get(keptAt)[1] < offset) {
                keptAt++;
            }
            boolean boundary = keptAt < kept.size()
                    && (kept.get(keptAt)[0] == offset || kept.get(keptAt)[1] == offset);
            boolean inside = keptAt < kept.size() && kept.get(keptAt)[0] < offset && offset < kept.get(keptAt)[1];
            if (boundary || offset >= nextCut && line > afterLine && !inside) {
                add(new Cut(offset, line));
                nextCut = (offset / chunkSize + 1) * chunkSize;
            }
        }

        /** The cuts, once every byte is fed; empty when the reader would refuse the file or read it otherwise. */
        java.util.Optional<List<Cut>> end() {
            long offset = base;
            if (state == QUOTED || need > 0) {
                return java.util.Optional.empty(); // a quote left open, or a UTF-8 sequence cut off
            }
            // a cut at the very end would be an empty chunk
            while (cuts.size() > 1 && cuts.get(cuts.size() - 1).start() >= offset) {
                cuts.remove(cuts.size() - 1);
            }
            java.util.Set<Long> starts = new java.util.HashSet<>();
            cuts.forEach(cut -> starts.add(cut.start()));
            for (long[] range : kept) {
                if (!starts.contains(range[0]) || range[1] < offset && !starts.contains(range[1])) {
                    return java.util.Optional.empty(); // not this file's records: its chunks cannot be kept
                }
            }
            return java.util.Optional.of(cuts);
        }
    }

    /** The bytes the scan must look at: NUL, the quote, CR, LF, and every byte of UTF-8 beyond ASCII. */
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            SPECIAL[b] = b == 0 || b == QUOTE || b == CR || b == LF || b >= 0x80;
        }
    }

    /**
     * Records longer than this many bytes are not cut around: a file that has one loads whole, where the reader
     * checks it ({@link FieldsHandler#MAX_FIELDS} fields, {@link LoanFileReader#MAX_RECORD_CHARS} characters).
     */
    static final long LONGEST_RECORD = FieldsHandler.MAX_FIELDS;

    private static final int OUTSIDE = 0;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

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
