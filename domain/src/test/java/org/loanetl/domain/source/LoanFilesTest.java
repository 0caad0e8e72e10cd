package org.loanetl.domain.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.read.CorruptFileException;

/** Which names are loans files, in any case, and what is said of the rest: the same for every source. */
class LoanFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2011.csv", "2011.CSV", "a/b.Csv.gz", "s3://b/k/2012.csv.GZ", "file:/d/x!/y.csv"})
    void takesPlainAndGzippedCsvInAnyCase(String name) {
        assertThat(LoanFiles.isCsv(name)).isTrue();
        assertThat(LoanFiles.isZip(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2011.zip", "LOANS.ZIP", "s3://b/k/a.Zip"})
    void takesZipsInAnyCase(String name) {
        assertThat(LoanFiles.isZip(name)).isTrue();
        assertThat(LoanFiles.isCsv(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "e.gz", "2011.csv.zip.txt", "data.json", "csv", "2011.csv.bz2", "a.tar.gz"})
    void takesNothingElse(String name) {
        assertThat(LoanFiles.isCsv(name)).isFalse();
        assertThat(LoanFiles.isZip(name)).isFalse();
    }

    @Test
    void saysWhyAFileIsNotALoansFile() {
        assertThat(LoanFiles.notALoansFile("/data/in/notes.txt"))
                .isEqualTo("/data/in/notes.txt: not a loans file (.csv, .csv.gz or .zip)");
    }

    @Test
    void keepsTheCsvMembersOfAZipInItsOrderSkipsFoldersAndNamesTheOthers() {
        List<ZipDirectory.Entry> entries = List.of(entry("2012.csv"), entry("docs/"), entry("in/b.CSV"),
                entry("readme.txt"), entry("2011.csv.gz"), entry("a.csv"));
        List<String> ignored = new ArrayList<>();

        List<ZipDirectory.Entry> members = LoanFiles.csvMembers(entries, "/data/loans.zip", ignored::add);

        assertThat(members).extracting(ZipDirectory.Entry::name).containsExactly("2012.csv", "in/b.CSV", "a.csv");
        assertThat(ignored).containsExactly(
                "/data/loans.zip!/readme.txt: not a loans file (.csv inside a zip)",
                "/data/loans.zip!/2011.csv.gz: not a loans file (.csv inside a zip)");
    }

    @Test
    void gunzipsOnlyWhatIsNamedGz() throws IOException {
        byte[] gzipped = gzip("id\n1\n");

        try (InputStream in = LoanFiles.unpacked("2011.CSV.GZ", new ByteArrayInputStream(gzipped))) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("id\n1\n");
        }
        try (InputStream in = LoanFiles.unpacked("2011.csv", new ByteArrayInputStream(gzipped))) {
            assertThat(in.readAllBytes()).isEqualTo(gzipped);
        }
    }

    @Test
    void saysAGzNameOverBytesThatAreNotGzipIsACorruptFile() {
        assertThatThrownBy(() -> LoanFiles.unpacked("2011.csv.gz", new ByteArrayInputStream("id\n1\n".getBytes(UTF_8))))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageStartingWith("not a readable gzip file: ");
    }

    @ParameterizedTest
    @CsvSource({"-1, 65536", "0, 4096", "1, 4096", "4096, 4096", "5000, 5000", "65536, 65536", "65537, 65536",
            "1000000000000, 65536"})
    void sizesAFilesReadBufferByTheFileWithinItsBounds(long size, int buffer) {
        assertThat(LoanFiles.readBuffer(size)).isEqualTo(buffer);
    }

    private static ZipDirectory.Entry entry(String name) {
        return new ZipDirectory.Entry(name, 1, 2, 0);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }
}
