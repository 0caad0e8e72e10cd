package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.RejectedFile;
import org.loanetl.domain.port.RejectStore;
import org.loanetl.domain.port.ReplayTransaction;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NullTokens;
import org.loanetl.domain.rules.RowClassifier;
import org.loanetl.domain.rules.RowOutcome;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.RawLoan;

class ReplayRejectsTest {

    private static final LoadRules NO_NULL_WORDS = LoadRules.defaults().withNullTokens(NullTokens.NONE);

    /** What a load of the text under these rules gives: loaded rows (as text), filtered per reason, rejects. */
    private record Loaded(List<String> rows, long[] filtered, List<Reject> rejects, List<String> header) {
    }

    private static Loaded load(String text, LoadRules rules) {
        try (LoanFileReader reader = LoanFileReader.open("f.csv", new ByteArrayInputStream(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), ColumnCatalog.standard(), rules)) {
            RowClassifier classifier = new RowClassifier(reader.layout(), rules);
            List<String> rows = new ArrayList<>();
            long[] filtered = new long[3];
            List<Reject> rejects = new ArrayList<>();
            CsvLine line;
            while ((line = reader.next()) != null) {
                RowOutcome outcome = classifier.classify(line.line(), line.fields());
                if (outcome instanceof RowOutcome.Loaded l) {
                    rows.add(l.row().toString());
                } else if (outcome instanceof RowOutcome.Filtered f) {
                    filtered[f.reason().ordinal()]++;
                } else if (outcome instanceof RowOutcome.Rejected r) {
                    rejects.add(new Reject(line.line(), r.reason(), line.rawText()));
                }
            }
            return new Loaded(rows, filtered, rejects, reader.layout().header());
        }
    }

    @Test
    void loadsARowRejectedForANullWordWithItsOriginalLine() {
        String text = LoanCsv.aFile().with(aLoan().with("id", "1"), aLoan().with("id", "2").with("dti", "NA"))
                .text();
        Loaded strict = load(text, NO_NULL_WORDS);
        assertThat(strict.rejects()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("dti: not a decimal number: \"NA\""));

        List<RowOutcome> outcomes = ReplayRejects.classify("f.csv", strict.header(), strict.rejects(),
                LoadRules.defaults());

        assertThat(outcomes).singleElement().isInstanceOf(RowOutcome.Loaded.class);
        LoanRow row = ((RowOutcome.Loaded) outcomes.get(0)).row();
        assertThat(row.line()).isEqualTo(3);
        assertThat(row.toString()).isEqualTo(load(text, LoadRules.defaults()).rows().get(1));
    }

    @Test
    void givesRowsThatStillFailTheirNewReasonAndFiltersRowsThatNowParse() {
        String text = LoanCsv.aFile()
                .with(aLoan().with("id", "1").with("dti", "NA").with("int_rate", "abc"))
                .with(aLoan().with("id", "2").with("dti", "NA").with("loan_status", "Charged Off"))
                .text();
        Loaded strict = load(text, NO_NULL_WORDS);

        List<RowOutcome> outcomes = ReplayRejects.classify("f.csv", strict.header(), strict.rejects(),
                LoadRules.defaults());

        assertThat(outcomes).containsExactly(new RowOutcome.Rejected("int_rate: not a percentage: \"abc\""),
                new RowOutcome.Filtered(FilterReason.CHARGED_OFF));
    }

    @Test
    void readsRawTextWithLineBreaksAndQuotesInsideQuotedFields() {
        String text = LoanCsv.aFile().quotingEveryField()
                .with(aLoan().with("id", "1").with("desc", "two\nlines, and \"quotes\"").with("dti", "NA"))
                .text();
        Loaded strict = load(text, NO_NULL_WORDS);
        assertThat(strict.rejects()).singleElement().satisfies(r -> assertThat(r.rawText()).contains("\n"));

        List<RowOutcome> outcomes = ReplayRejects.classify("f.csv", strict.header(), strict.rejects(),
                LoadRules.defaults());

        assertThat(outcomes).singleElement().isInstanceOf(RowOutcome.Loaded.class);
        assertThat(((RowOutcome.Loaded) outcomes.get(0)).row().value(6)).isEqualTo("two\nlines, and \"quotes\"");
    }

    @Test
    void rejectsRawTextThatIsNotOneCsvRecord() {
        List<RowOutcome> outcomes = ReplayRejects.classify("f.csv", LoanCsv.COLUMNS,
                List.of(new Reject(2, "r", "1,\"unclosed"), new Reject(3, "r", "a\nb")), LoadRules.defaults());

        assertThat(outcomes).extracting(o -> ((RowOutcome.Rejected) o).reason()).satisfiesExactly(
                reason -> assertThat(reason).startsWith("raw text is not one CSV record"),
                reason -> assertThat(reason).isEqualTo("raw text holds more than one CSV record"));
    }

