package org.loanetl.domain.read;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.read.ChunkBoundaries.FirstRecord;
import org.loanetl.domain.read.ChunkBoundaries.RangeStart;
import org.loanetl.domain.testing.Fixtures;

/**
 * Chunk boundaries found range by range agree with a parse of the whole file: for every real fixture and for text made
 * to be hard (line breaks inside quoted fields, doubled quotes, CRLF and bare CR, notice and blank lines, no final line
 * break), cut at seeded random places and at every byte of the hard text, each range's first record begins where the
 * whole file's parse says the first record at or after that byte begins, on the line FastCSV gives it.
 */
class ChunkBoundariesTest {

    /** Text where line breaks, quotes and line ends meet in every way a loans file has them. */
    private static final String HARD = "Notes offered by Prospectus (https://www.lendingclub.com/info/prospectus.action)\r\n"
            + "id,loan_amnt,desc,purpose\r\n"
            + "1,5000,\"two\r\nlines, and a \"\"quote\"\"\",car\r\n"
            + "2,6000,\"\",other\n"
            + "\n"
            + "3,7000,\"ends with a quote \"\"\"\"\",house\r"
            + "4,8000,\"bare\rCR inside\",car\r"
            + ",,,\n"
            + "5,9000,\"\"\"\n\"\"\n\",car\r\n"
            + "\"Loans that do not meet the credit policy\"\n"
            + "6,1000,plain,car\n"
            + "\"Total amount funded in policy code 1: 36000\"";

    static Stream<Arguments> files() throws IOException {
        List<Arguments> files = new ArrayList<>();
        files.add(Arguments.of("hard text", HARD.getBytes(StandardCharsets.UTF_8)));
        for (String folder : List.of("real", "layouts", "reference")) {
            try (Stream<Path> listed = Files.list(Fixtures.root().resolve(folder))) {
                for (Path file : listed.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    files.add(Arguments.of(folder + "/" + file.getFileName(), Files.readAllBytes(file)));
                }
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void findsTheRecordsTheWholeFilesParseFindsWhereverTheFileIsCut(String name, byte[] bytes) throws IOException {
        List<long[]> records = records(bytes);
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < 25; trial++) {
            int pieces = 2 + random.nextInt(Math.max(1, Math.min(40, bytes.length / 16)));
            long[] cuts = random.longs(pieces - 1, 1, Math.max(2, bytes.length)).sorted().distinct().toArray();
            checkCuts(bytes, records, cuts);
        }
    }

    @org.junit.jupiter.api.Test
    void findsTheRecordsWhenTheHardTextIsCutAtAnyByte() throws IOException {
        byte[] bytes = HARD.getBytes(StandardCharsets.UTF_8);
        List<long[]> records = records(bytes);
        for (int cut = 1; cut < bytes.length; cut++) {
            checkCuts(bytes, records, new long[] {cut});
            checkCuts(bytes, records, new long[] {cut, Math.min(bytes.length - 1, cut + 3)});
        }
    }

    /** Cuts the file at these offsets into ranges, scans each on its own, plans, and checks each range's first record. */
    private static void checkCuts(byte[] bytes, List<long[]> records, long[] cuts) throws IOException {
        List<Long> starts = Ranges.starts(bytes, cuts);
        List<RangeStart> plan = Ranges.plan(bytes, starts);
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i).intValue();
            FirstRecord found = Ranges.first(bytes, from, plan.get(i));
            long[] expected = records.stream().filter(r -> r[0] >= from).findFirst().orElse(null);
            String where = "range starting at byte " + from + " (cuts " + starts + ")";
            if (expected == null) {
                assertThat(found).as(where).isNull();
            } else {
                assertThat(found).as(where).isNotNull();
                assertThat(from + found.offset()).as(where + ": record start").isEqualTo(expected[0]);
                assertThat(found.line()).as(where + ": line").isEqualTo(expected[1]);
            }
        }
    }

    /**
     * Every record's byte offset and starting line, by a plain sequential scan, its lines checked against FastCSV's
     * parse of the same text as loan-etl configures it (empty lines are records; CR, LF and CRLF end lines).
     */
    private static List<long[]> records(byte[] bytes) {
        List<long[]> records = new ArrayList<>();
        boolean inside = false;
        long line = 1;
        int previous = -1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean lineBegins = previous == '\n' || previous == '\r' && b != '\n';
            if (lineBegins) {
                line++;
            }
            if (i == 0 || lineBegins && !inside) {
                records.add(new long[] {i, line});
            }
            if (b == '"') {
                inside = !inside;
            }
            previous = b;
        }
        List<Long> fastCsv = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(false).allowExtraFields(true)
                .allowMissingFields(true).ofCsvRecord(new String(bytes, StandardCharsets.UTF_8))) {
            csv.forEach(record -> fastCsv.add(record.getStartingLineNumber()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(records.stream().map(r -> r[1]).toList()).as("the sequential scan's lines against FastCSV's")
                .isEqualTo(fastCsv);
        return records;
    }
}
