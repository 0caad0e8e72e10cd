package org.loanetl.domain.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.RawLoan;

class LoanFileReaderTest {

    private static final String NOTICE = "Notes offered by Prospectus (https://www.lendingclub.com/info/prospectus.action)";

    /** Everything a reader gave for one file. */
    record Read(FileLayout layout, List<CsvLine> rows, List<String> rawTexts, long skipped) {

        List<Long> lines() {
            return rows.stream().map(CsvLine::line).toList();
        }
    }

    static Read read(byte[] content, LoadRules rules) {
        try (LoanFileReader reader = LoanFileReader.open("f.csv", new ByteArrayInputStream(content),
                ColumnCatalog.standard(), rules)) {
            List<CsvLine> rows = new ArrayList<>();
            List<String> raw = new ArrayList<>();
            CsvLine line;
            while ((line = reader.next()) != null) {
                rows.add(line);
                raw.add(line.rawText());
            }
            return new Read(reader.layout(), rows, raw, reader.skippedLines());
        }
    }

    static Read read(String content) {
        return read(content.getBytes(UTF_8), LoadRules.defaults());
    }

    static Read read(byte[] content) {
        return read(content, LoadRules.defaults());
    }

    private static String header() {
        return String.join(",", LoanCsv.COLUMNS);
    }

    private static String loan(String id) {
        return LoanCsv.aFile().line(aLoan().with("id", id));
    }

    // ---- non-loan lines

    @Test
    void skipsAndCountsEveryFormOfNonLoanLine() {
        String text = String.join("\n",
                NOTICE + ",,,,,,,,,",                                                 // 1
                header(),                                                             // 2
                loan("1"),                                                            // 3
                "",                                                                   // 4
                ",,,,,,,,,",                                                          // 5
                "   ",                                                                // 6
                "Loans that do not meet the credit policy",                           // 7
                loan("2"),                                                            // 8
                "\"Loans that do not meet the current credit policy\",,,,,,,,,",      // 9
                loan("3"),                                                            // 10
                "\"Total amount funded in policy code 1: 460296150\"",                // 11
                "Total amount funded in policy code 2: 0,,,,,,,,,",                   // 12
                "");

        Read read = read(text);

        assertThat(read.rows()).extracting(r -> r.fields().get(0)).containsExactly("1", "2", "3");
        assertThat(read.lines()).containsExactly(3L, 8L, 10L);
        assertThat(read.skipped()).isEqualTo(8);
    }

    @Test
    void findsTheHeaderAfterTheNoticeAndBlankLines() {
        Read read = read("\n" + NOTICE + "\n\n,,,\n" + header() + "\n" + loan("7") + "\n");

        assertThat(read.layout().columns()).extracting(Column::name).containsExactlyElementsOf(LoanCsv.COLUMNS);
        assertThat(read.lines()).containsExactly(6L);
        assertThat(read.skipped()).isEqualTo(4);
    }

