package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonthsTest {

    static IntStream twoDigitYears() {
        return IntStream.range(0, 100);
    }

    @ParameterizedTest
    @EnumSource(Month.class)
    void readsEveryEnglishMonthAbbreviationInBothExcelOrdersAndWithAFullYear(Month month) throws BadValueException {
        String name = month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        LocalDate first = LocalDate.of(2011, month, 1);

        assertThat(Months.parse(name + "-2011", name + "-2011")).isEqualTo(first);
        assertThat(Months.parse(name + "-11", name + "-11")).isEqualTo(first);
        assertThat(Months.parse("11-" + name, "11-" + name)).isEqualTo(first);
        assertThat(Months.parse("2011-%02d-01 00:00".formatted(month.getValue()), "raw")).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("twoDigitYears")
    void readsTwoDigitYearsUpToThirtyAsThisCenturyAndTheRestAsTheLast(int yy) throws BadValueException {
        String digits = "%02d".formatted(yy);
        int century = yy <= 30 ? 2000 : 1900;

        assertThat(Months.parse("Dec-" + digits, "raw")).isEqualTo(LocalDate.of(century + yy, 12, 1));
        assertThat(Months.parse(digits + "-Dec", "raw")).isEqualTo(LocalDate.of(century + yy, 12, 1));
    }

    @Test
    void placesTheCenturyBoundaryBetweenThirtyAndThirtyOne() throws BadValueException {
        assertThat(Months.parse("Jan-30", "raw")).hasToString("2030-01-01");
        assertThat(Months.parse("Jan-31", "raw")).hasToString("1931-01-01");
        assertThat(Months.parse("Apr-44", "raw")).hasToString("1944-04-01");
        assertThat(Months.parse("18-Dec", "raw")).hasToString("2018-12-01");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2011-12-01 00:00        | 2011-12-01",
            "2011-12-01 00:00:00     | 2011-12-01",
            "2011-12-01 00:00:00.0   | 2011-12-01",
            "2011-12-01T09:14        | 2011-12-01",
            "2012-02-29              | 2012-02-29",
            "2011-12-29              | 2011-12-29",
            "1985-01-29 12:12        | 1985-01-29",
            "1996-04-12 09:14        | 1996-04-12"})
    void readsIsoDatesKeepingTheirDayAndDroppingATime(String text, LocalDate expected) throws BadValueException {
        assertThat(Months.parse(text, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5-Feb  | 2005-02-01",
            "Feb-5  | 2005-02-01",
            "0-Jan  | 2000-01-01",
            "Jan-0  | 2000-01-01",
            "9-Dec  | 2009-12-01",
            "16-Jun | 2016-06-01",
            "Jun-16 | 2016-06-01",
            "Oct-99 | 1999-10-01",
            "99-Oct | 1999-10-01"})
    void readsExcelYearsOfOneOrTwoDigitsEitherWayRound(String text, LocalDate expected) throws BadValueException {
        assertThat(Months.parse(text, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "NULL", "nULl"})
    void leavesTheWordNullToTheRulesNullWords(String text) {
        assertThatThrownBy(() -> Months.parse(text, text)).isInstanceOf(BadValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2013-02-29", "2011-00-01", "2011-12-01 0:00", "2011-12-01  00:00", "2011-12-01 24:00x",
            "Dec-2011 00:00", "Dec-123", "123-Dec", "Dec-18-", "Dec--18", "Dec-+18", "Dec-1_8", "Sept-2011", "Dez-2011",
            "Dec-99999", "nul", "nil"})
    void rejectsTextThatIsNoneOfTheForms(String text) {
        assertThatThrownBy(() -> Months.parse(text, " " + text))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a month: \" " + text + "\"");
    }

    @Test
    void computesTheFirstDayOfEveryMonthAsLocalDateDoes() {
        for (int year = -1200; year <= 3200; year++) {
            for (int month = 1; month <= 12; month++) {
                assertThat(Months.firstDayOf(year, month)).as("%d-%d", year, month)
                        .isEqualTo(LocalDate.of(year, month, 1).toEpochDay());
            }
        }
    }

    @Test
    void readsTheCommonFormFromASliceAndLeavesTheRestToParse() {
        char[] chars = "1Dec-20119sep-1900Jan-3000Dec-11".toCharArray();
        assertThat(Months.commonForm(chars, 1, 9)).isEqualTo(LocalDate.of(2011, 12, 1).toEpochDay());
        assertThat(Months.commonForm(chars, 10, 18)).isEqualTo(LocalDate.of(1900, 9, 1).toEpochDay());
        assertThat(Months.commonForm(chars, 18, 26)).isEqualTo(Months.NOT_COMMON);
        assertThat(Months.commonForm(chars, 26, 32)).isEqualTo(Months.NOT_COMMON);
    }
}
