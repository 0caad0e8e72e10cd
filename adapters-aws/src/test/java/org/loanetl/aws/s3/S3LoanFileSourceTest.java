package org.loanetl.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loanetl.aws.s3.testing.S3Server;
import org.loanetl.aws.s3.testing.S3ServerExtension;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.source.ArchiveNames;

/** The S3 source against a real S3 API server (S3Proxy in this JVM); never a mocked client. */
@ExtendWith(S3ServerExtension.class)
class S3LoanFileSourceTest {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Server server;

    private String bucket;

    @BeforeAll
    static void keepServer(S3Server started) {
        server = started;
    }

    @BeforeEach
    void freshBucket() {
        bucket = "loans-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
    }

    @Test
    void listsAndReadsEveryLoansFileOnceAcrossPagesAndNestedPrefixesAndNamesWhatItIgnores() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 1; i <= 12; i++) {
            String key = "loans/y20" + (10 + i % 3) + "/m" + i + "/f" + i + ".csv";
            put(key, "csv " + i);
            expected.put("s3://" + bucket + "/" + key, "csv " + i);
        }
        for (int i = 1; i <= 6; i++) {
            String key = "loans/gz/q" + i + ".csv.gz";
            server.put(bucket, key, gzip("gz " + i));
            expected.put("s3://" + bucket + "/" + key, "gz " + i);
        }
        for (int i = 1; i <= 2; i++) {
            String key = "loans/zips/z" + i + ".zip";
            server.put(bucket, key, zip(Map.of("a.csv", "zip " + i + " a", "in/b.CSV", "zip " + i + " b", "readme.txt", "r")));
            expected.put("s3://" + bucket + "/" + key + "!/a.csv", "zip " + i + " a");
            expected.put("s3://" + bucket + "/" + key + "!/in/b.CSV", "zip " + i + " b");
        }
        put("loans/notes.txt", "n");
        put("loans/y2010/data.json", "{}");
        put("loans/y2011/e.gz", "e");
        put("loans/empty/", "");
        put("loans/archive/old.csv", "archived earlier");
        put("loans2011.csv", "beside the prefix, not under it");
        put("other/x.csv", "elsewhere");
        assertThat(server.keys(bucket)).hasSize(27);
        List<String> ignored = new ArrayList<>();

        Map<String, String> read = new LinkedHashMap<>();
        try (S3LoanFileSource source = source("s3://" + bucket + "/loans", 3)) {
            for (SourceFile file : list(source, ignored)) {
                assertThat(read.put(file.location(), text(source, file))).as(file.location()).isNull();
            }
        }

        assertThat(read).containsExactlyInAnyOrderEntriesOf(expected).hasSize(22);
        assertThat(ignored).containsExactlyInAnyOrder(
                "s3://" + bucket + "/loans/notes.txt: not a loans file (.csv, .csv.gz or .zip)",
                "s3://" + bucket + "/loans/y2010/data.json: not a loans file (.csv, .csv.gz or .zip)",
                "s3://" + bucket + "/loans/y2011/e.gz: not a loans file (.csv, .csv.gz or .zip)",
                "s3://" + bucket + "/loans/zips/z1.zip!/readme.txt: not a loans file (.csv inside a zip)",
                "s3://" + bucket + "/loans/zips/z2.zip!/readme.txt: not a loans file (.csv inside a zip)");
    }

    @Test
    void readsByteRangesOfAPlainKeyPinnedToItsETagAndNoneOfAGzipOrAZipMember() throws IOException {
        String text = "id,loan_amnt\n" + "1,100\n".repeat(5000);
        put("in/big.csv", text);
        server.put(bucket, "in/big.csv.gz", gzip(text));
        server.put(bucket, "in/z.zip", zip(Map.of("m.csv", text)));
        try (S3LoanFileSource source = source("s3://" + bucket + "/in/", 1000)) {
            Map<String, SourceFile> files = new java.util.TreeMap<>();
            list(source, new ArrayList<>()).forEach(f -> files.put(f.name(), f));
            SourceFile big = files.get("big.csv");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            java.util.Random random = new java.util.Random(19);
            for (int trial = 0; trial < 10; trial++) {
                int start = random.nextInt(bytes.length);
                int end = start + random.nextInt(bytes.length - start + 1);
                try (var in = source.openRange(big, start, end)) {
                    assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, start, end));
                }
            }
            assertThat(source.readsRanges(big)).isTrue();
            assertThat(source.readsRanges(files.get("big.csv.gz"))).isFalse();
            assertThat(source.readsRanges(files.get("m.csv"))).isFalse();

            put("in/big.csv", text + "2,200\n"); // rewritten since it was listed: the pinned range read fails
            assertThatThrownBy(() -> source.openRange(big, 0, 10).readAllBytes())
                    .isInstanceOf(org.loanetl.domain.LoanEtlException.class);
        }
    }

    @Test
    void listsAKeyOnceWhenTheGivenPrefixesOverlap() throws IOException {
        put("loans/2011/a.csv", "a");
        put("loans/2012/b.csv", "b");
        server.put(bucket, "loans/2011/z.zip", zip(Map.of("m.csv", "m")));
        List<String> uris = List.of("s3://" + bucket + "/loans/2011/", "s3://" + bucket + "/loans/",
                "s3://" + bucket + "/loans/2011/a.csv", "s3://" + bucket + "/loans/2011/");
        List<String> ignored = new ArrayList<>();

        List<SourceFile> files;
        try (S3LoanFileSource source = new S3LoanFileSource(uris, server.settings(1))) {
            files = list(source, ignored);
            for (SourceFile file : files) {
                source.finish(file, AfterLoad.ARCHIVE);
            }
        }

        assertThat(files).extracting(SourceFile::location).containsExactly(
                "s3://" + bucket + "/loans/2011/a.csv",
                "s3://" + bucket + "/loans/2011/z.zip!/m.csv",
                "s3://" + bucket + "/loans/2012/b.csv");
        assertThat(ignored).isEmpty();
        assertThat(server.keys(bucket)).containsExactlyInAnyOrder(
                "loans/2011/archive/a.csv", "loans/2011/archive/z.zip", "loans/archive/2012/b.csv");
    }

    @Test
    void listsAZipItCannotReadAsItselfSoThatItsLoadIsRefusedAndLeavesItInPlace() throws IOException {
        put("loans/broken.zip", "not a zip at all");
        List<String> ignored = new ArrayList<>();

        List<SourceFile> files;
        try (S3LoanFileSource source = source("s3://" + bucket + "/loans", 10)) {
            files = list(source, ignored);

            assertThat(ignored).isEmpty();
            assertThat(files).singleElement().satisfies(file -> {
                assertThat(file.location()).isEqualTo("s3://" + bucket + "/loans/broken.zip");
                assertThat(file.version()).startsWith("s3-etag:").endsWith(":16");
                assertThat(file.size()).isEqualTo(16);
            });
            assertThatThrownBy(() -> source.open(files.get(0)))
                    .isInstanceOf(org.loanetl.domain.read.CorruptFileException.class)
                    .hasMessage("not a readable zip file: not a zip file (too short)");
        }
        assertThat(server.keys(bucket)).containsExactly("loans/broken.zip");
    }

    @Test
    void fetchesListingPagesOnlyAsTheStreamIsConsumed() {
        for (int i = 10; i < 35; i++) {
            put("in/" + i + ".csv", "x");
        }
        try (S3LoanFileSource source = source("s3://" + bucket + "/in/", 3);
             Stream<SourceFile> files = source.files(why -> { })) {
            Iterator<SourceFile> it = files.iterator();
            assertThat(it.next().name()).isEqualTo("10.csv");
            for (int i = 16; i < 35; i++) {
                String key = "in/" + i + ".csv";
                server.admin().deleteObject(r -> r.bucket(bucket).key(key));
            }
            List<String> rest = new ArrayList<>();
            it.forEachRemaining(f -> rest.add(f.name()));

            assertThat(rest).containsExactly("11.csv", "12.csv", "13.csv", "14.csv", "15.csv");
        }
    }

    @Test
    void givesARewrittenObjectANewVersionUnderTheSameLocation() {
        put("in/2011.csv", "first");
        try (S3LoanFileSource source = source("s3://" + bucket + "/in/", 1000)) {
            SourceFile before = list(source, new ArrayList<>()).get(0);
            put("in/2011.csv", "second, longer");
            SourceFile after = list(source, new ArrayList<>()).get(0);

            assertThat(after.location()).isEqualTo(before.location());
            assertThat(after.version()).isNotEqualTo(before.version()).startsWith("s3-etag:").endsWith(":14");
        }
    }

    @Test
    void refusesToOpenAnObjectRewrittenSinceItWasListed() {
        put("in/2011.csv", "first");
        try (S3LoanFileSource source = source("s3://" + bucket + "/in/", 1000)) {
            SourceFile listed = list(source, new ArrayList<>()).get(0);
            put("in/2011.csv", "second");

            assertThatThrownBy(() -> source.open(listed)).isInstanceOf(SourceException.class).hasMessage("s3://" + bucket
                    + "/in/2011.csv: changed since it was listed (its ETag differs); left in place: rerun to load the new version");
        }
    }

    @ParameterizedTest
    @EnumSource(AfterLoad.class)
    void keepsArchivesOrDeletesAndDoesItAgainWithoutComplaint(AfterLoad after) throws IOException {
        put("in/y/2011.csv", "loans");
        put("in/2012.csv", "other loans");
        try (S3LoanFileSource source = source("s3://" + bucket + "/in", 1000)) {
            SourceFile file = list(source, new ArrayList<>()).get(1);
            assertThat(file.name()).isEqualTo("2011.csv");

            source.finish(file, after);
            source.finish(file, after);
        }

        List<String> expected = switch (after) {
            case KEEP -> List.of("in/2012.csv", "in/y/2011.csv");
            case ARCHIVE -> List.of("in/2012.csv", "in/archive/y/2011.csv");
            case DELETE -> List.of("in/2012.csv");
        };
        assertThat(server.keys(bucket)).containsExactlyElementsOf(expected);
    }

    @Test
    void ownsPlainKeysUnderItsRootsSoAnInterruptedCleanupCanBeFinished() throws IOException {
        put("in/2011.csv", "loans");
        try (S3LoanFileSource source = source("s3://" + bucket + "/in", 1000)) {
            SourceFile listed = list(source, new ArrayList<>()).get(0);
            SourceFile fromLedger = new SourceFile(listed.location(), listed.version(), -1);

            assertThat(source.owns(fromLedger)).isTrue();
            assertThat(source.owns(new SourceFile("s3://" + bucket + "/in2/2011.csv", listed.version(), 1))).isFalse();
            assertThat(source.owns(new SourceFile("s3://" + bucket + "/in/a.zip!/a.csv", "zip-crc32:0:1", 1))).isFalse();
            assertThat(source.owns(new SourceFile("file:/in/2011.csv", "sha256:00", 1))).isFalse();
            source.finish(fromLedger, AfterLoad.DELETE);
        }

        assertThat(server.keys(bucket)).isEmpty();
    }

    @Test
    void finishesTheLoadedVersionWithoutTouchingAnObjectRewrittenUnderItsKey() throws IOException {
        put("in/2011.csv", "loaded");
        try (S3LoanFileSource source = source("s3://" + bucket + "/in/", 1000)) {
            SourceFile loaded = list(source, new ArrayList<>()).get(0);
            put("in/2011.csv", "rewritten, not loaded yet");

            source.finish(loaded, AfterLoad.DELETE);
            source.finish(loaded, AfterLoad.ARCHIVE);
        }

        assertThat(server.keys(bucket)).containsExactly("in/2011.csv");
        assertThat(text(bucket, "in/2011.csv")).isEqualTo("rewritten, not loaded yet");
    }

    @Test
    void archivesIntoAnotherBucketKeepingAnEarlierArchivedVersionOfTheSameKey() throws IOException {
        server.createBucket(bucket + "-done");
        S3Settings settings = server.settings(1000).withArchive("s3://" + bucket + "-done/loaded");
        for (String content : List.of("first", "second")) {
            put("in/2011.csv", content);
            try (S3LoanFileSource source = new S3LoanFileSource(List.of("s3://" + bucket + "/in/"), settings)) {
                source.finish(list(source, new ArrayList<>()).get(0), AfterLoad.ARCHIVE);
            }
        }

        assertThat(server.keys(bucket)).isEmpty();
        List<String> archived = server.keys(bucket + "-done");
        assertThat(archived).hasSize(2).first().isEqualTo("loaded/2011.csv");
        assertThat(text(bucket + "-done", "loaded/2011.csv")).isEqualTo("first");
        assertThat(text(bucket + "-done", archived.get(1))).isEqualTo("second");
        assertThat(archived.get(1)).matches("loaded/2011\\.csv\\.[a-f0-9]{12}");
    }

    @Test
    void archivesBesideBothNamesWhenOtherObjectsHoldTheKeyAndItsEtagName() throws IOException {
        put("in/2011.csv", "third");
        S3Settings settings = server.settings(1000).withArchive("s3://" + bucket + "/done");
        try (S3LoanFileSource source = new S3LoanFileSource(List.of("s3://" + bucket + "/in/"), settings)) {
            SourceFile file = list(source, new ArrayList<>()).get(0);
            String tagged = "done/2011.csv." + ArchiveNames.shortVersion(file.version());
            put("done/2011.csv", "first");
            put(tagged, "second");

            source.finish(file, AfterLoad.ARCHIVE);

            assertThat(server.keys(bucket)).containsExactly("done/2011.csv", tagged, tagged + "-2");
            assertThat(text(bucket, "done/2011.csv")).isEqualTo("first");
            assertThat(text(bucket, tagged)).isEqualTo("second");
            assertThat(text(bucket, tagged + "-2")).isEqualTo("third");
        }
    }

    @Test
    void archivesAZipOnlyOnceEveryCsvMemberHasCommitted() throws IOException {
        server.put(bucket, "in/2011.zip", zip(Map.of("a.csv", "a", "b.csv", "b")));
        try (S3LoanFileSource source = source("s3://" + bucket + "/in/", 1000)) {
            List<SourceFile> members = list(source, new ArrayList<>());
            source.finish(members.get(0), AfterLoad.ARCHIVE);
            assertThat(server.keys(bucket)).containsExactly("in/2011.zip");

            source.finish(members.get(1), AfterLoad.ARCHIVE);
        }

        assertThat(server.keys(bucket)).containsExactly("in/archive/2011.zip");
    }

    @Test
    void copiesAnObjectOverTheCopyLimitInParts() throws IOException {
        byte[] big = new byte[(6 << 20) + 123];
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = 'y';
        server.put(bucket, "in/big.csv", big);
        try (S3LoanFileSource source = new S3LoanFileSource(List.of("s3://" + bucket + "/in/"), server.settings(1000),
                5 << 20, 5 << 20)) {
            source.finish(list(source, new ArrayList<>()).get(0), AfterLoad.ARCHIVE);
        }

        assertThat(server.keys(bucket)).containsExactly("in/archive/big.csv");
        assertThat(server.get(bucket, "in/archive/big.csv")).isEqualTo(big);
    }

    @Test
    void failsTheReadWithAnIOExceptionWhenTheServerStopsMidObjectAndTouchesNothing() throws IOException {
        byte[] big = new byte[4 << 20];
        Arrays.fill(big, (byte) 'x');
        server.put(bucket, "in/big.csv", big);
        try (S3LoanFileSource source = source("s3://" + bucket + "/in/", 1000)) {
            SourceFile file = list(source, new ArrayList<>()).get(0);
            server.stopAfterServing(1 << 20);

            assertThatThrownBy(() -> {
                try (InputStream in = source.open(file)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }).isInstanceOf(IOException.class).hasMessageStartingWith("s3://" + bucket + "/in/big.csv: connection");
        } finally {
            server.restart();
        }

        assertThat(server.get(bucket, "in/big.csv")).isEqualTo(big);
    }

    @Test
    void saysInOneLineThatTheBucketDoesNotExist() {
        try (S3LoanFileSource source = source("s3://no-such-bucket-here/loans/", 1000)) {
            assertThatThrownBy(() -> list(source, new ArrayList<>())).isInstanceOf(SourceException.class)
                    .hasMessage("s3://no-such-bucket-here/loans/: no such bucket");
        }
    }

    @Test
    void saysInOneLineThatTheSecretKeyIsWrong() {
        S3Settings wrong = server.settings(1000).withCredentials(S3Server.ACCESS_KEY, "not-the-secret");
        try (S3LoanFileSource source = new S3LoanFileSource(List.of("s3://" + bucket + "/loans/"), wrong)) {
            assertThatThrownBy(() -> list(source, new ArrayList<>())).isInstanceOf(SourceException.class)
                    .hasMessage("s3://" + bucket + "/loans/: access denied: the secret access key does not match the access key id");
        }
    }

    @Test
    void saysInOneLineThatTheAccessKeyIsUnknown() {
        S3Settings wrong = server.settings(1000).withCredentials("AKIAUNKNOWN", "whatever");
        try (S3LoanFileSource source = new S3LoanFileSource(List.of("s3://" + bucket + "/loans/"), wrong)) {
            assertThatThrownBy(() -> list(source, new ArrayList<>())).isInstanceOf(SourceException.class)
                    .hasMessage("s3://" + bucket + "/loans/: access denied: S3 does not know the access key id"
                            + " (check AWS_ACCESS_KEY_ID or s3.access-key-id)");
        }
    }

    @Test
    void saysInOneLineThatS3CannotBeReachedAfterRetrying() {
        server.stop();
        try (S3LoanFileSource source = source("s3://" + bucket + "/loans/", 1000)) {
            assertThatThrownBy(() -> list(source, new ArrayList<>())).isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("s3://" + bucket + "/loans/: cannot reach " + server.endpoint() + " (after retries): ")
                    .hasMessageNotContaining("\n");
        } finally {
            server.restart();
        }
    }

    @Test
    void usesTheSdksStandardEndpointSettingWhenNoEndpointIsGiven() {
        put("in/2011.csv", "x");
        S3Settings noEndpoint = new S3Settings(S3Server.REGION, null, true, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, null, 1000);
        // the system property behind AWS_ENDPOINT_URL_S3: the SDK reads both the same way
        System.setProperty("aws.endpointUrlS3", server.endpoint().toString());
        try (S3LoanFileSource source = new S3LoanFileSource(List.of("s3://" + bucket + "/in/"), noEndpoint)) {
            assertThat(list(source, new ArrayList<>())).extracting(SourceFile::name).containsExactly("2011.csv");
        } finally {
            System.clearProperty("aws.endpointUrlS3");
        }
    }

    @Test
    void neverPrintsTheKeys() {
        assertThat(server.settings(3).toString()).doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.ACCESS_KEY)
                .contains("secretAccessKey=***");
    }

    private S3LoanFileSource source(String uri, int pageSize) {
        return new S3LoanFileSource(List.of(uri), server.settings(pageSize));
    }

    private static List<SourceFile> list(S3LoanFileSource source, List<String> ignored) {
        try (Stream<SourceFile> files = source.files(ignored::add)) {
            return files.toList();
        }
    }

    private void put(String key, String text) {
        server.put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(S3LoanFileSource source, SourceFile file) throws IOException {
        try (InputStream in = source.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String text(String bucket, String key) {
        return new String(server.get(bucket, key), StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, String> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var member : new java.util.TreeMap<>(members).entrySet()) {
                out.putNextEntry(new ZipEntry(member.getKey()));
                out.write(member.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
