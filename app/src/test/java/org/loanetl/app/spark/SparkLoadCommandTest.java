package org.loanetl.app.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.cli.ExitCode;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** {@code loan-etl load --engine spark} end to end, in this JVM ({@code local[2]}), against a real PostgreSQL. */
@ExtendWith(TestPostgresExtension.class)
class SparkLoadCommandTest {

    @TempDir
    Path dir;

    @Test
    void loadsArchivesAndReportsWithSparkSettingsFromTheConfigFileAndFlags() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path("reference/sample-53col.csv"), input.resolve("sample.csv"));
        Path config = Files.writeString(dir.resolve("loan-etl.yaml"), String.join("\n",
                "engine:", "  name: spark", "spark:", "  master: local[2]", "  app.name: parity-check",
                "  executor:", "    memory: 512m", ""));
        String schema = TestPostgres.newSchema();

        Run run = Cli.run(Map.of("LOANETL_DB_PASSWORD", TestPostgres.PASSWORD), "load", input.toString(),
                "--config", config.toString(), "--db", TestPostgres.jdbcUrl(), "--db-user", TestPostgres.USER,
                "--schema", schema, "--conf", "spark.default.parallelism=2", "--after", "archive",
                "--report", dir.resolve("r.json").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("sample.csv +loaded +31 +10 +4 +3 +14 +last_fico_range_low +0 +0 +archived");
        assertThat(run.all()).doesNotContain(TestPostgres.PASSWORD);
        assertThat(input.resolve("archive/sample.csv")).exists();
        assertThat(input.resolve("sample.csv")).doesNotExist();
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"status\" : \"loaded\"");
    }

    @Test
    void refusesAClusterMasterWithTheEmbeddedDatabase() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));

        Run run = run("load", input.toString(), "--home", dir.resolve("home").toString(), "--engine", "spark",
                "--spark-master", "spark://cluster:7077");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("engine spark on master spark://cluster:7077: executors cannot reach the"
                + " embedded database of this process; set database.jdbc-url (--db)");
    }

    @Test
    void namesABadConfItemWithoutItsValue() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));

        Run run = run("load", input.toString(), "--engine", "spark", "--conf", "fs.s3a.secret.key=hush");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("option --conf: not spark.key=value: \"fs.s3a.secret.key=...\"");
        assertThat(run.all()).doesNotContain("hush");
    }

    @Test
    void namesAnUnknownEngine() {
        Run run = run("load", dir.toString(), "--engine", "flink");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("option --engine: not a known engine (local, spark): \"flink\"");
    }

    private static Run run(String... args) {
        return Cli.run(Map.of(), new ArrayList<>(List.of(args)).toArray(String[]::new));
    }
}
