package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.aws.s3.testing.S3Server;
import org.loanetl.aws.s3.testing.S3ServerExtension;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** {@code loan-etl load s3://...} end to end, in this JVM, against a real S3 API server (S3Proxy) and PostgreSQL. */
@ExtendWith(S3ServerExtension.class)
@ExtendWith(TestPostgresExtension.class)
class S3LoadCommandTest {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String SAMPLE = "reference/sample-53col.csv";
    private static S3Server s3;

    @TempDir
    Path dir;

    private String bucket;
    private String schema;

    @BeforeAll
    static void keepServer(S3Server started) {
        s3 = started;
    }

    @BeforeEach
    void freshBucketAndSchema() {
        bucket = "cli-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        schema = TestPostgres.newSchema();
    }

    @Test
    void loadsCsvGzipAndZipKeysFromS3AndSkipsThemOnTheRerun() throws Exception {
        putFixtures();

        Run first = load("--report", dir.resolve("first.json").toString());
        Run again = load("--report", dir.resolve("again.json").toString());

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.all()).contains("s3://" + bucket + "/in/notes.txt: not a loans file");
        assertThat(statuses(dir.resolve("first.json"))).containsExactly(
                "s3://" + bucket + "/in/2011/sample.csv loaded", "s3://" + bucket + "/in/2012/modern.csv.gz loaded",
                "s3://" + bucket + "/in/old.zip!/loanstatsnew.csv loaded");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(statuses(dir.resolve("again.json"))).allMatch(s -> s.endsWith(" skipped")).hasSize(3);
        assertThat(count("loaded_files")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep", "archive", "delete"})
    void keepsArchivesOrDeletesTheKeysAfterTheirCommit(String after) throws Exception {
        putFixtures();

        Run run = load("--after", after);

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<String> expected = switch (after) {
            case "keep" -> List.of("in/2011/sample.csv", "in/2012/modern.csv.gz", "in/notes.txt", "in/old.zip");
            case "archive" -> List.of("in/archive/2011/sample.csv", "in/archive/2012/modern.csv.gz", "in/archive/old.zip", "in/notes.txt");
            default -> List.of("in/notes.txt");
        };
        assertThat(s3.keys(bucket)).containsExactlyElementsOf(expected);
        assertThat(LoadCommandTest.query("SELECT DISTINCT cleanup FROM " + schema + ".loaded_files")).containsExactly(List.of(after));
    }

    @Test
    void archivesIntoAnotherBucketNamedByArchiveDir() throws Exception {
        s3.createBucket(bucket + "-done");
        s3.put(bucket, "in/sample.csv", Fixtures.bytes(SAMPLE));

        Run run = load("--after", "archive", "--archive-dir", "s3://" + bucket + "-done/loaded/");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(s3.keys(bucket)).isEmpty();
        assertThat(s3.keys(bucket + "-done")).containsExactly("loaded/sample.csv");
    }

    @Test
    void leavesARefusedKeyInPlaceAndDeletesTheCommittedOnes() throws Exception {
        s3.put(bucket, "in/good.csv", Fixtures.bytes(SAMPLE));
        s3.put(bucket, "in/refused.csv", "id,loan_amnt,purpose,last_fico_range_low\n1,1000,car,720\n".getBytes());

        Run run = load("--after", "delete");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.out()).contains("refused.csv: refused: header lacks column loan_status");
        assertThat(s3.keys(bucket)).containsExactly("in/refused.csv");
        assertThat(count("loans")).isEqualTo(10);
    }

    @Test
    void loadsFromS3ExactlyWhatTheSameFilesLoadFromALocalFolderRowForRow() throws Exception {
        putFixtures();
        Path generated = dir.resolve("generated.csv");
        assertThat(Cli.run("generate", "--rows", "300", "--bad-share", "0.05", "--out", generated.toString()).exitCode()).isZero();
        s3.put(bucket, "in/2013/generated.csv", Files.readAllBytes(generated));
        Path local = Files.createDirectories(dir.resolve("in"));
        for (String key : s3.keys(bucket)) {
            Files.createDirectories(local.resolve(key.substring(3)).getParent());
            Files.write(local.resolve(key.substring(3)), s3.get(bucket, key));
        }
        String s3Schema = schema;

        assertThat(load().exitCode()).isZero();
        schema = TestPostgres.newSchema();
        Run fromFolder = Cli.run(Map.of(), "load", local.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema);

        assertThat(fromFolder.exitCode()).as(fromFolder.all()).isZero();
        for (String table : List.of("loans", "loan_rejects")) {
            List<List<String>> fromS3 = rows(s3Schema, table);
            assertThat(fromS3).as(table).isNotEmpty().containsExactlyElementsOf(rows(schema, table));
        }
    }

    @Test
    void loadsALargeKeyInChunksOfRangedGetsAsTheSameFileLoadsWholeFromAFolder() throws Exception {
        Path big = Files.createDirectories(dir.resolve("whole")).resolve("big.csv");
        assertThat(Cli.run("generate", "--rows", "4000", "--bad-share", "0.03", "--out", big.toString()).exitCode())
                .isZero();
        s3.put(bucket, "in/big.csv", Files.readAllBytes(big));
        String s3Schema = schema;

        Run chunked = load("--chunk-size", "1MB", "--after", "delete");

        assertThat(chunked.exitCode()).as(chunked.all()).isZero();
        assertThat(chunked.out()).containsPattern("big\\.csv: loaded in [3-4] chunks").contains("deleted");
        assertThat(s3.keys(bucket)).as("deleted once every chunk is in").isEmpty();
        schema = TestPostgres.newSchema();
        Run whole = Cli.run(Map.of(), "load", big.getParent().toString(), "--db", TestPostgres.superuserUrl(),
                "--schema", schema, "--chunk-size", "0");
        assertThat(whole.exitCode()).as(whole.all()).isZero();
        for (String table : List.of("loans", "loan_rejects")) {
            assertThat(rows(s3Schema, table)).as(table).isNotEmpty().containsExactlyElementsOf(rows(schema, table));
        }
        String counts = "SELECT loaded::text, rejected::text, data_rows::text, control_totals::text FROM %s.loaded_files"
                + " WHERE source NOT LIKE '%%#bytes=%%'";
        assertThat(LoadCommandTest.query(counts.formatted(s3Schema))).isEqualTo(LoadCommandTest.query(counts.formatted(schema)));
    }

    @Test
    void failsAFileWhoseReadDiesMidObjectLeavesItUncommittedAndInPlaceAndTheRerunCompletesIt() throws Exception {
        s3.put(bucket, "in/a-sample.csv", Fixtures.bytes(SAMPLE));
        Path big = dir.resolve("z-big.csv");
        assertThat(Cli.run("generate", "--rows", "3000", "--out", big.toString()).exitCode()).isZero();
        assertThat(Files.size(big)).isGreaterThan(2L << 20);
        s3.put(bucket, "in/z-big.csv", Files.readAllBytes(big));
        s3.stopAfterServing(1L << 20);

        // each file its own commit, so that a-sample.csv is deleted before the read of z-big.csv dies and takes S3 with
        // it (sharing a commit, its delete would come after, and fail with S3 gone)
        Run broken = load("--after", "delete", "--threads", "1", "--files-per-commit", "1");
        s3.restart();

        assertThat(broken.exitCode()).as(broken.all()).isEqualTo(ExitCode.FAILURE);
        // S3 stays down: the read that died is tried again (a cut read of a remote file passes), then the file fails
        assertThat(broken.out()).contains("z-big.csv").containsIgnoringCase("connection").contains("(tried 4 times)");
        assertThat(s3.keys(bucket)).containsExactly("in/z-big.csv");
        assertThat(LoadCommandTest.query("SELECT regexp_replace(source, '^.*/', '') FROM " + schema + ".loaded_files"))
                .containsExactly(List.of("a-sample.csv"));

        Run rerun = load("--after", "delete", "--threads", "1");

        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(s3.keys(bucket)).isEmpty();
        assertThat(count("loaded_files")).isEqualTo(2);
    }

    @Test
    void saysInOneLineThatTheBucketDoesNotExist() {
        Run run = Cli.run(env(), "load", "s3://no-such-bucket-here/in/", "--s3-endpoint", s3.endpoint().toString(),
                "--s3-path-style", "--db", TestPostgres.superuserUrl(), "--schema", schema);

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).isEqualTo("loan-etl: s3://no-such-bucket-here/in/: no such bucket" + System.lineSeparator());
    }

    @Test
    void refusesHalfAKeyPairNamingTheMissingKey() {
        Run run = Cli.run(Map.of("LOANETL_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY), "load", "s3://" + bucket + "/in/",
                "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: config key s3.secret-access-key (or LOANETL_S3_SECRET_ACCESS_KEY): missing");
    }

    private void putFixtures() throws IOException {
        s3.put(bucket, "in/2011/sample.csv", Fixtures.bytes(SAMPLE));
        s3.put(bucket, "in/2012/modern.csv.gz", gzip(Fixtures.bytes("layouts/modern151.csv")));
        s3.put(bucket, "in/old.zip", zip("loanstatsnew.csv", Fixtures.bytes("layouts/loanstatsnew.csv")));
        s3.put(bucket, "in/notes.txt", "not loans".getBytes());
    }

    private Run load(String... more) {
        List<String> args = new ArrayList<>(List.of("load", "s3://" + bucket + "/in", "--s3-endpoint", s3.endpoint().toString(),
                "--s3-path-style", "--db", TestPostgres.superuserUrl(), "--schema", schema));
        args.addAll(List.of(more));
        Run run = Cli.run(env(), args.toArray(String[]::new));
        assertThat(run.all()).doesNotContain(S3Server.SECRET_KEY);
        return run;
    }

    private static Map<String, String> env() {
        return Map.of("LOANETL_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "LOANETL_S3_SECRET_ACCESS_KEY", S3Server.SECRET_KEY,
                "LOANETL_S3_REGION", S3Server.REGION);
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(LoadCommandTest.query("SELECT count(*)::text FROM " + schema + "." + table).get(0).get(0));
    }

    /** A table's rows without what differs by source (ids, locations), keyed by file name and line, in that order. */
    private static List<List<String>> rows(String schema, String table) throws SQLException {
        List<String> columns = LoadCommandTest.query("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                + schema + "' AND table_name = '" + table + "' AND column_name NOT IN ('id', 'file_id', 'source') ORDER BY ordinal_position")
                .stream().map(row -> "t.\"" + row.get(0) + "\"::text").toList();
        // a chunk's rows are under its own ledger row: the file's location and its byte range
        return LoadCommandTest.query("SELECT regexp_replace(split_part(f.source, '#bytes=', 1), '^.*/', ''), "
                + String.join(", ", columns) + " FROM "
                + schema + "." + table + " t JOIN " + schema + ".loaded_files f ON f.id = t.file_id ORDER BY 1, t.line");
    }

    private static List<String> statuses(Path report) throws IOException {
        List<String> statuses = new ArrayList<>();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        json.get("files").forEach(f -> statuses.add(f.get("source").asText() + " " + f.get("status").asText()));
        return statuses;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] zip(String name, byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
