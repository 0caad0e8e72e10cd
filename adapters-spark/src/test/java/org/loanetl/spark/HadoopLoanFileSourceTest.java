package org.loanetl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.spark.HadoopLoanFileSource.S3Scheme;

/**
 * The Hadoop source on local files: the same locations and versions as the in-process local source writes (its
 * documented format: {@code file:/abs/path}, {@code sha256:<hex>}, {@code <zip>!/member} with
 * {@code zip-crc32:<hex>:<size>}), the same content, and the same keep / archive / delete.
 */
class HadoopLoanFileSourceTest {

    private static final String CSV = "id,loan_amnt\n1,1000\n";

    @TempDir
    Path dir;

    private Path in;

    @BeforeEach
    void inputFolder() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
    }

    @Test
    void listsCsvGzipAndZipMembersWithTheLocalSourcesLocationsAndVersions() throws Exception {
        Path csv = write("2011.csv", CSV);
        Path gz = gzip("2012.csv.gz", CSV);
        Path zip = zip("loans.zip", Map.of("a.csv", "x\n", "notes.txt", "n"));
        write("readme.txt", "hi");
        Files.createDirectories(in.resolve("archive"));
        write("archive/old.csv", CSV);
        List<String> ignored = new ArrayList<>();

        List<SourceFile> files = source(null).files(ignored::add).toList();

        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry a = z.getEntry("a.csv");
            assertThat(files).containsExactly(
                    new SourceFile("file:" + csv, sha256(csv), Files.size(csv)),
                    new SourceFile("file:" + gz, sha256(gz), Files.size(gz)),
                    new SourceFile("file:" + zip + "!/a.csv", "zip-crc32:" + Long.toHexString(a.getCrc()) + ":2", 2));
        }
        assertThat(ignored).containsExactlyInAnyOrder(
                zip + "!/notes.txt: not a loans file (.csv inside a zip)",
                in.resolve("readme.txt") + ": not a loans file (.csv, .csv.gz or .zip)");
    }

    @Test
    void listsNestedFoldersInLocationOrderWithoutStartingAProcessPerFile() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String name : List.of("a/2/x.csv", "a/10.csv", "b.csv", "a/2/deeper/y.csv", "c/z.csv")) {
            Files.createDirectories(in.resolve(name).getParent());
            expected.add("file:" + write(name, CSV));
        }
        Files.createDirectories(in.resolve("empty"));
        Files.createDirectories(in.resolve("d"));
        for (int i = 0; i < 100; i++) {
            expected.add("file:" + write(String.format("d/f%03d.csv", i), CSV));
        }
        expected.sort(null);
        // Hadoop's own first use starts a process or two (its Shell class checks for setsid): not the listing's
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        new HadoopLoanFileSource(List.of(elsewhere.toString()), null, Map.of(), S3Scheme.AUTO).files(s -> { }).toList();

        // Hadoop's local listFiles reads each file's permissions with an `ls -ld` process when its native library is
        // absent (as here, and in most spark-submit setups): a listing must not go that way
        List<SourceFile> files;
        try (Recording processes = new Recording()) {
            processes.enable("jdk.ProcessStart");
            processes.start();
            files = source(null).files(s -> { }).toList();
            processes.stop();
            Path dump = dir.resolve("processes.jfr");
            processes.dump(dump);
            assertThat(RecordingFile.readAllEvents(dump)).as("processes started while listing").isEmpty();
        }
        assertThat(files).extracting(SourceFile::location).containsExactlyElementsOf(expected);
    }

    @Test
    void namesAFileGivenDirectlyOrAsAFileUriAsAFolderListingDoes() throws Exception {
        Path csv = write("2011.csv", CSV);
        SourceFile expected = new SourceFile("file:" + csv, sha256(csv), Files.size(csv));

        for (String root : List.of(csv.toString(), "file:" + csv, csv.toUri().toString(), in + "/./2011.csv")) {
            assertThat(new HadoopLoanFileSource(List.of(root), null, Map.of(), S3Scheme.AUTO).files(s -> { }).toList())
                    .as(root).containsExactly(expected);
        }
    }

    @Test
    void opensPlainGzippedAndZippedFilesAsTheirText() throws Exception {
        write("a.csv", CSV);
        gzip("b.csv.gz", CSV + "2,2000\n");
        zip("c.zip", Map.of("one.csv", CSV + "3,3000\n", "two.csv", "id\n4\n"));
        HadoopLoanFileSource source = source(null);

        List<String> texts = new ArrayList<>();
        for (SourceFile file : source.files(s -> { }).toList()) {
            try (InputStream content = source.open(file)) {
                texts.add(new String(content.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(texts).containsExactly(CSV, CSV + "2,2000\n", CSV + "3,3000\n", "id\n4\n");
    }

    @Test
    void opensFilesAfterTravellingAsSparkShipsIt() throws Exception {
        write("a.csv", CSV);
        HadoopLoanFileSource source = source(null);
        SourceFile file = source.files(s -> { }).findFirst().orElseThrow();

        HadoopLoanFileSource shipped = roundTrip(source);

        try (InputStream content = shipped.open(file)) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        }
    }

    @Test
    void finishesAVersionWithoutTouchingAnotherFileDroppedUnderItsNameSinceItsLoad() throws Exception {
        write("2011.csv", CSV);
        SourceFile loaded = source(null).files(s -> { }).findFirst().orElseThrow();
        write("2011.csv", CSV.replace("1000", "2000"));

        HadoopLoanFileSource rerun = source(null);
        rerun.finish(loaded, AfterLoad.DELETE);
        rerun.finish(loaded, AfterLoad.ARCHIVE);

        assertThat(in.resolve("2011.csv")).hasContent(CSV.replace("1000", "2000"));
        assertThat(in.resolve("archive")).doesNotExist();
    }

    @Test
    void confirmsAFileReadWholeButNotOneThatGrewWhileItWasRead() throws Exception {
        Path csv = write("2011.csv", CSV);
        HadoopLoanFileSource source = source(null);
        SourceFile file = source.files(s -> { }).findFirst().orElseThrow();
        HadoopLoanFileSource shipped = roundTrip(source);

        try (InputStream content = shipped.open(file)) {
            content.readAllBytes();
            shipped.confirmUnchanged(file);
        }
        try (InputStream content = shipped.open(file)) {
            content.readAllBytes();
            Files.writeString(csv, "2,2000\n", java.nio.file.StandardOpenOption.APPEND);
            assertThatThrownBy(() -> shipped.confirmUnchanged(file))
                    .isInstanceOf(org.loanetl.domain.SourceChangedException.class)
                    .hasMessageStartingWith(csv + ": changed while being read (listed at 20 bytes, 27 read, 27 now");
        }
    }

    @Test
    void readsByteRangesOfAPlainFileAsStoredAfterTravellingAsSparkShipsIt() throws Exception {
        String text = "id,loan_amnt\n1,1000\n2,2000\n3,3000\n";
        write("2011.csv", text);
        HadoopLoanFileSource shipped = roundTrip(source(null));
        SourceFile file = source(null).files(s -> { }).findFirst().orElseThrow();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(shipped.readsRanges(file)).isTrue();
        assertThat(range(shipped, file, 0, bytes.length)).isEqualTo(bytes);
        assertThat(range(shipped, file, 13, 20)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 13, 20));
        assertThat(range(shipped, file, 27, bytes.length)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 27, bytes.length));
        assertThat(range(shipped, file, 5, 5)).isEmpty();
    }

    @Test
    void readsNoRangesOfAGzipAZipOrAZipMember() throws Exception {
        write("a.csv", CSV);
        gzip("b.csv.gz", CSV);
        zip("c.zip", Map.of("one.csv", CSV));
        Files.write(in.resolve("d.zip"), new byte[] {1, 2, 3});
        HadoopLoanFileSource source = source(null);

        List<SourceFile> files = source.files(s -> { }).toList();

        assertThat(files).extracting(f -> f.name() + " " + source.readsRanges(f))
                .containsExactly("a.csv true", "b.csv.gz false", "one.csv false", "d.zip false");
        assertThatThrownBy(() -> source.openRange(files.get(1), 0, 4))
                .isInstanceOf(IOException.class).hasMessage("b.csv.gz: cannot be read in byte ranges");
    }

    @Test
    void confirmsARangeReadUnlessTheFileChangedSinceItsChunksWerePlanned() throws Exception {
        Path csv = write("2011.csv", CSV);
        HadoopLoanFileSource driver = source(null);
        SourceFile file = driver.files(s -> { }).findFirst().orElseThrow();
        range(driver, file, 0, file.size());
        HadoopLoanFileSource executor = roundTrip(driver);
        range(executor, file, 4, 10);
        executor.confirmRangeUnchanged(file);

        FileTime before = Files.getLastModifiedTime(csv);
        write("2011.csv", CSV.replace("1000", "2000"));
        Files.setLastModifiedTime(csv, FileTime.fromMillis(before.toMillis() + 5_000));

        assertThatThrownBy(() -> roundTrip(driver).confirmRangeUnchanged(file))
                .isInstanceOf(org.loanetl.domain.SourceChangedException.class)
                .hasMessageStartingWith(csv + ": changed while being read (modified at ");
        Files.writeString(csv, "2,2000\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> executor.confirmRangeUnchanged(file))
                .isInstanceOf(org.loanetl.domain.SourceChangedException.class)
                .hasMessageStartingWith(csv + ": changed while being read (listed at 20 bytes, 27 now)");
    }

    @Test
    void archivesIntoTheArchiveFolderKeepingThePathAndIsIdempotent() throws Exception {
        Path csv = write("2011.csv", CSV);
        Files.createDirectories(in.resolve("sub"));
        Path nested = write("sub/2012.csv", CSV + "2,2\n");
        HadoopLoanFileSource source = source(null);
        List<SourceFile> files = source.files(s -> { }).toList();

        for (SourceFile file : files) {
            source.finish(file, AfterLoad.ARCHIVE);
            source.finish(file, AfterLoad.ARCHIVE);
        }

        assertThat(csv).doesNotExist();
        assertThat(nested).doesNotExist();
        assertThat(in.resolve("archive/2011.csv")).hasContent(CSV);
        assertThat(in.resolve("archive/sub/2012.csv")).hasContent(CSV + "2,2\n");
        assertThat(source.files(s -> { }).toList()).isEmpty();
    }

    @Test
    void archivesUnderAnotherNameWhenTheArchivedNameIsTaken() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("done"));
        Files.writeString(archive.resolve("2011.csv"), "older");
        write("2011.csv", CSV);
        HadoopLoanFileSource source = source(archive.toString());
        SourceFile file = source.files(s -> { }).findFirst().orElseThrow();

        source.finish(file, AfterLoad.ARCHIVE);

        String suffix = file.version().substring("sha256:".length(), "sha256:".length() + 12);
        assertThat(archive.resolve("2011.csv")).hasContent("older");
        assertThat(archive.resolve("2011.csv." + suffix)).hasContent(CSV);
    }

    @Test
    void deletesAndKeepsAsAsked() throws Exception {
        Path kept = write("a.csv", CSV);
        Path deleted = write("b.csv", CSV + "2,2\n");
        HadoopLoanFileSource source = source(null);
        List<SourceFile> files = source.files(s -> { }).toList();

        source.finish(files.get(0), AfterLoad.KEEP);
        source.finish(files.get(1), AfterLoad.DELETE);
        source.finish(files.get(1), AfterLoad.DELETE);

        assertThat(kept).exists();
        assertThat(deleted).doesNotExist();
    }

    @Test
    void archivesAZipOnlyOnceEveryCsvMemberHasCommitted() throws Exception {
        Path zip = zip("loans.zip", Map.of("a.csv", CSV, "b.csv", CSV));
        HadoopLoanFileSource source = source(null);
        List<SourceFile> members = source.files(s -> { }).toList();

        source.finish(members.get(0), AfterLoad.ARCHIVE);
        assertThat(zip).exists();
        source.finish(members.get(1), AfterLoad.ARCHIVE);

        assertThat(zip).doesNotExist();
        assertThat(in.resolve("archive/loans.zip")).exists();
    }

    /**
     * Three different zips of one name, each with the same last member: each keeps its own archived copy, named by the
     * zip's own bytes, not by its last member's version; a zip whose copy is archived already is not archived twice.
     */
    @Test
    void archivesDifferentZipsOfOneNameEachUnderItsOwnNameWhateverTheirMembers() throws Exception {
        List<byte[]> zips = new ArrayList<>();
        for (String first : List.of("a", "b", "c")) {
            zips.add(Files.readAllBytes(zip(first + ".zip", Map.of(first + ".csv", CSV, "z.csv", CSV + "2,2\n"))));
            Files.delete(in.resolve(first + ".zip"));
        }

        for (byte[] zip : List.of(zips.get(0), zips.get(1), zips.get(2), zips.get(2))) {
            Files.write(in.resolve("d.zip"), zip);
            HadoopLoanFileSource source = source(null);
            for (SourceFile member : source.files(s -> { }).toList()) {
                source.finish(member, AfterLoad.ARCHIVE);
            }

            assertThat(in.resolve("d.zip")).doesNotExist();
        }

        try (var files = Files.list(in.resolve("archive"))) {
            assertThat(files).hasSize(3);
        }
        assertThat(in.resolve("archive/d.zip")).hasBinaryContent(zips.get(0));
        assertThat(in.resolve("archive/d.zip." + sha12(zips.get(1)))).hasBinaryContent(zips.get(1));
        assertThat(in.resolve("archive/d.zip." + sha12(zips.get(2)))).hasBinaryContent(zips.get(2));
    }

    @Test
    void neverReplacesAnArchivedFileOfTheSameNameAndVersionSuffixButOtherContent() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("done"));
        write("2011.csv", CSV);
        HadoopLoanFileSource source = source(archive.toString());
        SourceFile file = source.files(s -> { }).findFirst().orElseThrow();
        Files.writeString(archive.resolve("2011.csv"), "older");
        Files.writeString(archive.resolve("2011.csv." + HadoopLoanFileSource.shortVersion(file.version())), "other");

        source.finish(file, AfterLoad.ARCHIVE);

        assertThat(in.resolve("2011.csv")).doesNotExist();
        assertThat(archive.resolve("2011.csv")).hasContent("older");
        assertThat(archive.resolve("2011.csv." + HadoopLoanFileSource.shortVersion(file.version()))).hasContent("other");
        try (var files = Files.list(archive)) {
            assertThat(files.map(HadoopLoanFileSourceTest::text)).containsExactlyInAnyOrder("older", "other", CSV);
        }
    }

    @Test
    void listsAZipItCannotReadAsItselfSoThatItsLoadIsRefusedAndLeavesItInPlace() throws Exception {
        Path zip = write("broken.zip", "not a zip at all");
        List<String> ignored = new ArrayList<>();
        HadoopLoanFileSource source = source(null);

        List<SourceFile> files = source.files(ignored::add).toList();

        assertThat(ignored).isEmpty();
        assertThat(files).singleElement().isEqualTo(new SourceFile("file:" + zip, sha256(zip), 16));
        assertThatThrownBy(() -> source.open(files.get(0)))
                .isInstanceOf(org.loanetl.domain.read.CorruptFileException.class)
                .hasMessage("not a readable zip file: not a zip file (too short)");
        assertThat(zip).hasContent("not a zip at all");
    }

    @Test
    void refusesALocationOfAnUnknownScheme() {
        assertThatThrownBy(() -> new HadoopLoanFileSource(List.of("ftp://host/loans"), null, Map.of(), S3Scheme.AUTO))
                .isInstanceOf(LoanEtlException.class)
                .hasMessage("ftp://host/loans: not a local path, file:, s3:// or s3a:// location");
    }

    @Test
    void writesS3LocationsAsS3WhicheverSchemeReadsThem() {
        assertThat(HadoopLocations.normalize("s3a://bucket/loans/2011.csv")).isEqualTo("s3://bucket/loans/2011.csv");
        assertThat(HadoopLocations.of(new org.apache.hadoop.fs.Path("s3a://bucket/loans/2011.csv")))
                .isEqualTo("s3://bucket/loans/2011.csv");
        assertThat(HadoopLocations.path("s3://bucket/loans/2011.csv", true))
                .hasToString("s3a://bucket/loans/2011.csv");
        assertThat(HadoopLocations.path("s3://bucket/loans/2011.csv", false))
                .hasToString("s3://bucket/loans/2011.csv");
    }

    private static byte[] range(HadoopLoanFileSource source, SourceFile file, long start, long end) throws IOException {
        try (InputStream bytes = source.openRange(file, start, end)) {
            return bytes.readAllBytes();
        }
    }

    private HadoopLoanFileSource source(String archive) {
        return new HadoopLoanFileSource(List.of(in.toString()), archive, Map.of(), S3Scheme.AUTO);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(in.resolve(name), text);
    }

    private Path gzip(String name, String text) throws IOException {
        Path file = in.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private Path zip(String name, Map<String, String> members) throws IOException {
        Path file = in.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String member : members.keySet().stream().sorted().toList()) {
                out.putNextEntry(new ZipEntry(member));
                out.write(members.get(member).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    /** The archive-name suffix of these bytes: twelve hex digits of their SHA-256. */
    private static String sha12(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static HadoopLoanFileSource roundTrip(HadoopLoanFileSource source) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(source);
        }
        try (ObjectInputStream back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (HadoopLoanFileSource) back.readObject();
        }
    }
}
