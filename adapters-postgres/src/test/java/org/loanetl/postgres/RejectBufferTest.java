package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.Reject;
import org.postgresql.copy.CopyIn;

/** The rejects held until commit: the same COPY rows whether kept in memory or spilled to a temporary file. */
class RejectBufferTest {

    @Test
    void keepsFewRejectsInMemory() throws Exception {
        try (RejectBuffer buffer = new RejectBuffer(7, "file:/d/a.csv", 1 << 20)) {
            buffer.add(new Reject(2, "why", "a\tb"));
            buffer.add(new Reject(3, "why not", "c\\d"));

            assertThat(buffer.spilled()).isFalse();
            assertThat(buffer.count()).isEqualTo(2);
            assertThat(copied(buffer)).isEqualTo("7\tfile:/d/a.csv\t2\twhy\ta\\tb\n7\tfile:/d/a.csv\t3\twhy not\tc\\\\d\n");
        }
    }

    @Test
    void writesTheSameRowsAfterSpillingPastTheLimit() throws Exception {
        StringBuilder expected = new StringBuilder();
        try (RejectBuffer buffer = new RejectBuffer(7, "s", 100)) {
            for (int line = 2; line < 2002; line++) {
                buffer.add(new Reject(line, "r", "raw " + line));
                expected.append("7\ts\t").append(line).append("\tr\traw ").append(line).append('\n');
            }

            assertThat(buffer.spilled()).isTrue();
            assertThat(buffer.count()).isEqualTo(2000);
            assertThat(copied(buffer)).isEqualTo(expected.toString());
        }
    }

    /** A reject whose raw text is far larger than the memory limit goes to the file as it is encoded. */
    @Test
    void writesAHugeRejectBetweenSmallOnesExactly() throws Exception {
        String huge = "a line of a huge desc, with a tab\there and a backslash \\ there\n".repeat(40_000);
        try (RejectBuffer buffer = new RejectBuffer(7, "s", 1 << 16)) {
            buffer.add(new Reject(2, "r", "small"));
            buffer.add(new Reject(3, "int_rate: not a percentage: \"abc\"", huge));
            buffer.add(new Reject(40_004, "r", "small again"));

            assertThat(buffer.spilled()).isTrue();
            assertThat(copied(buffer)).isEqualTo("7\ts\t2\tr\tsmall\n"
                    + "7\ts\t3\tint_rate: not a percentage: \"abc\"\t"
                    + huge.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") + "\n"
                    + "7\ts\t40004\tr\tsmall again\n");
        }
    }

    @Test
    void deletesItsTemporaryFileWhenClosed() throws Exception {
        long before = spillFiles();
        RejectBuffer buffer = new RejectBuffer(1, "s", 10);
        buffer.add(new Reject(2, "r", "a reject longer than the limit"));
        assertThat(spillFiles()).isEqualTo(before + 1);

        buffer.close();
        buffer.close();

        assertThat(spillFiles()).isEqualTo(before);
    }

    private static long spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("loanetl-rejects-")).count();
        }
    }

    /** What the buffer writes into a COPY. */
    private static String copied(RejectBuffer buffer) throws IOException, SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyIn copy = (CopyIn) Proxy.newProxyInstance(CopyIn.class.getClassLoader(), new Class<?>[] {CopyIn.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("writeToCopy") && args.length == 3) {
                        out.write((byte[]) args[0], (int) args[1], (int) args[2]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        buffer.writeTo(copy);
        return out.toString(StandardCharsets.UTF_8);
    }
}
