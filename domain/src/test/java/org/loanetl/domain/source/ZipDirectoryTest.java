package org.loanetl.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.read.CorruptFileException;

/** The central directory read from the end of a zip gives what {@link ZipFile} gives, member by member. */
class ZipDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void listsTheMembersWithTheNamesCrcsSizesAndOffsetsZipFileSees() throws IOException {
        byte[] zip = zip("2011.csv", "a,b\n1,2\n", "docs/", "", "notes.txt", "x".repeat(70_000), "2012.csv", "c\n");
        Files.write(dir.resolve("z.zip"), zip);

        List<ZipDirectory.Entry> entries = ZipDirectory.read(zip.length,
                (offset, length) -> Arrays.copyOfRange(zip, (int) offset, (int) offset + length));

        List<String> expected = new ArrayList<>();
        try (ZipFile file = new ZipFile(dir.resolve("z.zip").toFile())) {
            file.stream().forEach(e -> expected.add(e.getName() + " " + ZipDirectory.memberVersion(e.getCrc(), e.getSize())));
        }
        assertThat(entries).extracting(e -> e.name() + " " + e.version()).containsExactlyElementsOf(expected);
        assertThat(entries).extracting(ZipDirectory.Entry::isDirectory).containsExactly(false, true, false, false);
        assertThat(entries.get(0).version()).isEqualTo("zip-crc32:" + Long.toHexString(entries.get(0).crc()) + ":8");
    }

    @Test
    void refusesBytesThatAreNotAZip() {
        byte[] text = "id,loan_status\n1,Fully Paid\n".repeat(10).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ZipDirectory.read(text.length,
                (offset, length) -> Arrays.copyOfRange(text, (int) offset, (int) offset + length)))
                .isInstanceOf(ZipException.class)
                .hasMessage("not a zip file (no end of central directory)");
    }

    @Test
    void listsAMemberAtItsZipsLocationWithItsVersionAndSize() throws IOException {
        byte[] zip = zip("in/2011.csv", "a,b\n1,2\n");

        ZipDirectory.Entry entry = ZipDirectory.read(zip.length, ranges(zip)).get(0);

        assertThat(entry.file("s3://bucket/loans.zip"))
                .isEqualTo(new SourceFile("s3://bucket/loans.zip!/in/2011.csv", entry.version(), 8));
    }

    @Test
    void streamsEachMemberFromItsOwnOffset() throws IOException {
        byte[] zip = zip("2011.csv", "a,b\n1,2\n", "notes.txt", "x".repeat(70_000), "2012.csv", "c\n");

        for (ZipDirectory.Entry entry : ZipDirectory.read(zip.length, ranges(zip))) {
            try (InputStream in = entry.open(from(zip, entry.localHeaderOffset()), "z.zip!/" + entry.name())) {
                assertThat(in.readAllBytes()).as(entry.name()).hasSize((int) entry.size());
            }
        }
    }

    @Test
    void refusesToStreamAMemberWhoseEntryDisagreesWithTheDirectory() throws IOException {
        byte[] zip = zip("2011.csv", "a,b\n1,2\n", "2012.csv", "c\n");
        List<ZipDirectory.Entry> entries = ZipDirectory.read(zip.length, ranges(zip));

        assertThatThrownBy(() -> entries.get(1).open(from(zip, entries.get(0).localHeaderOffset()), "z.zip!/2012.csv"))
                .isInstanceOf(ZipException.class)
                .isNotInstanceOf(CorruptFileException.class)
                .hasMessage("z.zip!/2012.csv: the zip's directory and its entry at byte "
                        + entries.get(1).localHeaderOffset() + " disagree");
    }

    @Test
    void saysAMemberWhoseBytesAreDamagedIsACorruptFile() throws IOException {
        byte[] zip = zip("2011.csv", "id,loan_status\n".repeat(200));
        ZipDirectory.Entry entry = ZipDirectory.read(zip.length, ranges(zip)).get(0);
        byte[] damaged = zip.clone();
        for (int i = 60; i < 90; i++) {
            damaged[i] ^= 0x5A;
        }

        assertThatThrownBy(() -> entry.open(from(damaged, entry.localHeaderOffset()), "z.zip!/2011.csv").readAllBytes())
                .isInstanceOf(CorruptFileException.class)
                .hasMessageStartingWith("not a readable zip member: ");
    }

    @Test
    void refusesAZipWhoseDirectoryCannotBeReadWithTheReasonItGives() throws IOException {
        byte[] text = "id,loan_status\n1,Fully Paid\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        byte[] zip = zip("2011.csv", "c\n");

        assertThat(ZipDirectory.unreadable(text.length, ranges(text)))
                .hasMessage("not a readable zip file: not a zip file (no end of central directory)");
        assertThat(ZipDirectory.unreadable(5, ranges(new byte[5])))
                .hasMessage("not a readable zip file: not a zip file (too short)");
        assertThat(ZipDirectory.unreadable(zip.length, ranges(zip)))
                .hasMessage("not a readable zip file: its directory could not be read when it was listed");
    }

    private static ZipDirectory.Ranges ranges(byte[] zip) {
        return (offset, length) -> Arrays.copyOfRange(zip, (int) offset, (int) offset + length);
    }

    private static InputStream from(byte[] zip, long offset) {
        return new ByteArrayInputStream(zip, (int) offset, zip.length - (int) offset);
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
