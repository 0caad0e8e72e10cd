package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loanetl.domain.model.LoanRow;

/**
 * The binary COPY bytes themselves, against the wire format's description; {@link PostgresLoadSinkTest} checks that
 * the server reads them back exactly, random values included.
 */
class CopyBinaryTest {

    @Test
    void startsWithTheSignatureAndEndsWithTheTrailer() {
        CopyBinary copy = new CopyBinary().header().trailer();

        assertThat(hex(copy)).isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
    }

    /** Length, digit count, weight, sign, scale 2, then base-10000 digits. */
    @ParameterizedTest
    @CsvSource({
        "0.00,                 000000080000000000000002",
        "15824.00,             0000000c00020001000000020001" + "16c0",
        "-0.01,                0000000a0001ffff400000020064",
        "10000.00,             0000000a00010001000000020001",
        "12345678.90,          0000000e000300010000000204d2" + "162e" + "2328",
        "999999999999999.99,   00000012000500030000000203e7" + "270f" + "270f" + "270f" + "26ac",
        "-100000000.50,        0000001000040002400000020001" + "0000" + "0000" + "1388"})
    void writesNumericsAsTheServerStoresThem(BigDecimal value, String expected) {
        CopyBinary copy = new CopyBinary().value(LoanRow.of(1, value), 0);

        assertThat(hex(copy)).isEqualTo(expected);
    }

    @Test
    void writesEachOtherTypeWithItsLength() {
        LoanRow row = LoanRow.of(1, -2L, 36, LocalDate.of(2000, 1, 2), LocalDate.of(1999, 12, 1), "é\t", null);
        CopyBinary copy = new CopyBinary().startRow(6);
        for (int i = 0; i < 6; i++) {
            copy.value(row, i);
        }

        assertThat(hex(copy)).isEqualTo("0006" + "00000008fffffffffffffffe" + "0000000400000024" + "0000000400000001"
                + "00000004ffffffe1" + "00000003c3a909" + "ffffffff");
    }

    @Test
    void refusesANulCharacterAndCanDropAHalfWrittenRow() {
        CopyBinary copy = new CopyBinary().header();
        int before = copy.size();
        copy.startRow(1);

        assertThatThrownBy(() -> copy.value(LoanRow.of(1, "a\0b"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a text value holds a NUL character, which PostgreSQL cannot store");
        copy.truncate(before);
        assertThat(copy.size()).isEqualTo(before);
    }

    @Test
    void growsPastItsFirstBuffer() {
        String big = "漢".repeat(100_000);
        CopyBinary copy = new CopyBinary().value(LoanRow.of(1, big), 0);

        assertThat(copy.size()).isEqualTo(4 + 300_000);
        copy.clear();
        assertThat(copy.size()).isZero();
    }

    /** A 15 MB {@code desc} used to take a 45 MB buffer (three bytes a character), and as much again in the pipe. */
    @Test
    void drainsALongTextInPiecesWithoutABufferItsSize() {
        String big = "a plain ASCII description, ".repeat(400_000);
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        int[] largest = {0};
        CopyBinary[] copy = new CopyBinary[1];
        copy[0] = new CopyBinary(() -> {
            largest[0] = Math.max(largest[0], copy[0].bytes().length);
            drained.write(copy[0].bytes(), 0, copy[0].size());
            copy[0].clear();
        });

        copy[0].startRow(1).value(LoanRow.of(1, big), 0);
        drained.write(copy[0].bytes(), 0, copy[0].size());

        assertThat(copy[0].rowSplit()).isTrue();
        assertThat(Math.max(largest[0], copy[0].bytes().length)).isLessThanOrEqualTo(4 * 3 * CopyBinary.PIECE);
        byte[] expected = big.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = drained.toByteArray();
        assertThat(out).hasSize(2 + 4 + expected.length);
        assertThat(Arrays.copyOfRange(out, 2, 6)).containsExactly((byte) (expected.length >>> 24),
                (byte) (expected.length >>> 16), (byte) (expected.length >>> 8), (byte) expected.length);
        assertThat(Arrays.copyOfRange(out, 6, out.length)).isEqualTo(expected);
    }

    @Test
    void measuresALongTextsEncodedSizeExactly() {
        String big = "é漢😀x\uD800".repeat(CopyBinary.MEASURE_FROM / 4);
        CopyBinary copy = new CopyBinary().value(LoanRow.of(1, big), 0);

        byte[] expected = big.replace('\uD800', '?').getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(copy.size()).isEqualTo(4 + expected.length);
        assertThat(Arrays.copyOfRange(copy.bytes(), 4, copy.size())).isEqualTo(expected);
        assertThat(copy.bytes()).startsWith((byte) (expected.length >>> 24), (byte) (expected.length >>> 16),
                (byte) (expected.length >>> 8), (byte) expected.length);
    }

    private static String hex(CopyBinary copy) {
        return HexFormat.of().formatHex(Arrays.copyOf(copy.bytes(), copy.size()));
    }
}
