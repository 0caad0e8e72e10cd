package org.loanetl.domain.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.read.ChunkBoundaries.Cut;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.Fixtures;

/**
 * A file cut by {@link ChunkBoundaries#cut} and read chunk by chunk (the first with {@link LoanFileReader#open}, the
 * others with {@link LoanFileReader#openChunk} at the cut's line) gives exactly what reading it whole gives: the same
 * data rows with their fields and the file's true line numbers, the same skipped lines, the same footers. And a file
 * the reader would refuse anywhere is never cut, so a chunked load can never commit its first chunks and then meet a
 * refusal: every real and layout fixture at seeded random chunk sizes, and seeded random hostile text (multi-line
 * quoted fields, doubled quotes, CR LF, bare CR, quotes inside unquoted fields, UTF-8 of every length, and the faults
 * the reader refuses).
 */
class ChunkCutTest {

    private static final LoadRules RULES = new LoadRules(java.util.EnumSet.noneOf(
            org.loanetl.domain.model.FilterReason.class), 700, LoadRules.DEFAULT_SCORE_COLUMNS,
            org.loanetl.domain.rules.NoCreditScore.SKIP_FILTER, org.loanetl.domain.rules.NullTokens.DEFAULT);

    static Stream<String> fixtures() throws IOException {
        return ChunkedReadTest.fixtures();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aFixtureCutAnywhereReadsAsItsWhole(String fixture) throws IOException {
        byte[] bytes = Fixtures.bytes(fixture);
        Read whole = whole(fixture, bytes);
        Random random = new Random(fixture.hashCode() * 31L);
        for (int trial = 0; trial < 12; trial++) {
            long size = 1 + random.nextInt(Math.max(1, bytes.length / (1 + random.nextInt(20))));
            List<Cut> cuts = cut(bytes, size, whole.headerLine).orElseThrow();
            assertCutsAtRecordStarts(cuts, size, bytes.length);
            assertThat(chunked(fixture, bytes, cuts)).as("chunk size %d: %s", size, cuts).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomHostileTextIsCutOnlyWhereAWholeReadAgrees(int seed) throws IOException {
        Random random = new Random(seed * 7919L);
        for (int trial = 0; trial < 40; trial++) {
            byte[] bytes = hostile(random, trial % 4 == 0);
            Read whole;
            try {
                whole = whole("hostile.csv", bytes);
            } catch (FileRefusedException refused) {
                // a file refused whole must never be cut: its first chunks would commit before the refusal
                assertThat(cut(bytes, 1 + random.nextInt(200), 1)).as(refused.getMessage()).isEmpty();
                continue;
            }
            long size = 1 + random.nextInt(Math.max(1, bytes.length / 3));
            Optional<List<Cut>> cuts = cut(bytes, size, whole.headerLine);
            assertThat(cuts).as("a file read whole without a refusal is cut").isPresent();
            assertCutsAtRecordStarts(cuts.get(), size, bytes.length);
            assertThat(chunked("hostile.csv", bytes, cuts.get())).as("seed %d trial %d size %d", seed, trial, size)
                    .isEqualTo(whole);
        }
    }

    @Test
    void aFileTheReaderRefusesIsNotCut() throws IOException {
        String header = "id,loan_amnt,desc\n";
        for (String body : List.of("1,100,\"text\" after\n2,200,x\n", "1,100,\"never closed\n2,200,x\n",
                "1,100,a\u0000b\n2,200,x\n")) {
            byte[] bytes = (header + body).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> whole("bad.csv", bytes)).isInstanceOf(FileRefusedException.class);
            assertThat(cut(bytes, 4, 1)).as(body).isEmpty();
        }
        byte[] latin1 = (header + "1,100,caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> whole("latin1.csv", latin1)).isInstanceOf(FileRefusedException.class);
        assertThat(cut(latin1, 4, 1)).isEmpty();
    }

    @Test
    void noChunkBeginsBeforeTheLineAfterTheHeader() throws IOException {
        byte[] bytes = "Notes offered by Prospectus\nid,loan_amnt\n1,100\n2,200\n3,300\n".getBytes(StandardCharsets.UTF_8);
        List<Cut> cuts = cut(bytes, 1, 2).orElseThrow();
        assertThat(cuts).extracting(Cut::firstLine).containsExactly(1L, 3L, 4L, 5L);
        assertThat(cut(bytes, 1000, 2).orElseThrow()).containsExactly(new Cut(0, 1));
    }

    @Test
    void aQuotedFieldOverManyLinesStaysInOneChunk() throws IOException {
        String text = "id,desc\r\n1,\"a\r\nb\n\nc\rd\"\"\"\r\n2,\"\"\r3,x";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Cut> cuts = cut(bytes, 1, 1).orElseThrow();
        // records begin after "id,desc\r\n" (line 2), after the quoted field's four line ends and its closing CR LF
        // (line 7), and after the bare CR (line 8); none inside the quoted field
        assertThat(cuts).containsExactly(new Cut(0, 1), new Cut(9, 2), new Cut(26, 7), new Cut(31, 8));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rangesKeptFromAnEarlierCutAreCutAgainAndNothingInsideThem(String fixture) throws IOException {
        byte[] bytes = Fixtures.bytes(fixture);
        Read whole;
        try {
            whole = whole(fixture, bytes);
        } catch (FileRefusedException e) {
            return;
        }
        Random random = new Random(fixture.hashCode() * 17L);
        for (int trial = 0; trial < 8; trial++) {
            List<Cut> earlier = cut(bytes, 1 + random.nextInt(Math.max(1, bytes.length / 4)), whole.headerLine)
                    .orElseThrow();
            List<long[]> kept = new ArrayList<>();
            for (int i = 0; i < earlier.size(); i++) {
                long end = i + 1 < earlier.size() ? earlier.get(i + 1).start() : bytes.length;
                if (random.nextBoolean()) {
                    kept.add(new long[] {earlier.get(i).start(), end});
                }
            }
            long size = 1 + random.nextInt(Math.max(1, bytes.length / 3));
            List<Cut> cuts = ChunkBoundaries.cut(new ByteArrayInputStream(bytes), size, whole.headerLine, kept)
                    .orElseThrow();
            for (long[] range : kept) {
                assertThat(cuts).extracting(Cut::start).contains(range[0]);
                if (range[1] < bytes.length) {
                    assertThat(cuts).extracting(Cut::start).contains(range[1]);
                }
                assertThat(cuts).extracting(Cut::start).noneMatch(start -> start > range[0] && start < range[1]);
            }
            assertThat(chunked(fixture, bytes, cuts)).isEqualTo(whole);
        }
    }

    @Test
    void aKeptRangeThatDoesNotStartAtARecordIsRefused() throws IOException {
        byte[] bytes = "id,loan_amnt\n1,100\n2,200\n3,300\n".getBytes(StandardCharsets.UTF_8);
        assertThat(ChunkBoundaries.cut(new ByteArrayInputStream(bytes), 4, 1, List.of(new long[] {14, 20}))).isEmpty();
        assertThat(ChunkBoundaries.cut(new ByteArrayInputStream(bytes), 4, 1, List.of(new long[] {13, 19})))
                .get().asList().extracting("start").contains(13L, 19L);
    }

    @Test
    void aQuoteRightAfterTheBomOpensTheFirstField() throws IOException {
        byte[] bytes = "\uFEFF\"multi\nline\",x\n1,2\n".getBytes(StandardCharsets.UTF_8);
        // the reader drops the BOM, so the first field is quoted and its line break is data: one record on lines 1-2
        assertThat(cut(bytes, 1, 0).orElseThrow()).containsExactly(new Cut(0, 1), new Cut(18, 3));
    }

    private static Optional<List<Cut>> cut(byte[] bytes, long size, long afterLine) throws IOException {
        return ChunkBoundaries.cut(new ByteArrayInputStream(bytes), size, afterLine);
    }

    private static void assertCutsAtRecordStarts(List<Cut> cuts, long size, int length) {
        assertThat(cuts.get(0)).isEqualTo(new Cut(0, 1));
        for (int i = 1; i < cuts.size(); i++) {
            assertThat(cuts.get(i).start()).isGreaterThan(cuts.get(i - 1).start()).isLessThan(length);
            // each chunk begins at the first record at or after its multiple of the size, so chunks are about that size
            assertThat(cuts.get(i).start() / size).isGreaterThan(cuts.get(i - 1).start() / size);
        }
    }

    /** A header, then records of random fields that stress quoting, line ends and UTF-8; sometimes a fault. */
    private static byte[] hostile(Random random, boolean fault) {
        StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : ""); // a BOM the reader drops
        text.append(random.nextBoolean() ? "" : "Notes offered by Prospectus\r\n");
        text.append(random.nextBoolean() ? "id,loan_amnt,desc,title" : "\"id\",\"loan_amnt\",\"desc\",\"title\"")
                .append(lineEnd(random));
        int records = 1 + random.nextInt(30);
        for (int r = 0; r < records; r++) {
            int fields = 1 + random.nextInt(5);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    text.append(',');
                }
                text.append(field(random));
            }
            if (r + 1 < records || random.nextBoolean()) {
                text.append(lineEnd(random));
            }
        }
        if (fault) {
            int at = random.nextInt(text.length() + 1);
            String[] faults = {"\"x\"y", "\u0000", "\"open"};
            text.insert(at, faults[random.nextInt(faults.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (fault && random.nextInt(3) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // bytes that may not be UTF-8
        }
        return bytes;
    }

    private static String lineEnd(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "\r\n";
            case 1 -> "\r";
            default -> "\n";
        };
    }

    private static String field(Random random) {
        String[] pieces = {"a", "7", " ", "é", "€", "😀", "5\" pipe", ""};
        StringBuilder value = new StringBuilder();
        IntStream.range(0, random.nextInt(6)).forEach(i -> value.append(pieces[random.nextInt(pieces.length)]));
        if (random.nextInt(3) > 0) {
            return value.toString(); // unquoted: a quote inside it ("5\" pipe") is data
        }
        String[] quoted = {"line\nbreak", "cr\rlf\r\n", "\"\"", ",", "x"};
        StringBuilder inside = new StringBuilder(value.toString().replace("\"", "\"\""));
        IntStream.range(0, random.nextInt(4)).forEach(i -> inside.append(quoted[random.nextInt(quoted.length)]));
        return "\"" + inside + "\"";
    }

    /** What a read gave: rows with their lines and fields, skipped lines, footers, and the header's line. */
    private record Read(List<String> rows, long skipped, Map<Integer, BigDecimal> footers, long headerLine) {

        static Read of(LoanFileReader reader) {
            List<String> rows = new ArrayList<>();
            CsvLine line;
            while ((line = reader.next()) != null) {
                rows.add(line.line() + ": " + line.fields());
            }
            return new Read(rows, reader.skippedLines(), new LinkedHashMap<>(reader.footers()), reader.headerLine());
        }

        Read plus(Read other) {
            List<String> all = new ArrayList<>(rows);
            all.addAll(other.rows);
            Map<Integer, BigDecimal> sums = new LinkedHashMap<>(footers);
            other.footers.forEach((code, amount) -> sums.merge(code, amount, BigDecimal::add));
            return new Read(all, skipped + other.skipped, sums, headerLine);
        }
    }

    private static Read whole(String name, byte[] bytes) {
        try (LoanFileReader reader = LoanFileReader.open(name, new ByteArrayInputStream(bytes),
                ColumnCatalog.standard(), RULES)) {
            return Read.of(reader);
        }
    }

    private static Read chunked(String name, byte[] bytes, List<Cut> cuts) {
        Read total = null;
        org.loanetl.domain.rules.FileLayout layout = null;
        for (int i = 0; i < cuts.size(); i++) {
            int from = (int) cuts.get(i).start();
            int to = i + 1 < cuts.size() ? (int) cuts.get(i + 1).start() : bytes.length;
            ByteArrayInputStream chunk = new ByteArrayInputStream(bytes, from, to - from);
            if (i == 0) {
                try (LoanFileReader head = LoanFileReader.open(name, chunk, ColumnCatalog.standard(), RULES)) {
                    layout = head.layout();
                    total = Read.of(head);
                }
            } else {
                try (LoanFileReader reader = LoanFileReader.openChunk(name, chunk, layout, cuts.get(i).firstLine())) {
                    total = total.plus(Read.of(reader));
                }
            }
        }
        return total;
    }
}
