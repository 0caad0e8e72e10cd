package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** A user's mistake gets one clear line, the right exit code, no stack trace and never a password. */
@ExtendWith(TestPostgresExtension.class)
class UserMistakesTest {

    @TempDir
    Path dir;

    @Test
    void namesAnUnknownConfigKey() throws IOException {
        Path config = write("loan-etl.yaml", "filters:\n  min-credit-scor: 700\n");

        Run run = Cli.run("load", sample(), "--config", config.toString(), "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: config key filters.min-credit-scor: unknown key");
        assertOneLineNoTrace(run);
    }

    @Test
    void namesAnIllTypedConfigKeyAndItsValue() throws IOException {
        Path config = write("loan-etl.yaml", "filters:\n  min-credit-score: seven hundred\n");

        Run run = Cli.run("load", sample(), "--config", config.toString(), "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip())
                .isEqualTo("loan-etl: config key filters.min-credit-score: not an integer: \"seven hundred\"");
    }

    @Test
    void namesTheEnvironmentVariableThatHoldsABadValue() {
        Run run = Cli.run(Map.of("LOANETL_THREADS", "zero"), "load", sample(), "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip())
                .isEqualTo("loan-etl: environment variable LOANETL_THREADS: not a whole number of at least 1: \"zero\"");
    }

    @Test
    void saysHowManyFilesMayShareACommitAndWhy() {
        Run run = Cli.run("load", sample(), "--files-per-commit", "64", "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: option --files-per-commit: 64 is more than 50 (a shared commit"
                + " holds its files' rows in memory");
        assertOneLineNoTrace(run);
    }

    @Test
    void namesTheAllowedValuesOfWhatToDoWithoutAScore() {
        Run run = Cli.run("load", sample(), "--when-no-credit-score", "ignore", "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip())
                .isEqualTo("loan-etl: option --when-no-credit-score: not one of refuse, skip-filter: \"ignore\"");
        assertOneLineNoTrace(run);
    }

    @Test
    void namesTheEnvironmentVariableThatNamesANonScoreColumn() {
        Run run = Cli.run(Map.of("LOANETL_CREDIT_SCORE_COLUMN", "fico_range_low,grade"), "load", sample(), "--db",
                TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: environment variable LOANETL_CREDIT_SCORE_COLUMN: credit-score column"
                + " grade: not a known integer column");
        assertOneLineNoTrace(run);
    }

    @Test
    void refusesAnUnknownFilterName() {
        Run run = Cli.run("load", sample(), "--no-filter", "fico", "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("loan-etl: option --no-filter: ").contains("fico");
        assertOneLineNoTrace(run);
    }

    @Test
    void saysTheFolderDoesNotExist() {
        Run run = Cli.run("load", dir.resolve("nowhere").toString(), "--db", TestPostgres.superuserUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("nowhere: no such file or folder");
        assertOneLineNoTrace(run);
    }

    @Test
    void saysThePasswordIsWrongWithoutShowingIt() {
        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", "wrong-" + TestPostgres.PASSWORD),
                "load", sample(), "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("cannot connect to PostgreSQL at " + TestPostgres.jdbcUrl() + " as loader: wrong password");
        assertThat(run.all()).doesNotContain(TestPostgres.PASSWORD);
        assertOneLineNoTrace(run);
    }

    @Test
    void logsInWithThePasswordFromTheEnvironment() {
        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD),
                "load", sample(), "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER, "--schema",
                TestPostgres.newSchema());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(TestPostgres.PASSWORD);
    }

    @Test
    void saysTheDatabaseIsUnreachable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD),
                "load", sample(), "--db", "jdbc:postgresql://127.0.0.1:" + port + "/loans", "--db-user", "loader",
                "--wait-for-database", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + port
                + "/loans as loader: server unreachable");
        assertThat(run.all()).doesNotContain(TestPostgres.PASSWORD);
        assertOneLineNoTrace(run);
    }

