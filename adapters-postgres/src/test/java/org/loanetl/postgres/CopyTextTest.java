package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The COPY text rows themselves; {@link PostgresLoadSinkTest} checks that the server reads them back exactly. */
class CopyTextTest {

    @Test
    void writesNumbersTextAndNullAsTheServerReadsThem() {
        CopyText text = new CopyText().number(-7).tab().number(Long.MIN_VALUE).tab().number(Long.MAX_VALUE).tab()
                .value("Fully Paid").tab().value(null).endRow();

        assertThat(text(text)).isEqualTo("-7\t" + Long.MIN_VALUE + "\t" + Long.MAX_VALUE + "\tFully Paid\t\\N\n");
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

    /** Text goes through in pieces: escapes and a surrogate pair at a piece's edge come out as in one piece. */
    @Test
    void encodesAValueLongerThanAPieceAsAWhole() {
        String value = "x".repeat(CopyText.PIECE - 1) + "😀" + "\t".repeat(CopyText.PIECE) + "é漢\\".repeat(5_000);
        CopyText text = new CopyText().value(value).endRow();

        String escaped = value.replace("\\", "\\\\").replace("\t", "\\t") + "\n";
        assertThat(Arrays.copyOf(text.bytes(), text.size())).isEqualTo(escaped.getBytes(StandardCharsets.UTF_8));
    }

    /** With a drain, a huge value never needs a buffer its size: the drain takes it a few pieces at a time. */
    @Test
    void drainsAHugeValueInPiecesWithoutABufferItsSize() {
        String value = "é漢😀 and a\ttab ".repeat(200_000);
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        int[] largest = {0};
        CopyText[] text = new CopyText[1];
        text[0] = new CopyText(() -> {
            largest[0] = Math.max(largest[0], text[0].bytes().length);
            drained.write(text[0].bytes(), 0, text[0].size());
            text[0].clear();
        }, 1 << 16);

        text[0].value(value).endRow();
        drained.write(text[0].bytes(), 0, text[0].size());

        assertThat(Math.max(largest[0], text[0].bytes().length)).isLessThanOrEqualTo(4 * 3 * CopyText.PIECE + (1 << 17));
        assertThat(drained.toByteArray())
                .isEqualTo((value.replace("\t", "\\t") + "\n").getBytes(StandardCharsets.UTF_8));
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
    void refusesANulCharacter() {
        assertThatThrownBy(() -> new CopyText().value("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a text value holds a NUL character, which PostgreSQL cannot store");
    }

    private static String text(CopyText text) {
        return new String(text.bytes(), 0, text.size(), StandardCharsets.UTF_8);
    }
}
