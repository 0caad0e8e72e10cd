package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnKindTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "15823.99905 | 15824.00",
            "152.514     | 152.51",
            "2.675       | 2.68",
            "2.665       | 2.67",
            "1.005       | 1.01",
            "0.125       | 0.13",
            "-2.675      | -2.68",
            "15000       | 15000.00",
            "5000.0      | 5000.00",
            "0           | 0.00",
            ".5          | 0.50",
            "7.          | 7.00",
            "+3.333      | 3.33",
            "1e3         | 1000.00",
            "1.5E-1      | 0.15",
            "999999999999999.994 | 999999999999999.99"})
    void roundsMoneyHalfUpToTwoPlacesFromTheExactText(String raw, String stored) throws BadValueException {
        assertThat(ColumnKind.MONEY.cast(raw)).isEqualTo(new BigDecimal(stored));
    }

    @Test
    void keepsMoneyAwayFromBinaryFloatingPoint() throws BadValueException {
        assertThat(new BigDecimal(2.675).setScale(2, java.math.RoundingMode.HALF_UP)).hasToString("2.67");
        assertThat(ColumnKind.MONEY.cast("2.675")).hasToString("2.68");
    }

    @Test
    void readsMoneyWithSpacesAroundIt() throws BadValueException {
        assertThat(ColumnKind.MONEY.cast("  162.87 ")).isEqualTo(new BigDecimal("162.87"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "$100", "1,000.00", "1.2.3", "--1", "1e", "e5", "1e999", "NaN", "Infinity", "12 34", "."})
    void rejectsMoneyThatIsNotAPlainDecimal(String raw) {
        assertThatThrownBy(() -> ColumnKind.MONEY.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not an amount: \"" + raw + "\"");
    }

    @Test
    void rejectsMoneyTooLargeForItsColumn() {
        assertThatThrownBy(() -> ColumnKind.MONEY.cast("1234567890123456"))
                .isInstanceOf(BadValueException.class)
                .hasMessage("out of range (more than 15 digits before the point): \"1234567890123456\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"29.44 | 29.44", "1.0 | 1.00", "0.125 | 0.13", "100 | 100.00", "' 9.5 ' | 9.50"})
    void roundsRatiosHalfUpToTwoPlaces(String raw, String stored) throws BadValueException {
        assertThat(ColumnKind.RATIO.cast(raw)).isEqualTo(new BigDecimal(stored));
    }

    @Test
    void readsARatioWithAPercentSignAsTheC2012DownloadWritesDebtToIncome() throws BadValueException {
        assertThat(ColumnKind.RATIO.cast("14.29%")).isEqualTo(new BigDecimal("14.29"));
        assertThat(ColumnKind.RATIO.cast(" 0.125 % ")).isEqualTo(new BigDecimal("0.13"));
        assertThatThrownBy(() -> ColumnKind.RATIO.cast("29.44%%"))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a decimal number: \"29.44%%\"");
        assertThatThrownBy(() -> ColumnKind.RATIO.cast("%"))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a decimal number: \"%\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "' 10.65%'  | 10.65",
            "93.90%     | 93.90",
            "9.91       | 9.91",
            "'  7.90%'  | 7.90",
            "'10.65 %'  | 10.65",
            "' 10.65% ' | 10.65",
            "50%        | 50.00",
            "0%         | 0.00",
            "12.345%    | 12.35",
            "100.5%     | 100.50"})
    void readsPercentsAsPercentPointsWithOrWithoutTheSignAndSpaces(String raw, String stored) throws BadValueException {
        assertThat(ColumnKind.PERCENT.cast(raw)).isEqualTo(new BigDecimal(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "%", "10.65%%", "%10.65", "ten%", "10,65%"})
    void rejectsPercentsThatAreNotNumbers(String raw) {
        assertThatThrownBy(() -> ColumnKind.PERCENT.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a percentage: \"" + raw + "\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"730 | 730", "3.0 | 3", "3.000 | 3", "1296599.0 | 1296599", "-2 | -2", "+4 | 4",
            "' 12 ' | 12", "0 | 0", "1e3 | 1000", "9223372036854775807 | 9223372036854775807"})
    void readsIntegersWhereAZeroFractionIsWhole(String raw, long stored) throws BadValueException {
        assertThat(ColumnKind.INTEGER.cast(raw)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.5", "3.01", "0.1", "abc", "7 years", "1,000", "12-3"})
    void rejectsIntegersWithAFractionOrText(String raw) {
        assertThatThrownBy(() -> ColumnKind.INTEGER.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not an integer: \"" + raw + "\"");
    }

    @Test
    void rejectsIntegersBeyondSixtyFourBits() {
        assertThatThrownBy(() -> ColumnKind.INTEGER.cast("9223372036854775808"))
                .isInstanceOf(BadValueException.class)
                .hasMessage("out of range: \"9223372036854775808\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Dec-2011         | 2011-12-01",
            "dec-2011         | 2011-12-01",
            "DEC-2011         | 2011-12-01",
            "Jan-1985         | 1985-01-01",
            "2011-12-01 00:00 | 2011-12-01",
            "2012-08-16       | 2012-08-16",
            "2003-11-30 16:02 | 2003-11-30",
            "2011-12-01T00:00:00 | 2011-12-01",
            "Dec-18           | 2018-12-01",
            "18-Dec           | 2018-12-01",
            "Jan-00           | 2000-01-01",
            "00-Jan           | 2000-01-01",
            "Jun-30           | 2030-06-01",
            "Jun-31           | 1931-06-01",
            "31-Jun           | 1931-06-01",
            "Feb-85           | 1985-02-01",
            "5-Feb            | 2005-02-01",
            "16-Jun           | 2016-06-01",
            "Mar-99           | 1999-03-01",
            "' Sep-2012 '     | 2012-09-01"})
    void readsMonthsInEveryFormAsTheFirstDayOfTheMonthOrTheDayAnIsoDateNames(String raw, LocalDate stored) throws BadValueException {
        assertThat(ColumnKind.MONTH.cast(raw)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "NULL", "Null", " null "})
    void leavesTheWordNullToTheRules(String raw) {
        // the rules' null words (NullTokens) are matched before a value is cast; a kind alone knows only the empty field
        assertThatThrownBy(() -> ColumnKind.MONTH.cast(raw)).isInstanceOf(BadValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo-2011", "Dec", "2011", "Dec-2011-01", "Dec-201", "12-2011", "2011-13-01",
            "2011-12-32 00:00", "2011-12-01 midnight", "December-2011", "Dec/2011", "Dec-0999", "-Dec", "abc"})
    void rejectsBadMonths(String raw) {
        assertThatThrownBy(() -> ColumnKind.MONTH.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a month: \"" + raw + "\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"' 36 months' | 36", "60 months | 60", "36 Months | 36", "36 | 36",
            "'  60 months ' | 60", "1 month | 1", "36months | 36"})
    void readsTheTermAsWholeMonths(String raw, int stored) throws BadValueException {
        assertThat(ColumnKind.TERM.cast(raw)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"months", "36 years", "thirty-six months", "36.5 months", "0 months", "-36 months", "3600 months"})
    void rejectsTermsThatAreNotWholeMonths(String raw) {
        assertThatThrownBy(() -> ColumnKind.TERM.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a term: \"" + raw + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fully Paid", "driver coordinator ", "  Borrower added on 12/14/11 > x<br>", "n/a", " ",
            "\"quoted\"", "line one\nline two", "null", "Ünïcödé €"})
    void keepsTextExactlySpacesIncluded(String raw) throws BadValueException {
        assertThat(ColumnKind.TEXT.cast(raw)).isEqualTo(raw);
    }

    @ParameterizedTest
    @EnumSource(ColumnKind.class)
    void castsAnEmptyFieldToNullForEveryKind(ColumnKind kind) throws BadValueException {
        assertThat(kind.cast("")).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = ColumnKind.class, names = "TEXT", mode = EnumSource.Mode.EXCLUDE)
    void castsAFieldOfSpacesToNullForEveryKindButText(ColumnKind kind) throws BadValueException {
        assertThat(kind.cast("   ")).isNull();
    }

    @Test
    void keepsTheRawValueQuotedInTheMessageSpacesIncluded() {
        assertThatThrownBy(() -> ColumnKind.PERCENT.cast(" abc "))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a percentage: \" abc \"");
    }

    @ParameterizedTest
    @CsvSource({"MONEY, money", "RATIO, ratio", "PERCENT, percent", "INTEGER, integer", "MONTH, month", "TERM, term",
            "TEXT, text"})
    void namesEachKindAsTheCatalogFileDoes(ColumnKind kind, String label) {
        assertThat(kind.label()).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3.0 | 3", "' 3.0 ' | 3", "-3.00 | -3", "1.0e1 | 10", "30E-1 | 3",
            "000730 | 730", "-9223372036854775808 | -9223372036854775808", "9223372036854775807.0 | 9223372036854775807"})
    void readsAWholeNumberWrittenAsADecimalAsThatInteger(String raw, long stored) throws BadValueException {
        assertThat(ColumnKind.INTEGER.cast(raw)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.5", "-3.5", "3.0000001", "1e-1", "+", "-", "3.0%", "0x1F", "NaN", "1,5"})
    void rejectsAnIntegerWithAFractionOrThatIsNoNumber(String raw) {
        assertThatThrownBy(() -> ColumnKind.INTEGER.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not an integer: \"" + raw + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-9223372036854775809", "99999999999999999999", "1e40", "9223372036854775808.0"})
    void rejectsAnIntegerOutOfSixtyFourBitRangeAsOutOfRange(String raw) {
        assertThatThrownBy(() -> ColumnKind.INTEGER.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("out of range: \"" + raw + "\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-0.005 | -0.01", "0.005 | 0.01", "0.0049 | 0.00", "00100.100 | 100.10"})
    void roundsMoneyAtTheHalfCentAwayFromZero(String raw, String stored) throws BadValueException {
        assertThat(ColumnKind.MONEY.cast(raw)).isEqualTo(new BigDecimal(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456.00", "-1234567890123456", "1e15"})
    void rejectsMoneyWithMoreThanFifteenDigitsBeforeThePointWhateverTheSign(String raw) {
        assertThatThrownBy(() -> ColumnKind.MONEY.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("out of range (more than 15 digits before the point): \"" + raw + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e16", "12345678901234567.5"})
    void rejectsRatiosAndPercentsOutOfRangeToo(String raw) {
        assertThatThrownBy(() -> ColumnKind.RATIO.cast(raw)).isInstanceOf(BadValueException.class)
                .hasMessageStartingWith("out of range");
        assertThatThrownBy(() -> ColumnKind.PERCENT.cast(raw + "%")).isInstanceOf(BadValueException.class)
                .hasMessageStartingWith("out of range");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-1.5 | -1.50", "0.125 | 0.13", "'  7.21%' | 7.21", "+5% | 5.00", "47.2% | 47.20"})
    void readsSignedAndPaddedRatiosAndPercents(String raw, String stored) throws BadValueException {
        ColumnKind kind = raw.contains("%") ? ColumnKind.PERCENT : ColumnKind.RATIO;
        assertThat(kind.cast(raw)).isEqualTo(new BigDecimal(stored));
    }

    @ParameterizedTest
    @EnumSource(value = ColumnKind.class, names = {"MONEY", "RATIO", "PERCENT", "INTEGER", "TERM"})
    void rejectsTheLiteralNullForEveryKindButMonthAndText(ColumnKind kind) {
        assertThatThrownBy(() -> kind.cast("null")).isInstanceOf(BadValueException.class)
                .hasMessageEndingWith(": \"null\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"36 MONTHS | 36", "'36   months' | 36", "036 months | 36", "999 months | 999",
            "'\t60 months\t' | 60"})
    void readsTermsInAnyCaseAndSpacing(String raw, int stored) throws BadValueException {
        assertThat(ColumnKind.TERM.cast(raw)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+36 months", "- 36 months", "-36", "36.0 months", "3 6 months", "36 monthss", "months 36",
            "1000 months", "000 months"})
    void rejectsTermsWithASignAFractionOrStrayText(String raw) {
        assertThatThrownBy(() -> ColumnKind.TERM.cast(raw))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a term: \"" + raw + "\"");
    }
}
