package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoanRow;

/**
 * The rules for files as people keep them (spec sections 1-4): readable c.2012 names, {@code FICO Range}, null words,
 * trailing delimiters, R's row-number column, and the credit-score column a file has.
 */
class WildFilesRulesTest {

    private static final ColumnCatalog CATALOG = ColumnCatalog.standard();

    private static FileLayout layout(LoadRules rules, String... header) {
        return FileLayout.of("f.csv", List.of(header), CATALOG, rules);
    }

    private static RowOutcome classify(FileLayout layout, LoadRules rules, String... fields) {
        return new RowClassifier(layout, rules).classify(2, List.of(fields));
    }

    private static LoanRow loaded(RowOutcome outcome) {
        assertThat(outcome).isInstanceOf(RowOutcome.Loaded.class);
        return ((RowOutcome.Loaded) outcome).row();
    }

    // ---- readable names

    @Test
    void mapsEveryReadableNameOfSectionEightToItsCatalogColumn() {
        assertThat(CATALOG.resolve(" Loan ID ")).extracting(Column::name).containsExactly("id");
        assertThat(CATALOG.resolve("amount requested")).extracting(Column::name).containsExactly("loan_amnt");
        assertThat(CATALOG.resolve("CREDIT Rating")).extracting(Column::name).containsExactly("sub_grade");
        assertThat(CATALOG.resolve("Expiration Date")).extracting(Column::name).containsExactly("exp_d");
        assertThat(CATALOG.resolve("Application Expiration Date")).extracting(Column::name).containsExactly("exp_d");
        assertThat(CATALOG.resolve("Loan Description")).extracting(Column::storedName).containsExactly("description");
        assertThat(CATALOG.resolve("FICO Range")).extracting(Column::name)
                .containsExactly("fico_range_low", "fico_range_high");
        assertThat(CATALOG.readableNames()).hasSize(39);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Monthly Income", "Screen Name", "Education", "Code"})
    void leavesTheReadableNamesTheSpecCallsUnknownUnknown(String name) {
        assertThat(CATALOG.resolve(name)).isEmpty();
    }

    @Test
    void refusesAHeaderWithAReadableNameAndItsCatalogName() {
        assertThatThrownBy(() -> layout(LoadRules.defaults(), "Loan ID", "loan_status", "purpose", "id", "fico_range_low"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: header repeats column id (as Loan ID and id);"
                        + " to load it, rename or remove one of them in the header");
        assertThatThrownBy(() -> layout(LoadRules.defaults(), "FICO Range", "loan_status", "purpose", "fico_range_high"))
                .hasMessage("f.csv: refused: header repeats column fico_range_high (as FICO Range and"
                        + " fico_range_high); to load it, rename or remove one of them in the header");
    }

    @Test
    void takesTheScoreFromTheFicoRangeOfAReadableHeader() {
        FileLayout layout = layout(LoadRules.defaults(), "Loan ID", "Status", "Loan Purpose", "FICO Range");

        assertThat(layout.creditScoreColumn()).isEqualTo("fico_range_low");
        assertThat(layout.columns()).extracting(Column::name)
                .containsExactly("id", "loan_status", "purpose", "fico_range_low", "fico_range_high");
        assertThat(layout.fieldPositions()).containsExactly(0, 1, 2, 3, 3);
    }

    // ---- FICO Range

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "660-678     | 660 | 678",
            "' 700 - 704 ' | 700 | 704",
            "780+        | 780 | NULL",
            "720         | 720 | 720",
            "720.0       | 720 | 720",
            "NA          | NULL | NULL",
            "''          | NULL | NULL"})
    void splitsAFicoRangeIntoItsLowAndHighEnds(String range, Long low, Long high) {
        FileLayout layout = layout(LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE), "Loan ID", "Status",
                "Loan Purpose", "FICO Range");

        LoanRow row = loaded(classify(layout, LoadRules.defaults(), "1", "Current", "car", range));

