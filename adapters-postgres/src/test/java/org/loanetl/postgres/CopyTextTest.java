package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The COPY text rows themselves; {@link PostgresLoadSinkTest} checks that the server reads them back exactly. */
class CopyTextTest {

    @Test
    void writesEachKindInAFormTheServerParsesExactly() {
        CopyText text = new CopyText().value(new BigDecimal("1E+3")).tab().value(new BigDecimal("15824.00")).tab()
                .value(-7L).tab().value(36).tab().value(LocalDate.of(2011, 12, 1)).tab().value(null).endRow();

        assertThat(text(text)).isEqualTo("1000\t15824.00\t-7\t36\t2011-12-01\t\\N\n");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5})
    void writesRandomNumbersAndDatesExactlyAsTheirJavaTextForms(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        StringBuilder expected = new StringBuilder();
        CopyText text = new CopyText();
        for (int i = 0; i < 2000; i++) {
            long unscaled = random.nextLong() >> random.nextInt(64);
            BigDecimal decimal = BigDecimal.valueOf(unscaled, random.nextInt(4) == 0 ? random.nextInt(-2, 6) : 2);
            long number = random.nextLong() >> random.nextInt(64);
            LocalDate date = LocalDate.of(random.nextInt(1, 3000), random.nextInt(1, 13), 1);
            text.value(decimal).tab().value(number).tab().value((int) number).tab().value(date).endRow();
            expected.append(decimal.toPlainString()).append('\t').append(number).append('\t').append((int) number)
                    .append('\t').append(date).append('\n');
        }

        assertThat(text(text)).isEqualTo(expected.toString());
    }

    @Test
    void writesTheExtremesOfALong() {
        CopyText text = new CopyText().value(Long.MIN_VALUE).tab().value(Long.MAX_VALUE).tab()
                .value(BigDecimal.valueOf(Long.MIN_VALUE + 1, 2)).endRow();

        assertThat(text(text)).isEqualTo(Long.MIN_VALUE + "\t" + Long.MAX_VALUE + "\t"
                + BigDecimal.valueOf(Long.MIN_VALUE + 1, 2).toPlainString() + "\n");
    }

    @Test
    void escapesBackslashTabNewlineAndCarriageReturnInText() {
        CopyText text = new CopyText().value("a\\b\tc\nd\re \\N \\.").endRow();

        assertThat(text(text)).isEqualTo("a\\\\b\\tc\\nd\\re \\\\N \\\\.\n");
    }

    @Test
    void encodesTextAsUtf8AndAnUnpairedSurrogateAsAQuestionMark() {
        CopyText text = new CopyText().value("é漢😀").tab().value("x\uD800y");

        assertThat(Arrays.copyOf(text.bytes(), text.size()))
                .isEqualTo("é漢😀\tx?y".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void growsPastItsFirstBuffer() {
        CopyText text = new CopyText();
        String big = "漢".repeat(100_000);

        text.value(big).endRow();

        assertThat(text(text)).isEqualTo(big + "\n");
        text.clear();
        assertThat(text.size()).isZero();
    }

    @Test
    void refusesANulCharacterAndATypeItCannotStore() {
        assertThatThrownBy(() -> new CopyText().value("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a text value holds a NUL character, which PostgreSQL cannot store");
        assertThatThrownBy(() -> new CopyText().value(1.5d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot store a value of type java.lang.Double");
    }

    private static String text(CopyText text) {
        return new String(text.bytes(), 0, text.size(), StandardCharsets.UTF_8);
    }
}
