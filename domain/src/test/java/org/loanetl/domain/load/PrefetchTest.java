package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;

/** Rows read on a second thread arrive in order, across batches, and a failure arrives after the rows before it. */
class PrefetchTest {

    @Test
    void handsOutEveryRowInOrderAcrossManyBatchesThenTheSkippedLineCount() {
        int rows = Prefetch.BATCH * (Prefetch.DEPTH + 3) + 17;
        LoanCsv csv = LoanCsv.aFile().withLine("Notes offered by Prospectus (https://www.lendingclub.com/info/prospectus.action)");
        for (int i = 1; i <= rows; i++) {
            csv = csv.with(aLoan().with("id", Integer.toString(i)));
        }
        csv = csv.withLine("Total amount funded in policy code 1: 1");

        List<String> ids = new ArrayList<>();
        long skipped;
        try (LoanFileReader reader = open(csv.text()); Prefetch prefetch = new Prefetch(reader, "t.csv")) {
            CsvLine line;
            while ((line = prefetch.next()) != null) {
                ids.add(line.fields().get(0));
            }
            skipped = prefetch.skippedLines();
        }

        assertThat(ids).hasSize(rows).first().isEqualTo("1");
        assertThat(ids).last().isEqualTo(Integer.toString(rows));
        assertThat(ids).isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        assertThat(skipped).isEqualTo(2);
    }

    @Test
    void throwsTheReadersFailureAfterTheRowsReadBeforeIt() {
        StringBuilder text = new StringBuilder(LoanCsv.aFile().with(aLoan().with("id", "1")).text());
        for (int i = 2; i <= 600; i++) {
            text.append(LoanCsv.aFile().with(aLoan().with("id", Integer.toString(i))).text().split("\n", 2)[1]);
        }
        text.append("9,\"unclosed\n");

        List<String> ids = new ArrayList<>();
        try (LoanFileReader reader = open(text.toString()); Prefetch prefetch = new Prefetch(reader, "t.csv")) {
            assertThatThrownBy(() -> {
                CsvLine line;
                while ((line = prefetch.next()) != null) {
                    ids.add(line.fields().get(0));
                }
            }).isInstanceOf(FileRefusedException.class);
        }

        assertThat(ids).hasSizeGreaterThanOrEqualTo(599).startsWith("1", "2");
    }

    @Test
    void stopsTheReadingThreadWhenClosedEarly() throws InterruptedException {
        LoanCsv csv = LoanCsv.aFile();
        for (int i = 1; i <= Prefetch.BATCH * (Prefetch.DEPTH + 4); i++) {
            csv = csv.with(aLoan().with("id", Integer.toString(i)));
        }
        LoanFileReader reader = open(csv.text());
        Prefetch prefetch = new Prefetch(reader, "early.csv");
        assertThat(prefetch.next()).isNotNull();

        prefetch.close();
        reader.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("loan-etl-read early.csv"));
    }

    @Test
    void readsAheadAFewHugeRowsNotAFewBatchesOfThem() throws InterruptedException {
        int rows = 40;
        String desc = "y".repeat(1_000_000);
        LoanCsv csv = LoanCsv.aFile();
        for (int i = 1; i <= rows; i++) {
            csv = csv.with(aLoan().with("id", Integer.toString(i)).with("desc", desc));
        }
        byte[] bytes = csv.bytes();
        AtomicLong read = new AtomicLong();
        InputStream counted = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };

        try (LoanFileReader reader = LoanFileReader.open("huge.csv", counted, ColumnCatalog.standard(),
                LoadRules.defaults()); Prefetch prefetch = new Prefetch(reader, "huge.csv")) {
            assertThat(prefetch.next()).isNotNull();
            long ahead = settled(read);

            // held: the row being cast, the budget's worth handed over, and the row read but not yet let in
            assertThat(ahead).isLessThan((long) (Prefetch.BUDGET_CHARS / desc.length() + 3) * desc.length());
            int n = 1;
            while (prefetch.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(rows);
        }
    }

    /** How much has been read once reading has stopped for a while (the reading thread waits for room). */
    private static long settled(AtomicLong read) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 100 && read.get() != last; i++) {
            last = read.get();
            Thread.sleep(200);
        }
        return read.get();
    }

    private static LoanFileReader open(String text) {
        return LoanFileReader.open("t.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                ColumnCatalog.standard(), LoadRules.defaults());
    }
}
