package org.loanetl.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.source.SourceVersions;

class LocalFolderLoanFileSourceTest {

    @TempDir
    Path dir;

    @Test
    void listsCsvGzAndZipMembersUnderTheFolderInNameOrderAndNamesWhatItIgnores() throws IOException {
        write("b.csv", "b");
        write("sub/c.csv.gz", "c");
        write("a.CSV", "a");
        zip("sub/d.zip", Map.of("x.csv", "x", "in/y.csv", "y", "readme.txt", "r"));
        write("notes.txt", "n");
        write("e.gz", "e");
        List<String> ignored = new ArrayList<>();

        List<String> locations = list(source(), ignored).stream().map(SourceFile::location).toList();

        assertThat(locations).containsExactly(
                "file:" + dir.resolve("a.CSV"),
                "file:" + dir.resolve("b.csv"),
                "file:" + dir.resolve("sub/c.csv.gz"),
                "file:" + dir.resolve("sub/d.zip") + "!/in/y.csv",
                "file:" + dir.resolve("sub/d.zip") + "!/x.csv");
        assertThat(ignored).containsExactlyInAnyOrder(
                dir.resolve("e.gz") + ": not a loans file (.csv, .csv.gz or .zip)",
                dir.resolve("notes.txt") + ": not a loans file (.csv, .csv.gz or .zip)",
                dir.resolve("sub/d.zip") + "!/readme.txt: not a loans file (.csv inside a zip)");
    }

    @Test
    void listsAZipItCannotReadAsItselfSoThatItsLoadIsRefused() throws IOException {
        Path zip = write("broken.zip", "not a zip at all");
        List<String> ignored = new ArrayList<>();
        LocalFolderLoanFileSource source = source();

        List<SourceFile> files = list(source, ignored);

        assertThat(ignored).isEmpty();
        assertThat(files).singleElement().isEqualTo(new SourceFile("file:" + zip, FileVersions.sha256(zip), 16));
        assertThatThrownBy(() -> source.open(files.get(0)))
                .isInstanceOf(org.loanetl.domain.read.CorruptFileException.class)
                .hasMessageStartingWith("not a readable zip file: ");
    }

    @Test
    void listsASingleFileNamedDirectly() throws IOException {
        Path file = write("only.csv", "x");

        List<SourceFile> files = list(new LocalFolderLoanFileSource(List.of(file), null), new ArrayList<>());

        assertThat(files).singleElement().isEqualTo(new SourceFile("file:" + file, FileVersions.sha256(file), 1));
    }

    @Test
    void leavesTheArchiveFolderOutOfTheListing() throws IOException {
        write("a.csv", "a");
        write("archive/old.csv", "old");

        assertThat(list(source(), new ArrayList<>())).extracting(SourceFile::name).containsExactly("a.csv");
    }

