package org.loanetl.domain.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NonLoanLinesTest {

    private static List<String> padded(String first, int commas) {
        List<String> fields = new ArrayList<>();
        fields.add(first);
        for (int i = 0; i < commas; i++) {
            fields.add("");
        }
        return fields;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Notes offered by Prospectus (https://www.lendingclub.com/info/prospectus.action)",
            "NOTES OFFERED BY PROSPECTUS (https://www.lendingclub.com/info/prospectus.action)",
            "Loans that do not meet the credit policy",
            "Loans that do not meet the current credit policy",
            "  Loans that do not meet the credit policy  ",
            "Total amount funded in policy code 1: 460296150",
            "Total amount funded in policy code 2: 0",
            ""})
    void recognisesTheNoticeSeparatorsFootersAndBlankLinesAloneOrPaddedWithCommas(String text) {
        assertThat(NonLoanLines.isNonLoan(List.of(text))).isTrue();
        assertThat(NonLoanLines.isNonLoan(padded(text, 51))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 52, 150})
    void recognisesLinesOfOnlyCommasOrSpaces(int fields) {
        String[] empty = new String[fields];
        Arrays.fill(empty, "");
        String[] spaces = new String[fields];
        Arrays.fill(spaces, "  ");

        assertThat(NonLoanLines.isNonLoan(List.of(empty))).isTrue();
        assertThat(NonLoanLines.isNonLoan(List.of(spaces))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1077501", "Fully Paid", "Loans", "Total", "Notes offered", "Loans that meet the credit policy"})
    void takesALoneValueThatIsNoNoticeForARowToCast(String text) {
        assertThat(NonLoanLines.isNonLoan(padded(text, 9))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Total amount funded in policy code 1: 460296150", "Loans that do not meet the credit policy"})
    void takesANoticeBesideAnotherValueForARow(String text) {
        List<String> fields = padded(text, 9);
        fields.set(5, "x");

        assertThat(NonLoanLines.isNonLoan(fields)).isFalse();
    }
}
