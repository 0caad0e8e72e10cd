package org.loanetl.domain.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