    @Test
    void waitsForAnUnreachableDatabaseAsLongAsAskedSayingSoThenGivesUp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        Path output = Files.createTempFile("loanetl-wait", ".txt");
        long started = System.nanoTime();
        LoanEtlProcess run = LoanEtlProcess.start(List.of("load", sample(), "--db", "jdbc:postgresql://127.0.0.1:"
                        + port + "/loans", "--db-user", "loader", "--wait-for-database", "3s"),
                Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD), null, output);

        assertThat(run.await(Duration.ofMinutes(1))).isEqualTo(ExitCode.FAILURE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        String said = Files.readString(output);
        assertThat(said).containsPattern("server unreachable .*\\(waiting \\d+ ms for it to come back, up to 3s in all\\)")
                .contains("loan-etl: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + port
                        + "/loans as loader: server unreachable")
                .doesNotContain(TestPostgres.PASSWORD, "\tat ");
    }

    @Test
    void masksAPasswordGivenInsideTheUrl() {
        Run run = Cli.run("load", sample(), "--db", TestPostgres.jdbcUrl() + "?user=loader&password=" + "url-secret-42");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.all()).doesNotContain("url-secret-42").contains("password=***");
    }

    @Test
    void refusesAnArchiveFolderAtOrAboveASourceFolder() throws IOException {
        Path source = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path("reference/sample-53col.csv"), source.resolve("a.csv"));

        for (Path archive : List.of(dir, source, Path.of("/"))) {
            Run run = Cli.run("load", source.toString(), "--archive-dir", archive.toString(), "--after", "keep",
                    "--db", TestPostgres.superuserUrl(), "--schema", TestPostgres.newSchema());

            assertThat(run.exitCode()).as(archive.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).startsWith("loan-etl: option --archive-dir: ").contains("name an archive folder outside");
            assertOneLineNoTrace(run);
        }
    }

    @Test
    void refusesAReportThatIsASourceFileOrInsideASourceFolderBeforeLoadingAnything() throws IOException {
        Path source = Files.createDirectories(dir.resolve("in"));
        Path csv = Files.copy(Fixtures.path("reference/sample-53col.csv"), source.resolve("a.csv"));
        String schema = TestPostgres.newSchema();

        Run onSource = Cli.run("load", source.toString(), "--report", csv.toString(), "--db", TestPostgres.superuserUrl(),
                "--schema", schema);
        Run inside = Cli.run("load", csv.toString(), "--report", csv.toString(), "--db", TestPostgres.superuserUrl(),
                "--schema", schema);
        Run inFolder = Cli.run("load", source.toString(), "--report", source.resolve("r.json").toString(), "--db",
                TestPostgres.superuserUrl(), "--schema", schema);

        assertThat(onSource.err()).contains("is inside the source folder");
        assertThat(inside.err()).contains("is a source file");
        assertThat(inFolder.err()).contains("is inside the source folder");
        for (Run run : List.of(onSource, inside, inFolder)) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertOneLineNoTrace(run);
        }
        assertThat(Files.readString(csv)).isEqualTo(Files.readString(Fixtures.path("reference/sample-53col.csv")));
        assertThat(source.resolve("r.json")).doesNotExist();
    }

    @Test
    void refusesAReportInAMissingFolderOrThatIsAFolderWithoutCreatingAnything() {
        Path missing = dir.resolve("no/such/folder/r.json");

        Run inMissing = Cli.run("load", sample(), "--dry-run", "--report", missing.toString());
        Run folder = Cli.run("load", sample(), "--dry-run", "--report", dir.toString());
        Run generate = Cli.run("generate", "--rows", "5", "--out", dir.toString());

        assertThat(inMissing.err()).contains("option --report: ", "does not exist (create it first)");
        assertThat(dir.resolve("no")).doesNotExist();
        assertThat(folder.err()).contains("option --report: " + dir + " is a folder");
        assertThat(generate.err()).contains("option --out: " + dir + " is a folder");
        for (Run run : List.of(inMissing, folder, generate)) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertOneLineNoTrace(run);
            assertThat(run.err()).doesNotContain("internal error");
        }
    }

    @Test
    void refusesAFileUriOfAnotherHostInOneLine() {
        Run run = Cli.run("load", "file://host/x", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("a file: URI names a file on this machine").doesNotContain("internal error");
        assertOneLineNoTrace(run);
    }

    @Test
    void refusesAMalformedJdbcUrlInOneLineWithoutTheDriversLogging() {
        for (String url : List.of("jdbc:postgresql://[::1", "jdbc:postgresql://127.0.0.1:99999/loans")) {
            Run run = Cli.run("load", sample(), "--db", url);

            assertThat(run.exitCode()).as(url).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("not a valid PostgreSQL JDBC URL").doesNotContain("WARNING");
            assertOneLineNoTrace(run);
        }
    }

    @Test
    void blamesTheArchiveFolderNotTheSourcesForABadArchiveOfTheSparkEngine() {
        Run flag = Cli.run("load", sample(), "--engine", "spark", "--archive-dir", "hdfs://nn/archive");
        Run env = Cli.run(Map.of("LOANETL_ARCHIVE_DIR", "hdfs://nn/archive"), "load", sample(), "--engine", "spark");

        assertThat(flag.exitCode()).as(flag.all()).isEqualTo(ExitCode.USAGE);
        assertThat(flag.err()).startsWith("loan-etl: option --archive-dir: hdfs://nn/archive: ");
        assertOneLineNoTrace(flag);
        assertThat(env.exitCode()).as(env.all()).isEqualTo(ExitCode.USAGE);
        assertThat(env.err()).startsWith("loan-etl: environment variable LOANETL_ARCHIVE_DIR: hdfs://nn/archive: ");
        assertOneLineNoTrace(env);
    }

    @Test
    void namesTheOptionOfAnS3EndpointThatIsNoUri() {
        Run run = Cli.run("load", "s3://loans-bucket/2024/", "--s3-endpoint", "http://127.0.0.1:9/a|b", "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip()).isEqualTo("loan-etl: option --s3-endpoint: not an http:// or https:// URL:"
                + " \"http://127.0.0.1:9/a|b\"");
    }

    @Test
    void takesABlankS3RegionAsUnsetNotAsAnInternalError() {
        Map<String, String> env = Map.of("LOANETL_S3_REGION", " ", "LOANETL_S3_ACCESS_KEY_ID", "key",
                "LOANETL_S3_SECRET_ACCESS_KEY", "secret");
        Run run = Cli.run(env, "load", "s3://loans-bucket/2024/", "--s3-endpoint", "http://127.0.0.1:9", "--dry-run");

        // nothing listens there: the run gets as far as asking S3
        assertThat(run.err()).as(run.all()).doesNotContain("internal error").startsWith("loan-etl: s3://loans-bucket/2024/");
        assertOneLineNoTrace(run);
    }

    @Test
    void refusesAnArchiveFolderOfAnotherSchemeForLocalFilesNamingItsOption() {
        Run run = Cli.run("load", sample(), "--archive-dir", "hdfs://nn/archive", "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip()).isEqualTo("loan-etl: option --archive-dir: hdfs://nn/archive: not a local path,"
                + " file: URI or s3:// URI");
    }

    @Test
    void namesTheOriginOfASourceThatIsNoLocalPath() {
        Run run = Cli.run(Map.of("LOANETL_SOURCE", "hdfs://nn/loans"), "load", "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip()).isEqualTo("loan-etl: environment variable LOANETL_SOURCE: hdfs://nn/loans: not a"
                + " local path, file: URI or s3:// URI");
    }

    private static void assertOneLineNoTrace(Run run) {
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.all()).doesNotContain("\tat ", "Exception:");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String sample() {
        return Fixtures.path("reference/sample-53col.csv").toString();
    }
}