    @Test
    void replayGivesWhatADirectLoadUnderTodaysRulesGivesOverRandomFiles() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            LoanCsv csv = LoanCsv.aFile();
            String[] odd = {"NA", "N/A", "abc", "", "NaN"};
            for (int i = 1; i <= 40; i++) {
                RawLoan loan = aLoan().with("id", Integer.toString(i));
                for (String column : List.of("dti", "int_rate", "loan_amnt", "last_fico_range_low")) {
                    if (random.nextInt(6) == 0) {
                        loan.with(column, odd[random.nextInt(odd.length)]);
                    }
                }
                if (random.nextInt(8) == 0) {
                    loan.with("loan_status", "Charged Off");
                }
                csv.with(loan);
            }
            String text = csv.text();
            Loaded strict = load(text, NO_NULL_WORDS);
            Loaded direct = load(text, LoadRules.defaults());
            InMemoryRejects store = new InMemoryRejects(strict.header(), strict.rejects());

            ReplayReport report = new ReplayRejects(store, LoadRules.defaults()).replay(RejectSelection.ALL);

            List<String> rows = new ArrayList<>(strict.rows());
            rows.addAll(store.loaded);
            rows.sort(null);
            List<String> expected = new ArrayList<>(direct.rows());
            expected.sort(null);
            assertThat(rows).as("seed %d", seed).isEqualTo(expected);
            long[] filtered = strict.filtered().clone();
            for (int r = 0; r < 3; r++) {
                filtered[r] += report.total().filtered(FilterReason.values()[r]);
            }
            assertThat(filtered).as("seed %d", seed).isEqualTo(direct.filtered());
            assertThat(store.rejects.values()).as("seed %d", seed).containsExactlyElementsOf(direct.rejects());
            assertThat(report.total().rejected()).isEqualTo(direct.rejects().size());
            assertThat(store.committed).isEqualTo(report.total());
        }
    }

    @Test
    void previewClassifiesAndWritesNothing() {
        String text = LoanCsv.aFile().with(aLoan().with("id", "2").with("dti", "NA")).text();
        Loaded strict = load(text, NO_NULL_WORDS);
        InMemoryRejects store = new InMemoryRejects(strict.header(), strict.rejects());

        ReplayReport report = new ReplayRejects(store, LoadRules.defaults()).preview(RejectSelection.ALL);

        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileReplay.Status.PREVIEWED);
            assertThat(f.replayed()).isEqualTo(new LoadCounts(1, 0, 0, 0, 0, 0));
        });
        assertThat(store.loaded).isEmpty();
        assertThat(store.rejects).hasSize(1);
        assertThat(store.committed).isNull();
    }

    @Test
    void leavesTheRejectsOfAFileWhoseHeaderWasNotKept() {
        InMemoryRejects store = new InMemoryRejects(null, List.of(new Reject(2, "r", "x")));

        ReplayReport report = new ReplayRejects(store, LoadRules.defaults()).replay(RejectSelection.ALL);

        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileReplay.Status.LEFT);
            assertThat(f.note()).isEqualTo("its header was not kept (loaded before loan-etl kept headers), so its 1"
                    + " rejects cannot be replayed; they stay as they are");
        });
        assertThat(store.begun).isFalse();
    }

    @Test
    void leavesTheRejectsOfAFileWhoseHeaderTodaysRulesRefuse() {
        List<String> header = LoanCsv.COLUMNS.stream().filter(c -> !c.equals("last_fico_range_low")).toList();
        InMemoryRejects store = new InMemoryRejects(header, List.of(new Reject(2, "r", "x")));

        ReplayReport report = new ReplayRejects(store, LoadRules.defaults()).replay(RejectSelection.ALL);

        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileReplay.Status.LEFT);
            assertThat(f.note()).startsWith("today's rules refuse its header: header lacks a credit-score column");
        });
    }

    /** One file's rejects in memory, read a page at a time as a store would. */
    private static final class InMemoryRejects implements RejectStore {
        final List<String> header;
        final TreeMap<Long, Reject> rejects = new TreeMap<>();
        final List<String> loaded = new ArrayList<>();
        LoadCounts committed;
        boolean begun;

        InMemoryRejects(List<String> header, List<Reject> rejects) {
            this.header = header;
            rejects.forEach(r -> this.rejects.put(r.line(), r));
        }

        @Override
        public List<RejectedFile> files(RejectSelection selection) {
            return List.of(new RejectedFile(1, "file:/data/f.csv", header, rejects.size()));
        }

        @Override
        public ReplayTransaction begin(RejectedFile file, RejectSelection selection, FileLayout layout) {
            begun = true;
            return new ReplayTransaction() {
                @Override
                public List<Reject> next(long afterLine, int limit) {
                    return rejects.tailMap(afterLine, false).values().stream().limit(Math.min(limit, 3)).toList();
                }

                @Override
                public void loaded(LoanRow row) {
                    loaded.add(row.toString());
                    rejects.remove(row.line());
                }

                @Override
                public void filtered(LoanRow row, FilterReason reason) {
                    rejects.remove(row.line());
                }

                @Override
                public void stillRejected(Reject reject) {
                    rejects.put(reject.line(), reject);
                }

                @Override
                public void commit(LoadCounts replayed, String rules) {
                    committed = replayed;
                    assertThat(rules).startsWith("filters=charged_off,purpose_other,low_credit_score;");
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
