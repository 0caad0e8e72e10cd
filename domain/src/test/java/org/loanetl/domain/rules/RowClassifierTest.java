package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.RawLoan;

class RowClassifierTest {

    private static FileLayout layout(LoadRules rules) {
        return FileLayout.of("f.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(), rules);
    }

    private static RowOutcome classify(RawLoan loan) {
        return classify(loan, LoadRules.defaults());
    }

    private static RowOutcome classify(RawLoan loan, LoadRules rules) {
        return new RowClassifier(layout(rules), rules).classify(7, LoanCsv.COLUMNS.stream().map(loan::get).toList());
    }

    private static FilterReason filteredFor(RawLoan loan) {
        RowOutcome outcome = classify(loan);
        assertThat(outcome).isInstanceOf(RowOutcome.Filtered.class);
        return ((RowOutcome.Filtered) outcome).reason();
    }

    private static String rejectedFor(RawLoan loan) {
        RowOutcome outcome = classify(loan);
        assertThat(outcome).isInstanceOf(RowOutcome.Rejected.class);
        return ((RowOutcome.Rejected) outcome).reason();
    }

    @Test
    void loadsAGoodLoanWithEveryValueTypedInTheFilesColumnOrder() {
        RowOutcome outcome = classify(aLoan().with("desc", " kept as is "));

        assertThat(outcome).isInstanceOf(RowOutcome.Loaded.class);
        var row = ((RowOutcome.Loaded) outcome).row();
        assertThat(row.line()).isEqualTo(7);
        assertThat(Arrays.asList(row.values())).containsExactly(1077501L, new BigDecimal("5000.00"), 36,
                new BigDecimal("10.65"), LocalDate.of(2011, 12, 1), "Fully Paid", " kept as is ", "credit_card",
                new BigDecimal("27.65"), 740L);
    }

    @Test
    void loadsEmptyFieldsAsNull() {
        RowOutcome outcome = classify(aLoan().with("loan_amnt", "").with("term", "").with("int_rate", " ")
                .with("issue_d", "").with("dti", ""));

        var values = ((RowOutcome.Loaded) outcome).row().values();
        assertThat(values[1]).isNull();
        assertThat(values[2]).isNull();
        assertThat(values[3]).isNull();
        assertThat(values[4]).isNull();
        assertThat(values[6]).isNull();
        assertThat(values[8]).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Charged Off", "charged off", "  CHARGED OFF ", "Charged  Off",
            "Does not meet the credit policy. Status:Charged Off", "Does not meet the credit policy.  Status: Charged Off",
            "does not meet the credit policy. status:charged off ", "Charged OfF\t", "charged\toff"})
    void filtersAChargedOffLoanIncludingTheCreditPolicyVariant(String status) {
        assertThat(filteredFor(aLoan().with("loan_status", status))).isEqualTo(FilterReason.CHARGED_OFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fully Paid", "Does not meet the credit policy. Status:Fully Paid", "Current", "Charged",
            "Charged Off Soon", "Default", "Late (31-120 days)", "In Grace Period", "Charged Of", "Charged Offf",
            "Charged 0ff", "Charged Off\u00a0", ""})
    void loadsLoansWithAnyOtherStatus(String status) {
        assertThat(classify(aLoan().with("loan_status", status))).isInstanceOf(RowOutcome.Loaded.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"other", "Other", " OTHER "})
    void filtersPurposeOtherTrimmedInAnyCase(String purpose) {
        assertThat(filteredFor(aLoan().with("purpose", purpose))).isEqualTo(FilterReason.PURPOSE_OTHER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"others", "other_purpose", "car", ""})
    void loadsLoansWithAnyOtherPurpose(String purpose) {
        assertThat(classify(aLoan().with("purpose", purpose))).isInstanceOf(RowOutcome.Loaded.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"700 | true", "700.0 | true", "701 | true", "850 | true", "699 | false",
            "699.0 | false", "0 | false", "-1 | false", "'' | false"})
    void passesAScoreOfSevenHundredAndFiltersLowerOrMissingOnes(String score, boolean passes) {
        RowOutcome outcome = classify(aLoan().with("last_fico_range_low", score));

        if (passes) {
            assertThat(outcome).isInstanceOf(RowOutcome.Loaded.class);
        } else {
            assertThat(outcome).isEqualTo(new RowOutcome.Filtered(FilterReason.LOW_CREDIT_SCORE));
        }
    }

