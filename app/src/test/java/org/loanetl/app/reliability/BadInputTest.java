package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.app.cli.ExitCode;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * Seeded mutations of the real fixtures (byte flips, truncation, stray quotes, huge fields, binary junk, a header-only
 * file, an empty file) loaded for real: never a crash or a stack trace; for every file data rows = loaded + filtered
 * + rejected; refused files stay where they were while the loaded ones are deleted. {@code -Dloanetl.fuzz.seeds=N}
 * runs more seeds than CI's.
 */
@ExtendWith(TestPostgresExtension.class)
class BadInputTest {

    private static final int SEEDS = Integer.getInteger("loanetl.fuzz.seeds", 6);
    private static final List<String> FIXTURES = List.of("reference/sample-53col.csv", "layouts/loanstats3a.csv",
            "layouts/loanstatsnew.csv", "layouts/modern151.csv");

    @TempDir
    Path dir;

    static Stream<Arguments> seeds() {
        return new SplittableRandom(8).longs(SEEDS, 1, Long.MAX_VALUE).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void loadsMutatedFilesWithoutCrashingAndAccountsForEveryRow(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path input = Files.createDirectories(dir.resolve("in"));
        List<Path> written = new ArrayList<>();
        int n = 0;
        for (String fixture : FIXTURES) {
            byte[] original = Files.readAllBytes(Fixtures.path(fixture));
            for (Mutation mutation : Mutation.values()) {
                Path file = input.resolve(String.format("m%02d-%s.csv", n++, mutation.name().toLowerCase()));
                Files.write(file, mutation.apply(original, random));
                written.add(file);
            }
        }
        Files.write(input.resolve("empty.csv"), new byte[0]);
        Files.writeString(input.resolve("header-only.csv"), "id,loan_status,purpose,last_fico_range_low\n");
        Path report = dir.resolve("report.json");

        Run run = Cli.run("load", input.toString(), "--db", TestPostgres.superuserUrl(), "--schema", TestPostgres.newSchema(),
                "--after", "delete", "--report", report.toString());

        assertThat(run.exitCode()).as(run.all()).isIn(ExitCode.OK, ExitCode.REFUSED);
        assertThat(run.all()).doesNotContain("\tat ", "Exception:", "unexpected error");
        JsonNode files = new ObjectMapper().readTree(report.toFile()).get("files");
        assertThat(files).hasSize(written.size() + 2);
        for (JsonNode file : files) {
            String name = file.get("source").asText().replaceAll(".*/", "");
            String status = file.get("status").asText();
            JsonNode filtered = file.get("filtered");
            long sum = file.get("loaded").asLong() + file.get("rejected").asLong() + filtered.get("charged_off").asLong()
                    + filtered.get("purpose_other").asLong() + filtered.get("low_credit_score").asLong();
            assertThat(file.get("data_rows").asLong()).as(name).isEqualTo(sum);
            assertThat(status).as(name + ": " + file.get("reason")).isIn("loaded", "refused");
            assertThat(Files.exists(input.resolve(name))).as(name + " " + status).isEqualTo(status.equals("refused"));
        }
    }

    /** Ways to damage a file, each seeded. */
    enum Mutation {
        BYTE_FLIPS {
            @Override
            byte[] apply(byte[] in, SplittableRandom r) {
                byte[] out = in.clone();
                for (int i = 0; i < 1 + in.length / 400; i++) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
                return out;
            }
        },
        TRUNCATION {
            @Override
            byte[] apply(byte[] in, SplittableRandom r) {
                return java.util.Arrays.copyOf(in, r.nextInt(1, in.length));
            }
        },
        STRAY_QUOTES {
            @Override
            byte[] apply(byte[] in, SplittableRandom r) {
                return insert(in, r, "\"".getBytes(), 1 + r.nextInt(3));
            }
        },
        HUGE_FIELD {
            @Override
            byte[] apply(byte[] in, SplittableRandom r) {
                return insert(in, r, "9".repeat(200_000).getBytes(), 1);
            }
        },
        BINARY_JUNK {
            @Override
            byte[] apply(byte[] in, SplittableRandom r) {
                byte[] junk = new byte[64];
                r.nextBytes(junk);
                return insert(in, r, junk, 1);
            }
        },
        EXTRA_COMMAS {
            @Override
            byte[] apply(byte[] in, SplittableRandom r) {
                return insert(in, r, ",,".getBytes(), 3);
            }
        };

        abstract byte[] apply(byte[] in, SplittableRandom r);

        static byte[] insert(byte[] in, SplittableRandom r, byte[] what, int times) {
            byte[] out = in;
            for (int t = 0; t < times; t++) {
                int at = r.nextInt(out.length);
                byte[] next = new byte[out.length + what.length];
                System.arraycopy(out, 0, next, 0, at);
                System.arraycopy(what, 0, next, at, what.length);
                System.arraycopy(out, at, next, at + what.length, out.length - at);
                out = next;
            }
            return out;
        }
    }
}