    @Test
    void refusesAFileWhoseHeaderDoesNotComeWithinTwentyLines() {
        String text = "some,words\n".repeat(20) + header() + "\n" + loan("1") + "\n";

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: no header line with LendingClub column names (such as loan_status)"
                        + " in the first 20 lines");
    }

    @Test
    void findsAHeaderAfterNineteenOtherLines() {
        String text = "some,words\n".repeat(19) + header() + "\n" + loan("1") + "\n";

        assertThat(read(text).lines()).containsExactly(21L);
    }

    // ---- header layouts

    @ParameterizedTest
    @CsvSource({"reference/sample-53col.csv, 53, 0", "layouts/loanstats3a.csv, 115, 1", "layouts/loanstatsnew.csv, 102, 1",
            "layouts/modern151.csv, 151, 1"})
    void mapsEveryColumnOfEachKnownLayoutByName(String fixture, int width, int headerLine) {
        byte[] content = Fixtures.bytes(fixture);
        List<String> header = List.of(new String(content, UTF_8).split("\n")[headerLine].replace("\"", "").split(","));

        Read read = read(content);

        assertThat(header).hasSize(width);
        assertThat(read.layout().fieldCount()).isEqualTo(width);
        assertThat(read.layout().unknownColumns()).isEmpty();
        assertThat(read.layout().columns()).extracting(Column::name).containsExactlyElementsOf(header);
        assertThat(read.layout().fieldPositions()).containsExactly(java.util.stream.IntStream.range(0, width).toArray());
        assertThat(read.rows()).allSatisfy(row -> assertThat(row.fields()).hasSize(width));
    }

    @Test
    void readsTheLayoutFixturesWithTheirNoticeAndFootersSkipped() {
        assertThat(read(Fixtures.bytes("layouts/loanstats3a.csv")).lines()).containsExactly(3L, 5L, 6L);
        assertThat(read(Fixtures.bytes("layouts/loanstatsnew.csv")).lines()).containsExactly(3L, 4L, 5L);
        assertThat(read(Fixtures.bytes("layouts/modern151.csv")).skipped()).isEqualTo(3);
    }

    @Test
    void matchesHeaderNamesTrimmedAndInAnyCase() {
        Read read = read(" ID ,LOAN_STATUS, Purpose,Last_Fico_Range_Low\t,DESC\n1,Fully Paid,car,720,x\n");

        assertThat(read.layout().columns()).extracting(Column::name)
                .containsExactly("id", "loan_status", "purpose", "last_fico_range_low", "desc");
        assertThat(read.layout().unknownColumns()).isEmpty();
    }

    @Test
    void namesTheColumnsItDoesNotKnowAsTheHeaderWroteThem() {
        Read read = read("id,loan_status, My Notes ,purpose,,last_fico_range_low,zz_extra\n1,Fully Paid,n,car,,720,9\n");

        assertThat(read.layout().unknownColumns()).containsExactly("My Notes", "(unnamed column 5)", "zz_extra");
        assertThat(read.layout().columns()).extracting(Column::name)
                .containsExactly("id", "loan_status", "purpose", "last_fico_range_low");
        assertThat(read.layout().fieldPositions()).containsExactly(0, 1, 3, 5);
        assertThat(read.layout().fieldCount()).isEqualTo(7);
    }

    @Test
    void storesDescAsDescription() {
        Read read = read(LoanCsv.aFile().with(aLoan()).text());

        Column desc = read.layout().columns().get(read.layout().indexOf("desc"));
        assertThat(desc.storedName()).isEqualTo("description");
        assertThat(read.layout().columns()).filteredOn(c -> !c.name().equals("desc"))
                .allSatisfy(c -> assertThat(c.storedName()).isEqualTo(c.name()));
    }

    // ---- quoting, line breaks and raw text

    @Test
    void keepsTheExactRawTextOfARowWhoseDescSpansLinesAndNumbersTheNextRowsRight() {
        RawLoan multiLine = aLoan().with("id", "1").with("desc", "  Borrower added on 12/14/11 > one, \"two\"\nthree\n\nfour  ");
        LoanCsv csv = LoanCsv.aFile().with(multiLine, aLoan().with("id", "2")).withLine("").with(aLoan().with("id", "3"));

        Read read = read(csv.text());

        assertThat(read.lines()).containsExactly(2L, 6L, 8L);
        assertThat(read.rows().get(0).fields().get(LoanCsv.COLUMNS.indexOf("desc")))
                .isEqualTo("  Borrower added on 12/14/11 > one, \"two\"\nthree\n\nfour  ");
        assertThat(read.rawTexts().get(0)).isEqualTo(csv.line(multiLine)).contains("\"\"two\"\"\nthree\n\nfour");
        assertThat(read.rawTexts().get(1)).isEqualTo(csv.line(aLoan().with("id", "2")));
        assertThat(read.skipped()).isEqualTo(1);
    }

    @Test
    void stripsTheBomAndReadsCrlfLinesWithoutCarriageReturns() {
        RawLoan multiLine = aLoan().with("id", "1").with("desc", "one\r\ntwo");
        LoanCsv csv = LoanCsv.aFile().with(multiLine, aLoan().with("id", "2")).withBom().withCrlf();

        Read read = read(csv.bytes());

        assertThat(read.layout().columns().get(0).name()).isEqualTo("id");
        assertThat(read.layout().unknownColumns()).isEmpty();
        assertThat(read.lines()).containsExactly(2L, 4L);
        assertThat(read.rows().get(1).fields()).containsExactlyElementsOf(
                LoanCsv.COLUMNS.stream().map(aLoan().with("id", "2")::get).toList());
        assertThat(read.rows().get(0).fields().get(LoanCsv.COLUMNS.indexOf("desc"))).isEqualTo("one\r\ntwo");
        assertThat(read.rawTexts()).containsExactly(csv.line(multiLine), csv.line(aLoan().with("id", "2")));
    }

    @Test
    void readsTheSameFieldsWhetherEveryFieldOrOnlyTheNeedfulAreQuoted() {
        RawLoan[] loans = {aLoan().with("id", "1").with("desc", "a, b"), aLoan().with("id", "2").with("desc", "say \"hi\""),
                aLoan().with("id", "3").with("desc", "x\ny"), aLoan().with("id", "4").with("int_rate", "abc")};

        Read minimal = read(LoanCsv.aFile().with(loans).text());
        Read quoted = read(LoanCsv.aFile().with(loans).quotingEveryField().text());

        assertThat(quoted.rows()).extracting(CsvLine::line, CsvLine::fields)
                .isEqualTo(minimal.rows().stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.line(), r.fields())).toList());
        assertThat(quoted.rawTexts().get(0)).startsWith("\"1\",\"5000\"");
        assertThat(minimal.rawTexts().get(0)).startsWith("1,5000,");
    }

    @Test
    void readsALastLineWithoutALineBreak() {
        LoanCsv csv = LoanCsv.aFile().with(aLoan().with("id", "1"), aLoan().with("id", "2")).withoutFinalLineBreak();

        Read read = read(csv.text());

        assertThat(read.lines()).containsExactly(2L, 3L);
        assertThat(read.rawTexts().get(1)).isEqualTo(csv.line(aLoan().with("id", "2")));
    }

    @Test
    void handsOutRowsWithTooFewOrTooManyFieldsAsTheyAre() {
        Read read = read(header() + "\n1,2,3\n" + loan("4") + ",extra\n");

        assertThat(read.rows()).extracting(r -> r.fields().size()).containsExactly(3, LoanCsv.COLUMNS.size() + 1);
        assertThat(read.rawTexts()).containsExactly("1,2,3", loan("4") + ",extra");
    }

    @Test
    void keepsTheRawTextOfRowsFarIntoALargeFile() {
        LoanCsv csv = LoanCsv.aFile();
        for (int i = 0; i < 5000; i++) {
            csv.with(aLoan().with("id", Integer.toString(i)).with("desc", i % 7 == 0 ? "two\nlines" : "d" + "x".repeat(i % 50)));
        }

        Read read = read(csv.text());

        assertThat(read.rows()).hasSize(5000);
        for (int i = 0; i < 5000; i += 499) {
            assertThat(read.rawTexts().get(i)).isEqualTo(csv.line(aLoan().with("id", Integer.toString(i))
                    .with("desc", i % 7 == 0 ? "two\nlines" : "d" + "x".repeat(i % 50))));
        }
        assertThat(read.rows().get(4999).line()).isEqualTo(2 + 4999 + 715);
    }

    // ---- refusals

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "id,purpose,last_fico_range_low | header lacks column loan_status; to load it anyway: --no-filter charged_off",
            "id,loan_status,fico_range_low  | header lacks column purpose; to load it anyway: --no-filter purpose_other",
            "id,loan_status,purpose,grade   | header lacks a credit-score column (last_fico_range_low or fico_range_low); to load it anyway: --when-no-credit-score skip-filter to load it without the score filter, or --credit-score-column NAME to name the column that holds the score",
            "id,loan_amnt,int_rate          | header lacks column loan_status, column purpose, a credit-score column (last_fico_range_low or fico_range_low); to load it anyway:"
                    + " --no-filter charged_off; --no-filter purpose_other; --when-no-credit-score skip-filter to load it without the score filter, or --credit-score-column NAME to name the column that holds the score"})
    void refusesAHeaderThatLacksAColumnTheFiltersNeed(String header, String reason) {
        assertThatThrownBy(() -> read(header + "\n1,2,3\n"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: " + reason)
                .extracting(e -> ((FileRefusedException) e).reason()).isEqualTo(reason);
    }

    @Test
    void needsNoColumnForAFilterThatIsSwitchedOff() {
        byte[] content = "id,loan_amnt\n1,100\n".getBytes(UTF_8);
        LoadRules none = LoadRules.defaults().without(FilterReason.CHARGED_OFF).without(FilterReason.PURPOSE_OTHER)
                .without(FilterReason.LOW_CREDIT_SCORE);

        assertThat(read(content, none).rows()).hasSize(1);
        assertThat(read("id,loan_status,purpose\n1,x,y\n".getBytes(UTF_8),
                LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE)).rows()).hasSize(1);
        assertThatThrownBy(() -> read(content, LoadRules.defaults().without(FilterReason.CHARGED_OFF)))
                .hasMessageStartingWith("f.csv: refused: header lacks column purpose, a credit-score column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id,loan_status,purpose,last_fico_range_low,loan_status",
            "id,loan_status,purpose,last_fico_range_low, Loan_Status ",
            "id,loan_status,purpose,last_fico_range_low,notes,NOTES"})
    void refusesAHeaderThatRepeatsAColumn(String header) {
        String repeated = header.substring(header.lastIndexOf(',') + 1).trim().toLowerCase();

        assertThatThrownBy(() -> read(header + "\n1,2,3,4,5\n"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: header repeats column " + repeated
                        + "; to load it, rename or remove one of them in the header");
    }

    @Test
    void refusesAFileWithNulBytes() {
        byte[] content = (header() + "\n" + loan("1") + "\n1,2\u00003\n").getBytes(UTF_8);

        assertThatThrownBy(() -> read(content))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: not CSV text: NUL character on line 3 (a binary file?)");
    }

    @Test
    void refusesABinaryFile() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 'i', 'd', ',', 'x'};

        assertThatThrownBy(() -> read(zip))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("f.csv: refused: not CSV text: ");
    }

    @Test
    void refusesAFileThatIsNotUtf8AndNamesTheLine() {
        byte[] latin1 = (header() + "\n" + loan("1") + "\n" + LoanCsv.aFile().line(aLoan().with("desc", "café")) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(latin1))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: not CSV text: invalid UTF-8 on line 3");
    }

    @Test
    void refusesInvalidUtf8FarIntoTheFileWithNothingHandedOutAfterIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((header() + "\n").getBytes(UTF_8));
        for (int i = 0; i < 3000; i++) {
            out.writeBytes((loan(Integer.toString(i)) + "\n").getBytes(UTF_8));
        }
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        byte[] content = out.toByteArray();

        List<Long> lines = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (LoanFileReader reader = LoanFileReader.open("f.csv", new ByteArrayInputStream(content),
                    ColumnCatalog.standard(), LoadRules.defaults())) {
                CsvLine line;
                while ((line = reader.next()) != null) {
                    lines.add(line.line());
                }
            }
        }).isInstanceOf(FileRefusedException.class).hasMessage("f.csv: refused: not CSV text: invalid UTF-8 on line 3002");
        assertThat(lines).hasSizeLessThanOrEqualTo(3000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\uFEFF"})
    void refusesAnEmptyFile(String content) {
        assertThatThrownBy(() -> read(content))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: empty file");
    }

    @Test
    void refusesAFileOfBlankLinesForWantOfAHeader() {
        assertThatThrownBy(() -> read("\n\n,,,\n"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("f.csv: refused: no header line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", ""})
    void readsAHeaderOnlyFileAsNoRows(String end) {
        Read read = read(header() + end);

        assertThat(read.rows()).isEmpty();
        assertThat(read.skipped()).isZero();
        assertThat(read.layout().fieldCount()).isEqualTo(LoanCsv.COLUMNS.size());
    }

    @Test
    void refusesAFileWithAQuoteThatNeverCloses() {
        String text = header() + "\n" + loan("1") + "\n2,5000,\"36 months,oops\n";

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(FileRefusedException.class)
                .hasMessageStartingWith("f.csv: refused: not valid CSV");
    }
}