    @Test
    void countsARowUnderTheFirstMatchingReasonInTheSpecsOrder() {
        RawLoan all = aLoan().with("loan_status", "Charged Off").with("purpose", "other").with("last_fico_range_low", "500");
        RawLoan lastTwo = aLoan().with("purpose", "other").with("last_fico_range_low", "");

        assertThat(filteredFor(all)).isEqualTo(FilterReason.CHARGED_OFF);
        assertThat(filteredFor(lastTwo)).isEqualTo(FilterReason.PURPOSE_OTHER);
        assertThat(classify(all, LoadRules.defaults().without(FilterReason.CHARGED_OFF)))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.PURPOSE_OTHER));
        assertThat(classify(all, LoadRules.defaults().without(FilterReason.CHARGED_OFF).without(FilterReason.PURPOSE_OTHER)))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.LOW_CREDIT_SCORE));
    }

    @Test
    void rejectsABadValueNamingTheColumnTheExpectationAndTheValue() {
        assertThat(rejectedFor(aLoan().with("int_rate", "abc"))).isEqualTo("int_rate: not a percentage: \"abc\"");
        assertThat(rejectedFor(aLoan().with("loan_amnt", "$5,000"))).isEqualTo("loan_amnt: not an amount: \"$5,000\"");
        assertThat(rejectedFor(aLoan().with("term", "36 years"))).isEqualTo("term: not a term: \"36 years\"");
        assertThat(rejectedFor(aLoan().with("issue_d", "Dec 2011"))).isEqualTo("issue_d: not a month: \"Dec 2011\"");
        assertThat(rejectedFor(aLoan().with("last_fico_range_low", "3.5")))
                .isEqualTo("last_fico_range_low: not an integer: \"3.5\"");
    }

    @Test
    void namesEveryBadValueOfARowInColumnOrder() {
        assertThat(rejectedFor(aLoan().with("dti", "x").with("id", "y")))
                .isEqualTo("id: not an integer: \"y\"; dti: not a decimal number: \"x\"");
    }

    @Test
    void rejectsABadRowBeforeAnyFilterIsTried() {
        assertThat(rejectedFor(aLoan().with("loan_status", "Charged Off").with("int_rate", "abc")))
                .isEqualTo("int_rate: not a percentage: \"abc\"");
    }

    @Test
    void rejectsRowsWithTooFewOrTooManyFieldsNamingBothCounts() {
        RowClassifier classifier = new RowClassifier(layout(LoadRules.defaults()), LoadRules.defaults());

        assertThat(classifier.classify(2, List.of("1"))).isEqualTo(new RowOutcome.Rejected("row has 1 field, header has 10"));
        assertThat(classifier.classify(2, List.of("1", "2", "3")))
                .isEqualTo(new RowOutcome.Rejected("row has 3 fields, header has 10"));
        assertThat(classifier.classify(2, java.util.Collections.nCopies(11, "x")))
                .isEqualTo(new RowOutcome.Rejected("row has 11 fields, header has 10"));
        assertThat(classifier.classify(2, java.util.Collections.nCopies(12, "")))
                .isEqualTo(new RowOutcome.Rejected("row has 12 fields, header has 10"));
    }

    @Test
    void ignoresColumnsTheCatalogDoesNotKnowWhenCasting() {
        List<String> header = List.of("id", "my_notes", "loan_status", "purpose", "last_fico_range_low");
        FileLayout layout = FileLayout.of("f.csv", header, ColumnCatalog.standard(), LoadRules.defaults());

        RowOutcome outcome = new RowClassifier(layout, LoadRules.defaults())
                .classify(2, List.of("5", "not a number at all", "Current", "car", "720"));

        assertThat(outcome).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(((RowOutcome.Loaded) outcome).row().values()).containsExactly(5L, "Current", "car", 720L);
    }

    @Test
    void readsTheScoreFromTheColumnTheRulesName() {
        LoadRules rules = LoadRules.defaults().withCreditScoreColumn("fico_range_low");
        List<String> header = List.of("loan_status", "purpose", "fico_range_low", "last_fico_range_low");
        FileLayout layout = FileLayout.of("f.csv", header, ColumnCatalog.standard(), rules);
        RowClassifier classifier = new RowClassifier(layout, rules);

        assertThat(classifier.classify(2, List.of("Current", "car", "700", "500"))).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classifier.classify(2, List.of("Current", "car", "650", "800")))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.LOW_CREDIT_SCORE));
    }

    @Test
    void appliesAnotherMinimumScore() {
        LoadRules rules = LoadRules.defaults().withMinCreditScore(660);

        assertThat(classify(aLoan().with("last_fico_range_low", "660"), rules)).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classify(aLoan().with("last_fico_range_low", "659"), rules))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.LOW_CREDIT_SCORE));
    }

    @Test
    void loadsEveryParsedRowWhenEachFilterIsSwitchedOff() {
        RawLoan chargedOff = aLoan().with("loan_status", "Charged Off");
        RawLoan other = aLoan().with("purpose", "other");
        RawLoan low = aLoan().with("last_fico_range_low", "300");

        assertThat(classify(chargedOff, LoadRules.defaults().without(FilterReason.CHARGED_OFF))).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classify(other, LoadRules.defaults().without(FilterReason.PURPOSE_OTHER))).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classify(low, LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE))).isInstanceOf(RowOutcome.Loaded.class);
        assertThat(classify(low, LoadRules.defaults().without(FilterReason.CHARGED_OFF)))
                .isEqualTo(new RowOutcome.Filtered(FilterReason.LOW_CREDIT_SCORE));
    }

    /**
     * One classifier reads a whole file, reusing what filtered and rejected rows leave behind: a seeded random mix of
     * loaded, filtered and rejected rows, with empty and bad values anywhere, must come out of it exactly as each
     * row does from a fresh classifier.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4})
    void givesEachRowTheOutcomeItHasAloneWhateverCameBefore(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        String[][] choices = {{"1077501", "", "x"}, {"5000", "", "abc", "15823.99905"}, {" 36 months", "", "36 years"},
            {"10.65%", "", " 7 % "}, {"Dec-2011", "", "Foo-2011"}, {"Fully Paid", "Charged Off", ""},
            {"", "a desc"}, {"credit_card", "other", ""}, {"27.65", "", "n/a"}, {"740", "650", "", "7.5"}};
        RowClassifier shared = new RowClassifier(layout(LoadRules.defaults()), LoadRules.defaults());
        for (int line = 2; line < 2000; line++) {
            List<String> fields = new java.util.ArrayList<>();
            for (String[] choice : choices) {
                fields.add(choice[random.nextInt(choice.length)]);
            }
            RowOutcome alone = new RowClassifier(layout(LoadRules.defaults()), LoadRules.defaults()).classify(line, fields);
            RowOutcome after = shared.classify(line, fields);

            assertThat(describe(after)).as("line %d: %s", line, fields).isEqualTo(describe(alone));
        }
    }

    private static String describe(RowOutcome outcome) {
        return outcome instanceof RowOutcome.Loaded loaded
                ? "loaded " + loaded.row().line() + " " + Arrays.asList(loaded.row().values()) : outcome.toString();
    }
}
