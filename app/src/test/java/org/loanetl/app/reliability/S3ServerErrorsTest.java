package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.aws.s3.testing.S3Server;
import org.loanetl.aws.s3.testing.S3ServerExtension;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * S3 answering 5xx: the SDK retries, then the file it was reading fails in one line, uncommitted and in place, while
 * the other files load; exit code 1; once S3 answers again the rerun is exact.
 */
@ExtendWith(S3ServerExtension.class)
@ExtendWith(TestPostgresExtension.class)
class S3ServerErrorsTest {

    private static S3Server s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void keepServer(S3Server started) {
        s3 = started;
    }

    @Test
    void failsOnlyTheFileS3KeepsAnswering503ForAndTheRerunIsExact() throws Exception {
        s3.createBucket("slow");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.csv", Fixtures.bytes("reference/sample-53col.csv"));
        StringWriter big = new StringWriter();
        new LoanFileGenerator(33, 0.05).write(900, big);
        files.put("z.csv", big.toString().getBytes(StandardCharsets.UTF_8));
        files.forEach((name, bytes) -> s3.put("slow", "in/" + name, bytes));
        String schema = TestPostgres.newSchema();

        s3.answer503ToReadsOf("slow", "in/z.csv");
        Run first;
        try {
            first = load(schema);
        } finally {
            s3.answerAll();
        }
        Run rerun = load(schema);

        assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
        assertThat(first.out()).contains("z.csv: failed: ").contains("503").containsPattern("a.csv +loaded");
        assertThat(first.all()).doesNotContain("\tat ", S3Server.SECRET_KEY);
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.out()).containsPattern("z.csv +loaded");
        assertThat(ExactlyOnceCheck.of(files).violations(TestPostgres::connect, schema, AfterLoad.DELETE, dir, dir)).isEmpty();
        assertThat(s3.keys("slow")).allMatch(key -> key.endsWith("/"));
    }

    @Test
    void healsABurstOf503sWithoutARerun() throws Exception {
        s3.createBucket("burst");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.csv", Fixtures.bytes("reference/sample-53col.csv"));
        StringWriter big = new StringWriter();
        new LoanFileGenerator(34, 0.05).write(900, big);
        files.put("z.csv", big.toString().getBytes(StandardCharsets.UTF_8));
        files.forEach((name, bytes) -> s3.put("burst", "in/" + name, bytes));
        String schema = TestPostgres.newSchema();

        // more than the SDK's own three tries of one request: loan-etl's retries carry the files through the rest
        s3.answer503ToNextReads("burst", 8);
        Run run;
        try {
            run = load(schema, "burst");
        } finally {
            s3.answerAll();
        }

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("a.csv +loaded").containsPattern("z.csv +loaded")
                .containsPattern("tried again \\d+ times? after failures that pass");
        assertThat(s3.burstLeft()).isZero();
        assertThat(run.all()).doesNotContain("\tat ", S3Server.SECRET_KEY);
        assertThat(ExactlyOnceCheck.of(files).violations(TestPostgres::connect, schema, AfterLoad.DELETE, dir, dir)).isEmpty();
    }

    private static Run load(String schema) {
        return load(schema, "slow");
    }

    private static Run load(String schema, String bucket) {
        return Cli.run(Map.of("LOANETL_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "LOANETL_S3_SECRET_ACCESS_KEY",
                        S3Server.SECRET_KEY, "LOANETL_S3_REGION", S3Server.REGION),
                List.of("load", "s3://" + bucket + "/in", "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--db",
                        TestPostgres.superuserUrl(), "--schema", schema, "--after", "delete").toArray(String[]::new));
    }
}
