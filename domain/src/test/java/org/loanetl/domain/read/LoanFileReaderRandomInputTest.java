package org.loanetl.domain.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.OneFileLoad;

/** Seeded random files: whatever the rows hold, every one is accounted for and nothing but a refusal escapes. */
class LoanFileReaderRandomInputTest {

    private static final String FIELD_CHARS = "abcXYZ019 .-%,\"\n\r\t\u00e9\u20ac";
    private static final String[] NON_LOAN = {"", ",,,,,,,,,", "Loans that do not meet the credit policy",
            "\"Total amount funded in policy code 1: 460296150\"", "   "};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 30);
    }

    /** One record as written and what the reader should make of it. */
    record Written(String text, boolean nonLoan, int lineBreaks) {
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void accountsForEveryRandomWellFormedRecordWithItsExactTextAndLine(long seed) {
        Random random = new Random(seed);
        List<Written> written = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            written.add(randomRecord(random));
        }
        String lineEnd = random.nextBoolean() ? "\n" : "\r\n";
        StringBuilder file = new StringBuilder(String.join(",", LoanCsv.COLUMNS)).append(lineEnd);
        written.forEach(w -> file.append(w.text()).append(lineEnd));

        List<String> rawTexts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        long skipped;
        try (LoanFileReader reader = LoanFileReader.open("r.csv", new ByteArrayInputStream(file.toString().getBytes(UTF_8)),
                ColumnCatalog.standard(), LoadRules.defaults())) {
            CsvLine line;
            while ((line = reader.next()) != null) {
                lines.add(line.line());
                rawTexts.add(line.rawText());
            }
            skipped = reader.skippedLines();
        }

        List<String> expectedTexts = new ArrayList<>();
        List<Long> expectedLines = new ArrayList<>();
        long at = 2;
        for (Written w : written) {
            if (!w.nonLoan()) {
                expectedTexts.add(w.text());
                expectedLines.add(at);
            }
            at += 1 + w.lineBreaks();
        }
        assertThat(rawTexts).containsExactlyElementsOf(expectedTexts);
        assertThat(lines).containsExactlyElementsOf(expectedLines);
        assertThat(skipped).isEqualTo(written.size() - expectedTexts.size());

        OneFileLoad load = OneFileLoad.of("r.csv", file.toString().getBytes(UTF_8));
        assertThat(load.result().status()).isEqualTo(FileStatus.LOADED);
        assertAccounted(load, expectedTexts.size(), skipped);
        assertThat(load.rejects()).allSatisfy(r -> assertThat(expectedTexts).contains(r.rawText()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void neverThrowsAnythingButARefusalForRandomBytes(long seed) {
        Random random = new Random(seed);
        for (int file = 0; file < 10; file++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((String.join(",", LoanCsv.COLUMNS) + "\n").getBytes(UTF_8));
            // half the files without quotes or bad bytes, so most load and their accounting is checked
            int mode = file % 4;
            for (int line = 0; line < 20; line++) {
                out.writeBytes(randomBytesLine(random, mode >= 2, mode == 3));
            }
            byte[] content = out.toByteArray();

            String text = new String(content, UTF_8);
            try (LoanFileReader reader = LoanFileReader.open("r.csv", new ByteArrayInputStream(content),
                    ColumnCatalog.standard(), LoadRules.defaults())) {
                CsvLine line;
                while ((line = reader.next()) != null) {
                    assertThat(text).contains(line.rawText());
                }
            } catch (FileRefusedException refused) {
                assertThat(refused).hasMessageStartingWith("r.csv: refused: not ");
            }

            OneFileLoad load = OneFileLoad.of("r.csv", content);
            assertThat(load.result().status()).isIn(FileStatus.LOADED, FileStatus.REFUSED);
            if (load.result().status() == FileStatus.LOADED) {
                long records = independentRecordCount(content) - 1;
                assertAccounted(load, records - load.counts().skippedLines(), load.counts().skippedLines());
            }
        }
    }

    private static void assertAccounted(OneFileLoad load, long dataRows, long skipped) {
        LoadCounts counts = load.counts();
        assertThat(counts.dataRows()).isEqualTo(dataRows);
        assertThat(counts.loaded() + counts.filtered() + counts.rejected()).isEqualTo(dataRows);
        assertThat(counts.skippedLines()).isEqualTo(skipped);
        assertThat(load.rows()).hasSize((int) counts.loaded());
        assertThat(load.rejects()).hasSize((int) counts.rejected());
    }

    private static long independentRecordCount(byte[] content) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(false).allowExtraFields(true)
                .allowMissingFields(true).ofCsvRecord(new String(content, UTF_8))) {
            return csv.stream().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Written randomRecord(Random random) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return new Written(NON_LOAN[random.nextInt(NON_LOAN.length)], true, 0);
        }
        if (pick <= 3) {
            return new Written(LoanCsv.aFile().line(aLoan().with("id", Integer.toString(random.nextInt(1000)))), false, 0);
        }
        int count = 1 + random.nextInt(LoanCsv.COLUMNS.size() + 3);
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder field = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                field.append(FIELD_CHARS.charAt(random.nextInt(FIELD_CHARS.length())));
            }
            fields.add(field.toString());
        }
        fields.set(0, "x" + fields.get(0));   // a letter first, so the record is never blank nor a notice
        boolean quoteAll = random.nextBoolean();
        List<String> encoded = new ArrayList<>();
        int breaks = 0;
        for (String field : fields) {
            boolean needs = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
            // a quote inside an unquoted field is data ('5" screen'), kept as it stands
            boolean innerQuoteOnly = !field.startsWith("\"") && field.contains("\"") && !field.contains(",")
                    && !field.contains("\n") && !field.contains("\r");
            if (innerQuoteOnly && random.nextBoolean()) {
                encoded.add(field);
                continue;
            }
            encoded.add(quoteAll || needs ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
            breaks += field.replace("\r\n", "\n").replaceAll("[^\r\n]", "").length();
        }
        return new Written(String.join(",", encoded), false, breaks);
    }

    private static byte[] randomBytesLine(Random random, boolean quotes, boolean binary) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(binary ? 100 : 96);
            if (pick < 70) {
                int c = ' ' + random.nextInt(95);
                line.write(c == '"' && !quotes ? '\'' : c);
            } else if (pick < 80) {
                line.write(',');
            } else if (pick < 82) {
                line.write(quotes ? '"' : ';');
            } else if (pick < 90) {
                line.write(random.nextBoolean() ? '\r' : '\n');
            } else if (pick < 96) {
                line.writeBytes("\u00e9".getBytes(UTF_8));
            } else if (pick < 98) {
                line.write(0x80 + random.nextInt(128));
            } else {
                line.write(0);
            }
        }
        line.write('\n');
        return line.toByteArray();
    }
}