    @Test
    void refusesARootThatDoesNotExist() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> new LocalFolderLoanFileSource(List.of(missing), null))
                .isInstanceOf(LoanEtlException.class)
                .hasMessage(missing + ": no such file or folder");
    }

    @Test
    void versionsAFileByItsContentNotItsTimestamp() throws IOException {
        Path file = write("a.csv", "one");
        String first = only(source()).version();

        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        String touched = only(source()).version();
        Files.writeString(file, "two");
        String edited = only(source()).version();

        assertThat(first).startsWith("sha256:").hasSize(7 + 64);
        assertThat(touched).isEqualTo(first);
        assertThat(edited).isNotEqualTo(first);
    }

    @Test
    void hashesTheFirstTwoFilesAheadAndUsesEachHashOnce() throws IOException {
        Path a = write("a.csv", "one");
        Path b = write("b.csv", "two");
        Path c = write("c.csv", "three");
        List<String> fresh = list(source(), new ArrayList<>()).stream().map(SourceFile::version).toList();
        LocalFolderLoanFileSource source = source();

        source.hashAhead();
        awaitHashedAhead(source, a, b);

        assertThat(source.hashedAhead(c)).isFalse();
        assertThat(list(source, new ArrayList<>())).extracting(SourceFile::version).isEqualTo(fresh);
        assertThat(source.hashedAhead(a)).isFalse();
        assertThat(source.hashedAhead(b)).isFalse();
    }

    @Test
    void hashesAgainAFileEditedAfterItWasHashedAhead() throws IOException {
        Path a = write("a.csv", "one");
        LocalFolderLoanFileSource source = source();
        source.hashAhead();
        awaitHashedAhead(source, a);

        Files.writeString(a, "one, and more");
        String edited = only(source).version();

        assertThat(edited).isEqualTo(only(source()).version()).isNotEqualTo(version("one"));
    }

    private static String version(String content) throws IOException {
        return org.loanetl.domain.source.SourceVersions.contentHash(
                new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitHashedAhead(LocalFolderLoanFileSource source, Path... files) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Path file : files) {
            while (!source.hashedAhead(file)) {
                assertThat(System.nanoTime()).as("hashed ahead in time: " + file).isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void versionsAZipMemberByItsOwnContent() throws IOException {
        zip("d.zip", Map.of("x.csv", "x", "y.csv", "y"));
        Map<String, String> before = versions(source());

        zip("d.zip", Map.of("x.csv", "x", "y.csv", "y changed"));
        Map<String, String> after = versions(source());

        assertThat(after.get("x.csv")).isEqualTo(before.get("x.csv"));
        assertThat(after.get("y.csv")).isNotEqualTo(before.get("y.csv"));
    }

    @Test
    void opensPlainGzippedAndZippedFilesAsTheirText() throws IOException {
        write("a.csv", "plain,text\n");
        write("b.csv.gz", "gzipped,text\n");
        zip("c.zip", Map.of("m.csv", "zipped,text\n", "n.csv", "other\n"));
        LocalFolderLoanFileSource source = source();

        List<String> texts = new ArrayList<>();
        for (SourceFile file : list(source, new ArrayList<>())) {
            try (InputStream in = source.open(file)) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(texts).containsExactly("plain,text\n", "gzipped,text\n", "zipped,text\n", "other\n");
    }

    @Test
    void opensAFileInAFolderWhoseNameHasAnExclamationMark() throws IOException {
        write("backup!/a.csv", "a,b");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);

        try (InputStream in = source.open(file)) {
            assertThat(in.readAllBytes()).isEqualTo("a,b".getBytes(StandardCharsets.UTF_8));
        }
        source.finish(file, AfterLoad.ARCHIVE);
        assertThat(dir.resolve("archive/backup!/a.csv")).hasContent("a,b");
    }

    @Test
    void finishesAVersionWithoutTouchingAnotherFileDroppedUnderItsNameSinceItsLoad() throws IOException {
        write("2011.csv", "loaded");
        SourceFile loaded = only(source());
        SourceFile fromLedger = new SourceFile(loaded.location(), loaded.version(), loaded.size());
        write("2011.csv", "a new file");
        Path sameSize = write("2012.csv", "twelve");
        SourceFile twelve = only(new LocalFolderLoanFileSource(List.of(sameSize), null));
        write("2012.csv", "TWELVE");

        LocalFolderLoanFileSource rerun = source();
        rerun.finish(fromLedger, AfterLoad.DELETE);
        rerun.finish(fromLedger, AfterLoad.ARCHIVE);
        rerun.finish(twelve, AfterLoad.DELETE);

        assertThat(dir.resolve("2011.csv")).hasContent("a new file");
        assertThat(dir.resolve("2012.csv")).hasContent("TWELVE");
        assertThat(dir.resolve("archive")).doesNotExist();
    }

    @Test
    void leavesAFileModifiedWithinTheSettleTimeForALaterRun() throws IOException {
        Path fresh = write("fresh.csv", "f");
        Path settled = write("settled.csv", "s");
        Files.setLastModifiedTime(settled, FileTime.from(java.time.Instant.now().minusSeconds(120)));
        List<String> ignored = new ArrayList<>();

        List<SourceFile> files = list(new LocalFolderLoanFileSource(List.of(dir), null, java.time.Duration.ofSeconds(60)),
                ignored);

        assertThat(files).extracting(SourceFile::name).containsExactly("settled.csv");
        assertThat(ignored).singleElement().asString().startsWith(fresh + ": modified ")
                .endsWith(" s ago, less than the settle time of 60 s; left for a later run");
    }

    @Test
    void confirmsAFileReadWholeAndUnchanged() throws IOException {
        write("2011.csv", "id\n1\n");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);

        try (InputStream in = source.open(file)) {
            in.readAllBytes();
            source.confirmUnchanged(file);
        }
        source.finish(file, AfterLoad.DELETE);

        assertThat(dir.resolve("2011.csv")).doesNotExist();
    }

    @Test
    void refusesToConfirmAFileThatGrewWhileItWasRead() throws IOException {
        Path csv = write("2011.csv", "id\n1\n");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);

        try (InputStream in = source.open(file)) {
            in.readAllBytes();
            Files.writeString(csv, "2\n", java.nio.file.StandardOpenOption.APPEND);
            assertThatThrownBy(() -> source.confirmUnchanged(file)).isInstanceOf(SourceChangedException.class)
                    .hasMessage(csv + ": changed while being read (listed at 5 bytes, 7 read, 7 now); nothing of it"
                            + " committed, left in place for a later run");
        }
    }

    @Test
    void refusesToConfirmAFileRewrittenInPlaceAfterItWasListed() throws IOException {
        Path csv = write("2011.csv", "id\n1\n");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);
        Files.writeString(csv, "id\n2\n");

        try (InputStream in = source.open(file)) {
            in.readAllBytes();
            assertThatThrownBy(() -> source.confirmUnchanged(file)).isInstanceOf(SourceChangedException.class)
                    .hasMessageStartingWith(csv + ": changed while being read (");
        }
    }

    @Test
    void archivesUnderTheArchiveFolderKeepingThePathBelowTheRoot() throws IOException {
        write("sub/a.csv", "a");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);

        source.finish(file, AfterLoad.ARCHIVE);

        assertThat(dir.resolve("sub/a.csv")).doesNotExist();
        assertThat(dir.resolve("archive/sub/a.csv")).hasContent("a");
    }

    @Test
    void archivesIntoTheConfiguredFolder() throws IOException {
        Path archive = dir.resolve("elsewhere");
        write("in/sub/a.csv", "a");
        LocalFolderLoanFileSource source = new LocalFolderLoanFileSource(List.of(dir.resolve("in")), archive);
        SourceFile file = only(source);

        source.finish(file, AfterLoad.ARCHIVE);

        assertThat(archive.resolve("sub/a.csv")).hasContent("a");
    }

    @Test
    void archivesASingleFileRootNextToIt() throws IOException {
        Path file = write("only.csv", "x");
        LocalFolderLoanFileSource source = new LocalFolderLoanFileSource(List.of(file), null);

        source.finish(only(source), AfterLoad.ARCHIVE);

        assertThat(dir.resolve("archive/only.csv")).hasContent("x");
    }

    @Test
    void keepsAnEarlierArchivedFileOfTheSameNameAndArchivesTheNewOneBesideIt() throws IOException {
        write("archive/a.csv", "old");
        write("a.csv", "new");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);

        source.finish(file, AfterLoad.ARCHIVE);

        String suffix = file.version().substring("sha256:".length(), "sha256:".length() + 12);
        assertThat(dir.resolve("archive/a.csv")).hasContent("old");
        assertThat(dir.resolve("archive/a.csv." + suffix)).hasContent("new");
    }

    @Test
    void archivesACopyOfAnAlreadyArchivedVersionAgain() throws IOException {
        write("archive/a.csv", "old");
        write("a.csv", "new");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);
        source.finish(file, AfterLoad.ARCHIVE);
        write("a.csv", "new");

        source.finish(only(source), AfterLoad.ARCHIVE);

        assertThat(dir.resolve("a.csv")).doesNotExist();
        assertThat(dir.resolve("archive/a.csv")).hasContent("old");
        assertThat(dir.resolve("archive/a.csv." + LocalFolderLoanFileSource.shortVersion(file))).hasContent("new");
    }

    @Test
    void listsAFileOnceWhenRootsOverlap() throws IOException {
        write("sub/a.csv", "a");

        List<SourceFile> files = list(new LocalFolderLoanFileSource(List.of(dir, dir.resolve("sub")), null),
                new ArrayList<>());

        assertThat(files).extracting(SourceFile::name).containsExactly("a.csv");
    }

    @Test
    void finishesAFileAlreadyArchivedOrDeletedWithoutError() throws IOException {
        write("a.csv", "a");
        write("b.csv", "b");
        LocalFolderLoanFileSource source = source();
        List<SourceFile> files = list(source, new ArrayList<>());

        source.finish(files.get(0), AfterLoad.ARCHIVE);
        source.finish(files.get(0), AfterLoad.ARCHIVE);
        source.finish(files.get(1), AfterLoad.DELETE);
        source.finish(files.get(1), AfterLoad.DELETE);
        source.finish(files.get(1), AfterLoad.ARCHIVE);

        assertThat(dir.resolve("archive/a.csv")).hasContent("a");
        assertThat(dir.resolve("b.csv")).doesNotExist();
        assertThat(dir.resolve("archive/b.csv")).doesNotExist();
    }

    @Test
    void deletesAndKeeps() throws IOException {
        write("a.csv", "a");
        write("b.csv", "b");
        LocalFolderLoanFileSource source = source();
        List<SourceFile> files = list(source, new ArrayList<>());

        source.finish(files.get(0), AfterLoad.DELETE);
        source.finish(files.get(1), AfterLoad.KEEP);

        assertThat(dir.resolve("a.csv")).doesNotExist();
        assertThat(dir.resolve("b.csv")).hasContent("b");
        assertThat(dir.resolve("archive")).doesNotExist();
    }

    /**
     * A zip is one file on disk: it can be archived or deleted only whole, so it waits until every CSV member has
     * committed (in this run, or was found in the ledger); until then finishing a member leaves the zip in place.
     */
    @Test
    void archivesAZipOnlyOnceItsLastMemberIsDone() throws IOException {
        zip("d.zip", Map.of("x.csv", "x", "y.csv", "y"));
        LocalFolderLoanFileSource source = source();
        List<SourceFile> members = list(source, new ArrayList<>());

        source.finish(members.get(0), AfterLoad.ARCHIVE);
        assertThat(dir.resolve("d.zip")).exists();
        source.finish(members.get(1), AfterLoad.ARCHIVE);

        assertThat(dir.resolve("d.zip")).doesNotExist();
        assertThat(dir.resolve("archive/d.zip")).exists();
        source.finish(members.get(1), AfterLoad.ARCHIVE);
        source.finish(members.get(0), AfterLoad.DELETE);
        assertThat(dir.resolve("archive/d.zip")).exists();
    }

    /**
     * Three different zips of one name, each with the same last member: each keeps its own archived copy, named by the
     * zip's own bytes, not by its last member's version; a zip whose copy is archived already is not archived twice.
     */
    @Test
    void archivesDifferentZipsOfOneNameEachUnderItsOwnNameWhateverTheirMembers() throws IOException {
        List<byte[]> zips = new ArrayList<>();
        for (String first : List.of("a", "b", "c")) {
            zips.add(Files.readAllBytes(zip("made/" + first + ".zip", Map.of(first + ".csv", first, "z.csv", "same"))));
        }

        for (byte[] zip : List.of(zips.get(0), zips.get(1), zips.get(2), zips.get(2))) {
            Files.write(dir.resolve("d.zip"), zip);
            LocalFolderLoanFileSource source = new LocalFolderLoanFileSource(List.of(dir.resolve("d.zip")), null);
            for (SourceFile member : list(source, new ArrayList<>())) {
                source.finish(member, AfterLoad.ARCHIVE);
            }

            assertThat(dir.resolve("d.zip")).doesNotExist();
        }

        try (Stream<Path> files = Files.list(dir.resolve("archive"))) {
            assertThat(files).hasSize(3);
        }
        assertThat(dir.resolve("archive/d.zip")).hasBinaryContent(zips.get(0));
        assertThat(dir.resolve("archive/d.zip." + sha12(zips.get(1)))).hasBinaryContent(zips.get(1));
        assertThat(dir.resolve("archive/d.zip." + sha12(zips.get(2)))).hasBinaryContent(zips.get(2));
    }

    @Test
    void neverReplacesAnArchivedFileOfTheSameNameAndVersionSuffixButOtherContent() throws IOException {
        write("a.csv", "new");
        LocalFolderLoanFileSource source = source();
        SourceFile file = only(source);
        write("archive/a.csv", "old");
        write("archive/a.csv." + LocalFolderLoanFileSource.shortVersion(file), "something else");

        source.finish(file, AfterLoad.ARCHIVE);

        assertThat(dir.resolve("a.csv")).doesNotExist();
        assertThat(dir.resolve("archive/a.csv")).hasContent("old");
        assertThat(dir.resolve("archive/a.csv." + LocalFolderLoanFileSource.shortVersion(file))).hasContent("something else");
        try (Stream<Path> files = Files.list(dir.resolve("archive"))) {
            assertThat(files.map(LocalFolderLoanFileSourceTest::text)).containsExactlyInAnyOrder("old", "something else", "new");
        }
    }

    @Test
    void deletesAZipOnlyOnceItsLastMemberIsDone() throws IOException {
        zip("d.zip", Map.of("x.csv", "x", "y.csv", "y", "z.csv", "z"));
        LocalFolderLoanFileSource source = source();
        List<SourceFile> members = list(source, new ArrayList<>());

        source.finish(members.get(2), AfterLoad.DELETE);
        source.finish(members.get(0), AfterLoad.DELETE);
        assertThat(dir.resolve("d.zip")).exists();
        source.finish(members.get(1), AfterLoad.DELETE);

        assertThat(dir.resolve("d.zip")).doesNotExist();
    }

    @Test
    void leavesAZipInPlaceWhileAMemberHasNotCommitted() throws IOException {
        zip("d.zip", Map.of("x.csv", "x", "y.csv", "y"));
        LocalFolderLoanFileSource first = source();
        first.finish(list(first, new ArrayList<>()).get(0), AfterLoad.DELETE);

        LocalFolderLoanFileSource rerun = source();
        List<SourceFile> members = list(rerun, new ArrayList<>());
        rerun.finish(members.get(0), AfterLoad.DELETE);
        assertThat(dir.resolve("d.zip")).exists();
        rerun.finish(members.get(1), AfterLoad.DELETE);

        assertThat(dir.resolve("d.zip")).doesNotExist();
    }

    @Test
    void ownsPlainFilesUnderItsFoldersEvenOnceTheyAreGoneButNotZipMembersOrOtherPlaces() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        LocalFolderLoanFileSource source = new LocalFolderLoanFileSource(List.of(in), null);

        assertThat(source.owns(new SourceFile(in.resolve("sub/gone.csv").toUri().toString(), "v", 1))).isTrue();
        assertThat(source.owns(new SourceFile("file:" + dir.resolve("elsewhere.csv"), "v", 1))).isFalse();
        assertThat(source.owns(new SourceFile("file:" + in.resolve("x.zip") + "!/a.csv", "v", 1))).isFalse();
        assertThat(source.owns(new SourceFile("s3://bucket/in/a.csv", "v", 1))).isFalse();
    }

    private LocalFolderLoanFileSource source() {
        return new LocalFolderLoanFileSource(List.of(dir), null);
    }

    private static List<SourceFile> list(LocalFolderLoanFileSource source, List<String> ignored) {
        try (Stream<SourceFile> files = source.files(ignored::add)) {
            return files.toList();
        }
    }

    private static SourceFile only(LocalFolderLoanFileSource source) {
        List<SourceFile> files = list(source, new ArrayList<>());
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static Map<String, String> versions(LocalFolderLoanFileSource source) {
        Map<String, String> versions = new LinkedHashMap<>();
        list(source, new ArrayList<>()).forEach(f -> versions.put(f.name(), f.version()));
        return versions;
    }

    /** The archive-name suffix of these bytes: twelve hex digits of their SHA-256. */
    private static String sha12(byte[] bytes) throws IOException {
        return SourceVersions.contentHash(new ByteArrayInputStream(bytes)).substring(7, 19);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    /** Writes a file, gzipped when its name ends in {@code .gz}. */
    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gz)) {
                out.write(bytes);
            }
            bytes = gz.toByteArray();
        }
        Files.write(file, bytes);
        return file;
    }

    /** Writes a zip with these members, in name order. */
    private Path zip(String name, Map<String, String> members) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String member : members.keySet().stream().sorted().toList()) {
                zip.putNextEntry(new ZipEntry(member));
                zip.write(members.get(member).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
