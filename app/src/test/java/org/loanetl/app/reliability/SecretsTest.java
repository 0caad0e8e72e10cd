package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.aws.s3.testing.S3Server;
import org.loanetl.aws.s3.testing.S3ServerExtension;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * A database password and an AWS secret key, set in the config file and in the environment, appear nowhere in what a
 * run prints (stdout, stderr, its logs at DEBUG level) or in its JSON report: on success, on a wrong password, and
 * when S3 stops in the middle of a read.
 */
@ExtendWith(S3ServerExtension.class)
@ExtendWith(TestPostgresExtension.class)
class SecretsTest {

    private static S3Server s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void keepServer(S3Server started) {
        s3 = started;
    }

    @Test
    void secretsInTheConfigFileNeverShowOnSuccess() throws Exception {
        String bucket = bucketWithFiles("secrets-ok");
        Path config = config(TestPostgres.PASSWORD, S3Server.SECRET_KEY);

        int exit = run(config, bucket, Map.of());

        assertThat(exit).as(output()).isZero();
        assertNoSecretAnywhere();
    }

    @Test
    void secretsInTheEnvironmentNeverShowOnAWrongPassword() throws Exception {
        String bucket = bucketWithFiles("secrets-wrong");
        Path config = config(null, null);
        String wrong = "wrong-" + TestPostgres.PASSWORD;

        int exit = run(config, bucket, Map.of("LOANETL_DB_PASSWORD", wrong,
                "LOANETL_S3_SECRET_ACCESS_KEY", S3Server.SECRET_KEY, "LOANETL_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY));

        assertThat(exit).as(output()).isEqualTo(2);
        assertThat(output()).contains("wrong password").doesNotContain(wrong);
        assertNoSecretAnywhere();
    }

    @Test
    void secretsNeverShowWhenS3StopsMidRead() throws Exception {
        String bucket = bucketWithFiles("secrets-cut");
        Path config = config(TestPostgres.PASSWORD, S3Server.SECRET_KEY);
        s3.stopAfterServing(200_000);

        int exit;
        try {
            exit = run(config, bucket, Map.of());
        } finally {
            s3.restart();
        }

        assertThat(exit).as(output()).isEqualTo(1);
        assertNoSecretAnywhere();
    }

    private int run(Path config, String bucket, Map<String, String> env) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("load", "s3://" + bucket + "/in", "--config", config.toString(),
                "--schema", TestPostgres.newSchema(), "--report", dir.resolve("report.json").toString(), "--threads", "1"));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("LOANETL_LOG_LEVEL", "DEBUG");
        all.put("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=logback.xml");
        return LoanEtlProcess.start(args, all, null, dir.resolve("output.txt")).await(Duration.ofMinutes(2));
    }

    private Path config(String dbPassword, String secretKey) throws IOException {
        StringBuilder yaml = new StringBuilder("database:\n  jdbc-url: " + TestPostgres.jdbcUrl() + "\n  user: "
                + TestPostgres.USER + "\n");
        if (dbPassword != null) {
            yaml.append("  password: \"").append(dbPassword).append("\"\n");
        }
        yaml.append("s3:\n  endpoint: ").append(s3.endpoint()).append("\n  path-style: true\n  region: ")
                .append(S3Server.REGION).append("\n");
        if (secretKey != null) {
            yaml.append("  access-key-id: ").append(S3Server.ACCESS_KEY).append("\n  secret-access-key: \"")
                    .append(secretKey).append("\"\n");
        }
        return Files.writeString(dir.resolve("loan-etl.yaml"), yaml);
    }

    private String bucketWithFiles(String bucket) throws IOException {
        s3.createBucket(bucket);
        s3.put(bucket, "in/a.csv", Fixtures.bytes("reference/sample-53col.csv"));
        java.io.StringWriter big = new java.io.StringWriter();
        new org.loanetl.app.generate.LoanFileGenerator(77, 0.02).write(1500, big);
        s3.put(bucket, "in/b.csv", big.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return bucket;
    }

    private String output() throws IOException {
        Path output = dir.resolve("output.txt");
        return Files.exists(output) ? Files.readString(output) : "";
    }

    private void assertNoSecretAnywhere() throws IOException {
        String output = output();
        assertThat(output).doesNotContain(TestPostgres.PASSWORD, S3Server.SECRET_KEY);
        Path report = dir.resolve("report.json");
        if (Files.exists(report)) {
            assertThat(Files.readString(report)).doesNotContain(TestPostgres.PASSWORD, S3Server.SECRET_KEY);
        }
    }
}
