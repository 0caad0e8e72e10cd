package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hot path casts a field where it lies inside a row's characters; {@link ColumnKindTest} casts whole strings.
 * Here every value of those tests, and seeded random ones, is cast from the middle of a buffer whose neighbouring
 * characters would change the result if a bound were off by one, and must give what the whole string gives.
 */
class SliceCastingTest {

    private static final String[] SAMPLES = {"15823.99905", "2.675", " 5000 ", "-0.005", "+4", "1e3", "1E+3", "abc",
        "$100", "1,000.00", "1.2.3", "--1", "1e", "e5", "1e999", ".", "12 34", "10.65%", " 10.65 % ", "%", "10.65%%",
        "730", "3.0", "3.5", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "Dec-2011",
        "dec-2011", "DEC-11", "11-Dec", "2011-12-01 00:00", "null", "Foo-2011", "Dec-1899", "Jan-3000", "Dec-201",
        " 36 months", "60 Months", "36", "0 months", "-36 months", "", " ", "\t", "99999999999999999.99",
        "999999999999999.994", "999999999999999.995", "0.0000000001"};

    @ParameterizedTest
    @EnumSource(value = ColumnKind.class, names = "TEXT", mode = EnumSource.Mode.EXCLUDE)
    void castsAFieldInsideABufferAsItCastsTheWholeString(ColumnKind kind) {
        SplittableRandom random = new SplittableRandom(kind.ordinal());
        List<String> samples = new ArrayList<>(List.of(SAMPLES));
        for (int i = 0; i < 500; i++) {
            samples.add(randomDecimal(random));
        }
        for (String raw : samples) {
            String prefix = junk(random);
            String suffix = junk(random);
            char[] buffer = (prefix + raw + suffix).toCharArray();
            long[] out = new long[3];
            Object whole;
            try {
                whole = kind.cast(raw);
            } catch (BadValueException e) {
                assertThatThrownBy(() -> kind.parse(buffer, prefix.length(), prefix.length() + raw.length(), out, 1))
                        .as("%s %s", kind, raw).isInstanceOf(BadValueException.class).hasMessage(e.getMessage());
                continue;
            }
            boolean present = parse(kind, buffer, prefix.length(), prefix.length() + raw.length(), out);
            assertThat(present ? box(kind, out[1]) : null).as("%s \"%s\"", kind, raw).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void parsesRandomDecimalsExactlyAsBigDecimalRoundsThem(int seed) throws BadValueException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5000; i++) {
            String raw = randomDecimal(random);
            BigDecimal expected;
            try {
                expected = new BigDecimal(raw.trim()).setScale(2, RoundingMode.HALF_UP);
            } catch (NumberFormatException e) {
                continue;
            }
            if (expected.precision() - expected.scale() > Decimals.MAX_INTEGER_DIGITS) {
                continue;
            }
            char[] chars = ("9" + raw + "9").toCharArray();
            long[] out = new long[1];
            assertThat(ColumnKind.MONEY.parse(chars, 1, 1 + raw.length(), out, 0)).isTrue();
            assertThat(BigDecimal.valueOf(out[0], 2)).as(raw).isEqualTo(expected);
        }
    }

    @Test
    void leavesTextToTheCallerAndSaysSo() {
        assertThatThrownBy(() -> ColumnKind.TEXT.parse(new char[] {'a'}, 0, 1, new long[1], 0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static boolean parse(ColumnKind kind, char[] buffer, int from, int to, long[] out) {
        try {
            return kind.parse(buffer, from, to, out, 1);
        } catch (BadValueException e) {
            throw new AssertionError(kind + " failed on a slice but not on the string: " + e.getMessage(), e);
        }
    }

    private static Object box(ColumnKind kind, long value) {
        return switch (kind.valueType()) {
            case DECIMAL2 -> BigDecimal.valueOf(value, 2);
            case WHOLE -> value;
            case SMALL_WHOLE -> (int) value;
            case DAY -> LocalDate.ofEpochDay(value);
            case TEXT -> throw new AssertionError("text");
        };
    }

    /** Characters that would join a number or a month if a bound slipped. */
    private static String junk(SplittableRandom random) {
        String pool = "0123456789.-+%e Mmonths";
        StringBuilder junk = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            junk.append(pool.charAt(random.nextInt(pool.length())));
        }
        return junk.toString();
    }

    private static String randomDecimal(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(4) == 0) {
            text.append(random.nextBoolean() ? '-' : '+');
        }
        int digits = random.nextInt(0, 20);
        for (int i = 0; i < digits; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextBoolean()) {
            text.append('.');
            for (int i = random.nextInt(0, 8); i > 0; i--) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(10) == 0) {
            text.append('e').append(random.nextInt(-5, 5));
        }
        return text.toString();
    }
}
