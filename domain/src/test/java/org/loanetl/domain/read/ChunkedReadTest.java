package org.loanetl.domain.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.read.ChunkBoundaries.FirstRecord;
import org.loanetl.domain.read.ChunkBoundaries.RangeStart;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.Fixtures;

/**
 * A file read chunk by chunk ({@link ChunkBoundaries}, then {@link LoanFileReader#openChunk} for each chunk after the
 * first) gives exactly what reading it whole gives: the same data rows with the same fields and the file's true line
 * numbers, the same skipped lines in all, the same footers. Every real and layout fixture, cut at seeded random places
 * after its header.
 */
class ChunkedReadTest {

    /** Rules under which every fixture is read (no filter needs a column): reading, not filtering, is checked here. */
    private static final LoadRules RULES = new LoadRules(java.util.EnumSet.noneOf(
            org.loanetl.domain.model.FilterReason.class), 700, LoadRules.DEFAULT_SCORE_COLUMNS,
            org.loanetl.domain.rules.NoCreditScore.SKIP_FILTER, org.loanetl.domain.rules.NullTokens.DEFAULT);

    static Stream<String> fixtures() throws IOException {
        List<String> names = new ArrayList<>();
        for (String folder : List.of("real", "layouts", "reference")) {
            try (Stream<Path> listed = Files.list(Fixtures.root().resolve(folder))) {
                listed.filter(p -> p.toString().endsWith(".csv")).sorted()
                        .forEach(p -> names.add(folder + "/" + p.getFileName()));
            }
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsTheSameRowsLinesAndFootersChunkByChunkAsWhole(String fixture) throws IOException {
        byte[] bytes = Fixtures.bytes(fixture);
        Whole whole = Whole.read(fixture, bytes);
        Random random = new Random(fixture.hashCode());
        for (int trial = 0; trial < 20; trial++) {
            int pieces = 1 + random.nextInt(12);
            long afterHeader = whole.afterHeader;
            long[] cuts = afterHeader >= bytes.length ? new long[0]
                    : random.longs(pieces, afterHeader, bytes.length).sorted().distinct().toArray();
            assertThat(chunked(fixture, bytes, whole, cuts)).as("cuts %s", java.util.Arrays.toString(cuts))
                    .isEqualTo(whole.read);
        }
    }

    /** What a whole read gives, and where its first record after the header begins. */
    private record Whole(Read read, long afterHeader) {

        static Whole read(String name, byte[] bytes) throws IOException {
            try (LoanFileReader reader = LoanFileReader.open(name, new ByteArrayInputStream(bytes),
                    ColumnCatalog.standard(), RULES)) {
                Read read = Read.of(reader);
                return new Whole(read, offsetOfLine(bytes, reader.headerLine() + 1));
            }
        }

        /** The offset of the first record at or after this line (a record never begins inside a quoted field). */
        private static long offsetOfLine(byte[] bytes, long wanted) throws IOException {
            FirstRecord first = ChunkBoundaries.firstRecord(-1, new ByteArrayInputStream(bytes),
                    new RangeStart(false, 1));
            long at = first.offset();
            long line = 1;
            boolean inside = false;
            int previous = -1;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean begins = previous == '\n' || previous == '\r' && b != '\n';
                if (begins) {
                    line++;
                }
                if (begins && !inside && line >= wanted) {
                    return i;
                }
                if (b == '"') {
                    inside = !inside;
                }
                previous = b;
            }
            return bytes.length + at;
        }
    }

    /** The rows (line and fields), skipped lines and footers a read gave. */
    private record Read(List<String> rows, long skipped, Map<Integer, BigDecimal> footers) {

        static Read of(LoanFileReader reader) {
            List<String> rows = new ArrayList<>();
            CsvLine line;
            while ((line = reader.next()) != null) {
                rows.add(line.line() + ": " + line.fields());
            }
            return new Read(rows, reader.skippedLines(), new LinkedHashMap<>(reader.footers()));
        }

        Read plus(Read other) {
            List<String> all = new ArrayList<>(rows);
            all.addAll(other.rows);
            Map<Integer, BigDecimal> sums = new LinkedHashMap<>(footers);
            other.footers.forEach((code, amount) -> sums.merge(code, amount, BigDecimal::add));
            return new Read(all, skipped + other.skipped, sums);
        }
    }

    /** Reads the file as chunks cut at these offsets (each moved to its first record), and adds their reads up. */
    private static Read chunked(String name, byte[] bytes, Whole whole, long[] cuts) throws IOException {
        List<Long> starts = Ranges.starts(bytes, cuts);
        List<RangeStart> plan = Ranges.plan(bytes, starts);
        // each range's first record, or none (the range lies inside a record that began before it)
        List<long[]> chunks = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i).intValue();
            FirstRecord first = Ranges.first(bytes, from, plan.get(i));
            if (first != null && (chunks.isEmpty() || from + first.offset() > chunks.get(chunks.size() - 1)[0])) {
                chunks.add(new long[] {from + first.offset(), first.line()});
            }
        }
        Read total = null;
        LoanFileReader head = null;
        for (int i = 0; i < chunks.size(); i++) {
            int from = (int) chunks.get(i)[0];
            int to = i + 1 < chunks.size() ? (int) chunks.get(i + 1)[0] : bytes.length;
            ByteArrayInputStream chunk = new ByteArrayInputStream(bytes, from, to - from);
            if (i == 0) {
                head = LoanFileReader.open(name, chunk, ColumnCatalog.standard(), RULES);
                total = Read.of(head);
                head.close();
            } else {
                try (LoanFileReader reader = LoanFileReader.openChunk(name, chunk, head.layout(), chunks.get(i)[1])) {
                    total = total.plus(Read.of(reader));
                }
            }
        }
        return total;
    }
}
