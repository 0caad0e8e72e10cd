package org.loanetl.domain.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict UTF-8 reader: any read length, one {@code char} included, gets the text exactly as {@link String} decodes
 * it, characters outside the BMP (a surrogate pair, two {@code char}s from four bytes) too.
 */
class Utf8ReaderTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final String ASTRAL = "a\uD83D\uDE00b\uD834\uDD1E\uD83D\uDE00\uD83D\uDE00c";

    @Test
    void handsOutASurrogatePairOneCharAtATime() {
        String text = assertTimeoutPreemptively(LIMIT, () -> readAll(reader(ASTRAL.getBytes(UTF_8), 8192), 1));

        assertThat(text).isEqualTo(ASTRAL);
    }

    @Test
    void readsFourByteCharactersThroughTheSingleCharRead() {
        String text = assertTimeoutPreemptively(LIMIT, () -> {
            StringBuilder read = new StringBuilder();
            try (Utf8Reader reader = reader(ASTRAL.getBytes(UTF_8), 8192)) {
                for (int c = reader.read(); c != -1; c = reader.read()) {
                    read.append((char) c);
                }
            }
            return read.toString();
        });

        assertThat(text).isEqualTo(ASTRAL);
    }

    @Test
    void handsOutBothHalvesOfAPairBeforeTheMalformedBytesAfterIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("x\uD83D\uDE00".getBytes(UTF_8));
        bytes.write(0xFF);
        StringBuilder read = new StringBuilder();
        char[] one = new char[1];

        try (Utf8Reader reader = reader(bytes.toByteArray(), 8192)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                for (int i = 0; i < 3; i++) {
                    assertThat(reader.read(one, 0, 1)).isEqualTo(1);
                    read.append(one[0]);
                }
            });
            assertThat(read.toString()).isEqualTo("x\uD83D\uDE00");
            assertThatThrownBy(() -> reader.read(one, 0, 1)).isInstanceOf(MalformedInputException.class);
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void readsRandomTextWithRandomReadLengthsExactlyAsStringDecodesIt(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = randomText(random, random.nextInt(0, 3000)).getBytes(UTF_8);
        // small chunks from the stream split multi-byte sequences across refills
        int chunk = random.nextInt(1, 12);

        String text = assertTimeoutPreemptively(LIMIT, () -> readAll(reader(bytes, chunk), random));

        assertThat(text).isEqualTo(new String(bytes, UTF_8));
    }

    /** Letters of one to four UTF-8 bytes: ASCII, é, €, and characters outside the BMP. */
    private static String randomText(SplittableRandom random, int codePoints) {
        int[] kinds = {'a', 0x00E9, 0x20AC, 0x1F600, 0x1D11E, 0x10FFFF, 0x10000};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int kind = kinds[random.nextInt(kinds.length)];
            text.appendCodePoint(kind == 'a' ? random.nextInt(0x20, 0x7F) : kind);
        }
        return text.toString();
    }

    private static String readAll(Utf8Reader reader, int length) throws IOException {
        StringBuilder read = new StringBuilder();
        char[] buffer = new char[length + 2];
        try (reader) {
            for (int n = reader.read(buffer, 1, length); n != -1; n = reader.read(buffer, 1, length)) {
                assertThat(n).isBetween(1, length);
                read.append(buffer, 1, n);
            }
        }
        return read.toString();
    }

    private static String readAll(Utf8Reader reader, SplittableRandom random) throws IOException {
        StringBuilder read = new StringBuilder();
        char[] buffer = new char[64];
        try (reader) {
            while (true) {
                int length = random.nextInt(4) == 0 ? random.nextInt(0, 60) : random.nextInt(1, 3);
                int offset = random.nextInt(0, buffer.length - length + 1);
                int n = reader.read(buffer, offset, length);
                if (n == -1) {
                    return read.toString();
                }
                assertThat(n).isBetween(length == 0 ? 0 : 1, length);
                read.append(buffer, offset, n);
            }
        }
    }

    private static Utf8Reader reader(byte[] bytes, int chunk) {
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        return new Utf8Reader(in);
    }
}
