package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/** Two loads of the same folder into the same schema at the same time: every file is loaded, and cleaned up, once. */
@ExtendWith(TestPostgresExtension.class)
class ConcurrentRunnersTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--after {0}")
    @EnumSource(value = AfterLoad.class, names = {"KEEP", "ARCHIVE"})
    void loadsEveryFileOnceWhenTwoRunnersRaceForTheSameFolder(AfterLoad after) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            StringWriter out = new StringWriter();
            new LoanFileGenerator(900 + i, 0.03).write(800, out);
            files.put("f" + i + ".csv", out.toString().getBytes(StandardCharsets.UTF_8));
            Files.write(input.resolve("f" + i + ".csv"), files.get("f" + i + ".csv"));
        }
        String schema = TestPostgres.newSchema();
        List<String> args = List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema", schema,
                "--after", after.label(), "--archive-dir", dir.resolve("archive").toString(), "--threads", "2");

        LoanEtlProcess first = LoanEtlProcess.start(args, Map.of(), null, dir.resolve("first.txt"));
        LoanEtlProcess second = LoanEtlProcess.start(args, Map.of(), null, dir.resolve("second.txt"));

        assertThat(first.await(Duration.ofMinutes(2))).as(first.output()).isZero();
        assertThat(second.await(Duration.ofMinutes(2))).as(second.output()).isZero();
        assertThat(ExactlyOnceCheck.of(files).violations(TestPostgres::connect, schema, after, input, dir.resolve("archive")))
                .isEmpty();
    }
}
