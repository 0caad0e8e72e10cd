package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @Test
    void roundsTwoPointSixSevenFiveUpAsAPersonWould() throws BadValueException {
        assertThat(Decimals.twoPlaces("2.675", "not an amount", "2.675")).isEqualTo(new BigDecimal("2.68"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.005       | 0.01",
            "-0.005      | -0.01",
            "0.0049999   | 0.00",
            "-0.0049999  | 0.00",
            "0.015       | 0.02",
            "0.025       | 0.03",
            "00012.3400  | 12.34",
            "-000.10     | -0.10",
            "1E+2        | 100.00",
            "12.5e-1     | 1.25",
            "1e40        | 10000000000000000000000000000000000000000.00"})
    void roundsHalfAwayFromZeroWhateverTheForm(String text, String expected) throws BadValueException {
        assertThat(Decimals.parse(text, "x", text).setScale(2, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void keepsFifteenDigitsBeforeThePointAndNoMore() throws BadValueException {
        assertThat(Decimals.twoPlaces("999999999999999.99", "not an amount", "raw")).hasToString("999999999999999.99");
        assertThatThrownBy(() -> Decimals.twoPlaces("999999999999999.995", "not an amount", "raw"))
                .isInstanceOf(BadValueException.class)
                .hasMessage("out of range (more than 15 digits before the point): \"raw\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e41", "1e-41", "1e+100", "1e999999999", "1e", "1e+", "e1", ".e1", "+", "-", "", "1_000",
            "0x10", "1d", "1f", "١٢٣", "12\u00a0", "1.0.0"})
    void refusesWhatBigDecimalAcceptsButAFileNeverMeansAndWhatIsNoNumber(String text) {
        assertThatThrownBy(() -> Decimals.parse(text, "not a decimal number", text))
                .isInstanceOf(BadValueException.class)
                .hasMessage("not a decimal number: \"" + text + "\"");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundsRandomDecimalTextExactlyAsBigDecimalDoes(long seed) throws BadValueException {
        Random random = new Random(seed);
        for (int i = 0; i < 250; i++) {
            String text = randomDecimal(random);
            BigDecimal expected = new BigDecimal(text).setScale(2, RoundingMode.HALF_UP);
            if (expected.precision() - expected.scale() > Decimals.MAX_INTEGER_DIGITS) {
                // 999999999999999.995 carries into a sixteenth digit
                assertThatThrownBy(() -> Decimals.twoPlaces(text, "not an amount", text))
                        .isInstanceOf(BadValueException.class).hasMessageStartingWith("out of range");
                continue;
            }
            BigDecimal stored = Decimals.twoPlaces(text, "not an amount", text);

            assertThat(stored).as(text).isEqualTo(expected);
            assertRoundedHalfAwayFromZero(text, stored);
        }
    }

    /** A property that does not lean on setScale: the nearest cent, and a tie goes away from zero. */
    private static void assertRoundedHalfAwayFromZero(String text, BigDecimal stored) {
        BigDecimal exact = new BigDecimal(text);
        BigDecimal distance = stored.subtract(exact).abs();
        BigDecimal halfCent = new BigDecimal("0.005");
        assertThat(stored.scale()).as(text).isEqualTo(2);
        assertThat(distance).as(text).isLessThanOrEqualTo(halfCent);
        if (distance.compareTo(halfCent) == 0) {
            assertThat(stored.abs()).as(text + " is a tie").isGreaterThan(exact.abs());
        }
    }

    /** Random digits, sign, scale, leading and trailing zeros; at most 15 significant digits before the point. */
    private static String randomDecimal(Random random) {
        StringBuilder s = new StringBuilder();
        int sign = random.nextInt(4);
        s.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
        s.append("0".repeat(random.nextInt(3)));
        int whole = random.nextInt(16);
        for (int i = 0; i < whole; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        int fraction = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
        boolean point = fraction > 0 || whole == 0 || random.nextBoolean();
        if (point) {
            s.append('.');
        }
        for (int i = 0; i < fraction; i++) {
            // favour 5s and 9s so ties and carries across the point come up often
            int pick = random.nextInt(13);
            s.append(pick >= 10 ? (pick == 10 ? '5' : '9') : (char) ('0' + pick));
        }
        if (point && random.nextInt(3) == 0) {
            s.append("0".repeat(1 + random.nextInt(4)));
        }
        if (whole == 0 && fraction == 0 && s.charAt(s.length() - 1) == '.') {
            s.append('0');
        }
        return s.toString();
    }
}
