package org.loanetl.domain.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A corrupt or truncated gzip is a bad file; a failing read of good bytes is not. */
class UnpackingTest {

    private static final byte[] TEXT = "id,loan_status\n1,Current\n".repeat(200).getBytes(UTF_8);

    @Test
    void unpacksAGoodGzip() throws IOException {
        try (InputStream in = Unpacking.gunzip(new ByteArrayInputStream(gzip(TEXT)))) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
    }

    @Test
    void saysTextThatIsNotGzipIsACorruptFile() {
        assertThatThrownBy(() -> Unpacking.gunzip(new ByteArrayInputStream(TEXT)))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageStartingWith("not a readable gzip file: ");
    }

    @Test
    void saysATruncatedGzipIsACorruptFileWhenItsEndIsReached() throws IOException {
        byte[] gzipped = gzip(TEXT);
        InputStream in = Unpacking.gunzip(new ByteArrayInputStream(Arrays.copyOf(gzipped, gzipped.length / 2)));

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("not a readable gzip file: Unexpected end of ZLIB input stream");
    }

    @Test
    void leavesAFailingReadOfGoodBytesAsItWas() throws IOException {
        byte[] gzipped = gzip(TEXT);
        InputStream failing = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at == gzipped.length / 2) {
                    throw new IOException("connection reset");
                }
                return gzipped[at++] & 0xff;
            }
        };
        InputStream in = Unpacking.gunzip(failing);

        assertThatThrownBy(in::readAllBytes).isNotInstanceOf(CorruptFileException.class).hasMessage("connection reset");
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
