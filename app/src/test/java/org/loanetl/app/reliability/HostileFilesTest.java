package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.cli.ExitCode;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * Files that are not what their names say: a corrupt zip, a truncated gzip, plain text named {@code .csv.gz} are bad
 * files (refused, exit 3, left in place, named in the report), not failures a scheduler would retry; a FIFO and a link
 * to {@code /dev/zero} are not read at all (they would hang the run or never end) and are named as left alone.
 */
@ExtendWith(TestPostgresExtension.class)
class HostileFilesTest {

    @TempDir
    Path dir;

    @Test
    void refusesCorruptCompressedFilesAndLeavesFilesThatAreNotRegularAlone() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        byte[] sample = Fixtures.bytes("reference/sample-53col.csv");
        Files.write(in.resolve("good.csv"), sample);
        byte[] junk = new byte[4096];
        new Random(5).nextBytes(junk);
        junk[0] = 'P';
        junk[1] = 'K'; // looks like a zip to a person, not to a zip reader
        Files.write(in.resolve("corrupt.zip"), junk);
        byte[] gzipped = gzip(sample);
        Files.write(in.resolve("truncated.csv.gz"), Arrays.copyOf(gzipped, gzipped.length / 2));
        Files.write(in.resolve("plain-text.csv.gz"), sample);
        Path fifo = in.resolve("fifo.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Files.createSymbolicLink(in.resolve("zero.csv"), Path.of("/dev/zero"));

        Run run = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> Cli.run("load", in.toString(), "--after",
                "delete", "--db", TestPostgres.superuserUrl(), "--schema", TestPostgres.newSchema()));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.out()).contains("corrupt.zip: refused: not a readable zip file",
                "truncated.csv.gz: refused: not a readable gzip file",
                "plain-text.csv.gz: refused: not a readable gzip file",
                "fifo.csv: not a regular file (a FIFO, device or socket, or a link to one); left alone",
                "zero.csv: not a regular file");
        assertThat(run.out()).containsPattern("good\\.csv +loaded +31 +10 ");
        assertThat(in.resolve("good.csv")).doesNotExist();
        for (String left : new String[] {"corrupt.zip", "truncated.csv.gz", "plain-text.csv.gz", "fifo.csv"}) {
            assertThat(Files.exists(in.resolve(left), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(left).isTrue();
        }
        assertThat(Files.isSymbolicLink(in.resolve("zero.csv"))).isTrue();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