        assertThat(row.value(3)).isEqualTo(low);
        assertThat(row.value(4)).isEqualTo(high);
    }

    @ParameterizedTest
    @ValueSource(strings = {"660-", "-678", "abc", "660-678-700", "660--678", "+", "660-abc", "660.5-678"})
    void rejectsAFicoRangeThatIsNotOneOnceNamingTheHeader(String range) {
        FileLayout layout = layout(LoadRules.defaults(), "Loan ID", "Status", "Loan Purpose", "FICO Range");

        assertThat(classify(layout, LoadRules.defaults(), "1", "Current", "car", range))
                .isEqualTo(new RowOutcome.Rejected("FICO Range: not a score range: \"" + range + "\""));
    }

    @Test
    void filtersOnTheLowEndOfTheRange() {
        FileLayout layout = layout(LoadRules.defaults(), "Loan ID", "Status", "Loan Purpose", "FICO Range");

        assertThat(classify(layout, LoadRules.defaults(), "1", "Current", "car", "695-699"))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.LOW_CREDIT_SCORE));
        assertThat(classify(layout, LoadRules.defaults(), "1", "Current", "car", "700-704"))
                .isInstanceOf(RowOutcome.Loaded.class);
    }

    // ---- null words

    @ParameterizedTest
    @ValueSource(strings = {"NA", "na", " N/A ", "NaN", "NULL", "null", "None", "NONE"})
    void readsTheNullWordsAsNullInEveryColumnThatIsNotText(String word) {
        FileLayout layout = layout(LoadRules.defaults(), "loan_status", "purpose", "fico_range_low", "loan_amnt",
                "int_rate", "dti", "issue_d", "term", "emp_length");

        LoanRow row = loaded(classify(layout, LoadRules.defaults(), "Current", "car", "720", word, word, word, word,
                word, word));

        assertThat(java.util.Arrays.asList(row.value(3), row.value(4), row.value(5), row.value(6))).containsOnlyNulls();
        assertThat(row.value(7)).isNull();
        assertThat(row.value(8)).as("text keeps what it holds").isEqualTo(word);
    }

    @Test
    void readsANullScoreAsALowOne() {
        FileLayout layout = layout(LoadRules.defaults(), "loan_status", "purpose", "fico_range_low");

        assertThat(classify(layout, LoadRules.defaults(), "Current", "car", "NA"))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.LOW_CREDIT_SCORE));
    }

    @Test
    void readsOnlyTheConfiguredWordsAsNull() {
        LoadRules dashes = LoadRules.defaults().withNullTokens(NullTokens.parse(" -, ?? ,"));
        FileLayout layout = layout(dashes, "loan_status", "purpose", "fico_range_low", "loan_amnt");

        assertThat(loaded(classify(layout, dashes, "Current", "car", "720", "-")).value(3)).isNull();
        assertThat(loaded(classify(layout, dashes, "Current", "car", "720", "??")).value(3)).isNull();
        assertThat(classify(layout, dashes, "Current", "car", "720", "NA"))
                .isEqualTo(new RowOutcome.Rejected("loan_amnt: not an amount: \"NA\""));
        assertThat(dashes.nullTokens().tokens()).containsExactly("-", "??");
    }

    @Test
    void leavesOnlyTheEmptyFieldNullWithAnEmptyList() {
        LoadRules none = LoadRules.defaults().withNullTokens(NullTokens.parse(""));
        FileLayout layout = layout(none, "loan_status", "purpose", "fico_range_low", "issue_d");

        assertThat(none.nullTokens().tokens()).isEmpty();
        assertThat(loaded(classify(layout, none, "Current", "car", "720", " ")).value(3)).isNull();
        assertThat(classify(layout, none, "Current", "car", "720", "null"))
                .isEqualTo(new RowOutcome.Rejected("issue_d: not a month: \"null\""));
    }

    @Test
    void tellsNullWordsApartFromNumbersWithTheSameLengthAndFirstLetter() {
        NullTokens.Matcher matcher = NullTokens.DEFAULT.matcher();
        Random random = new Random(13);
        for (int i = 0; i < 2000; i++) {
            String number = Integer.toString(random.nextInt(100_000));
            assertThat(matcher.matches(number.toCharArray(), 0, number.length())).as(number).isFalse();
        }
        for (String near : List.of("Non", "Nonee", "nul", "N/", "NA/", "Nan-2011", "Nov-2011")) {
            String trimmed = near.trim();
            assertThat(matcher.matches(trimmed.toCharArray(), 0, trimmed.length())).as(near).isFalse();
        }
    }

    // ---- trailing delimiters and R's row numbers

    @Test
    void ignoresATrailingDelimiterOnEveryRow() {
        FileLayout layout = layout(LoadRules.defaults(), "loan_status", "purpose", "fico_range_low");

        assertThat(layout.fieldCount()).isEqualTo(3);
        assertThat(loaded(classify(layout, LoadRules.defaults(), "Current", "car", "720", "")).size()).isEqualTo(3);
        assertThat(classify(layout, LoadRules.defaults(), "Current", "car", "720", "x"))
                .isEqualTo(new RowOutcome.Rejected("row has 4 fields, header has 3"));
    }

    @Test
    void ignoresATrailingEmptyHeaderNameWhetherOrNotTheRowsHaveTheField() {
        FileLayout layout = layout(LoadRules.defaults(), "loan_status", "purpose", "fico_range_low", "");

        assertThat(layout.fieldCount()).isEqualTo(3);
        assertThat(layout.unknownColumns()).isEmpty();
        assertThat(classify(layout, LoadRules.defaults(), "Current", "car", "720")).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classify(layout, LoadRules.defaults(), "Current", "car", "720", "")).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classify(layout, LoadRules.defaults(), "Current", "car"))
                .isEqualTo(new RowOutcome.Rejected("row has 2 fields, header has 3"));
    }

    @Test
    void ignoresTheRowNumbersROfferedUnderAnEmptyFirstName() {
        FileLayout layout = layout(LoadRules.defaults(), "", "loan_status", "purpose", "fico_range_low");

        LoanRow row = loaded(classify(layout, LoadRules.defaults(), "17", "Current", "car", "720"));

        assertThat(row.values()).containsExactly("Current", "car", 720L);
        assertThat(layout.fieldCount()).isEqualTo(4);
    }

    // ---- the score column

    @Test
    void readsTheScoreFromTheFirstConfiguredColumnTheHeaderHas() {
        LoadRules rules = LoadRules.defaults();

        assertThat(layout(rules, "loan_status", "purpose", "fico_range_low", "last_fico_range_low").creditScoreColumn())
                .isEqualTo("last_fico_range_low");
        assertThat(layout(rules, "loan_status", "purpose", "fico_range_low").creditScoreColumn())
                .isEqualTo("fico_range_low");
        assertThat(layout(rules.withCreditScoreColumns(List.of("fico_range_low", "last_fico_range_low")),
                "loan_status", "purpose", "fico_range_low", "last_fico_range_low").creditScoreColumn())
                .isEqualTo("fico_range_low");
    }

    @Test
    void loadsAFileWithoutAScoreColumnUnfilteredWhenTheRulesSaySo() {
        LoadRules skip = LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER);
        FileLayout layout = layout(skip, "loan_status", "purpose", "loan_amnt");

        assertThat(layout.creditScoreColumn()).isEqualTo(FileLayout.SCORE_NOT_APPLIED);
        assertThat(layout.scoreApplied()).isFalse();
        assertThat(classify(layout, skip, "Current", "car", "100")).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classify(layout, skip, "Charged Off", "car", "100"))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.CHARGED_OFF));
    }

    @Test
    void saysNotAppliedWhenTheScoreFilterIsOff() {
        LoadRules off = LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE);

        assertThat(layout(off, "loan_status", "purpose", "fico_range_low").creditScoreColumn()).isEqualTo("not applied");
    }

    @Test
    void refusesAFileWithoutAScoreColumnByDefaultInOneLineThatNamesBothFixes() {
        assertThatThrownBy(() -> layout(LoadRules.defaults(), "loan_status", "purpose", "loan_amnt"))
                .isInstanceOf(FileRefusedException.class)
                .hasMessage("f.csv: refused: header lacks a credit-score column (last_fico_range_low or fico_range_low);"
                        + " to load it anyway: --when-no-credit-score skip-filter to load it without the score filter,"
                        + " or --credit-score-column NAME to name the column that holds the score");
    }

    @Test
    void keepsTheNamesOfAHeaderAsRead() {
        List<String> header = new ArrayList<>(List.of("Loan ID", " Status ", "Loan Purpose", "FICO Range", "Screen Name"));
        FileLayout layout = FileLayout.of("f.csv", header, CATALOG, LoadRules.defaults());

        assertThat(layout.header()).containsExactlyElementsOf(header);
        assertThat(layout.unknownColumns()).containsExactly("Screen Name");
    }

    @Test
    void readsAnExcelOneDigitYearAndAnIsoDay() {
        FileLayout layout = layout(LoadRules.defaults(), "loan_status", "purpose", "fico_range_low", "issue_d",
                "earliest_cr_line", "dti");

        LoanRow row = loaded(classify(layout, LoadRules.defaults(), "Current", "car", "720", "5-Feb", "1985-01-29 12:12",
                "14.29%"));

        assertThat(row.value(3)).isEqualTo(LocalDate.of(2005, 2, 1));
        assertThat(row.value(4)).isEqualTo(LocalDate.of(1985, 1, 29));
        assertThat(row.value(5)).isEqualTo(new BigDecimal("14.29"));
    }
}
