package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.RawLoan;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * Valid rows whose fields are huge, yet within the reader's 16 Mi-character limit, load in a bounded heap: the whole
 * CLI runs in a JVM of its own with {@code -Xmx256m}, so a memory bound that holds only with a test JVM's default heap
 * (a quarter of the machine) fails here. What a load holds grows with the longest row, never with how many rows wait.
 */
@ExtendWith(TestPostgresExtension.class)
class HugeFieldsTest {

    private static final int ROWS = 20;
    /** Characters of each row's {@code desc}: 15 MB, close to the 16 Mi-character field limit. */
    private static final int DESC_CHARS = 15_000_000;
    /** The last rows are rejected: their raw text, as large, goes to {@code loan_rejects}. */
    private static final int REJECTED = 5;

    @TempDir
    Path dir;

    /**
     * A file that once ran a 512 MB heap out of memory, and vanished from the report with exit 0. Loading it needs
     * about 90 MB live now (the tokenizer's buffer, the row being read and the row being cast, 32 MB each), its
     * rejects about 150 MB (a reject's raw text is made as a String), and {@code -Xmx256m} leaves room for G1, which
     * never moves such large arrays.
     */
    @Test
    void loadsTwentyRowsWithFifteenMegabyteDescriptionsInA256MegabyteHeap() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        List<String> rejected = writeHugeFile(input.resolve("huge.csv"));
        String schema = TestPostgres.newSchema();
        Path output = dir.resolve("output.txt");

        int exit = load(input, schema, output, "256m");

        String printed = Files.readString(output);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("huge.csv").doesNotContain("OutOfMemoryError", "\tat ");
        int loaded = ROWS - REJECTED;
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
            assertThat(longs(s, "SELECT data_rows, loaded, rejected FROM " + schema + ".loaded_files"))
                    .containsExactly((long) ROWS, (long) loaded, (long) REJECTED);
            assertThat(longs(s, "SELECT count(*), sum(length(description)), count(DISTINCT id) FROM "
                    + schema + ".loans")).containsExactly((long) loaded, (long) loaded * DESC_CHARS, (long) loaded);
            List<String> stored = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT md5(raw_text) FROM " + schema + ".loan_rejects")) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            List<String> expected = new ArrayList<>();
            for (String raw : rejected) {
                expected.add(md5(raw));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * In a heap too small for even one such row, the file fails in one line that says why, and the run exits 1: it
     * once vanished from the report with exit 0 (the worker's thread died of the OutOfMemoryError), or was wrongly
     * "refused: not valid CSV" (the tokenizer wrapped the error).
     */
    @Test
    void failsTheFileInOneLineWhenTheHeapIsTooSmallForItsRows() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        writeHugeFile(input.resolve("huge.csv"));
        String schema = TestPostgres.newSchema();
        Path output = dir.resolve("output.txt");

        int exit = load(input, schema, output, "96m");

        String printed = Files.readString(output);
        assertThat(exit).as(printed).isEqualTo(1);
        assertThat(printed).contains("huge.csv: out of memory (Java heap space): give loan-etl a larger heap")
                .doesNotContain("refused", "\tat ", "Exception in thread");
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
            assertThat(longs(s, "SELECT count(*) FROM " + schema + ".loaded_files")).containsExactly(0L);
        }
    }

    private static int load(Path input, String schema, Path output, String maxHeap) throws Exception {
        return LoanEtlProcess.start(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema,
                "--after", "keep"), Map.of(), null, output, maxHeap).await(Duration.ofMinutes(5));
    }

    /**
     * {@value #ROWS} loans, each with a quoted, multi-line, 15 MB {@code desc}: all load under the default rules but
     * the last {@value #REJECTED}, whose {@code int_rate} is bad, so their whole 15 MB text is stored as a reject.
     *
     * @return the raw text of each rejected row, as the file holds it
     */
    private static List<String> writeHugeFile(Path file) throws IOException {
        String sentence = "Borrower added on 12/01/11 > I need this loan, \"urgently\", to pay off my cards.\n";
        StringBuilder desc = new StringBuilder(DESC_CHARS);
        while (desc.length() < DESC_CHARS) {
            desc.append(sentence, 0, Math.min(sentence.length(), DESC_CHARS - desc.length()));
        }
        String text = desc.toString();
        LoanCsv csv = LoanCsv.aFile();
        List<String> rejected = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", LoanCsv.COLUMNS));
            out.write('\n');
            for (int i = 1; i <= ROWS; i++) {
                RawLoan loan = RawLoan.aLoan().with("id", Integer.toString(i)).with("desc", text);
                if (i > ROWS - REJECTED) {
                    loan.with("int_rate", "abc%");
                    rejected.add(csv.line(loan));
                }
                out.write(csv.line(loan));
                out.write('\n');
            }
        }
        return rejected;
    }

    private static String md5(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Long> longs(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            int n = rows.getMetaData().getColumnCount();
            Long[] values = new Long[n];
            for (int i = 0; i < n; i++) {
                values[i] = rows.getLong(i + 1);
            }
            return List.of(values);
        }
    }
}
