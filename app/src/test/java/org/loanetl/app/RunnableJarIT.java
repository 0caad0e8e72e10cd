package org.loanetl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.testing.Fixtures;

/**
 * The shaded {@code app/target/loan-etl.jar} runs with plain {@code java -jar}, no flags, in a process of its own,
 * and loads into its embedded PostgreSQL (run by failsafe after {@code package}).
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "loan-etl.jar");

    @TempDir
    Path dir;

    @Test
    void loadsTheOriginalSampleIntoTheEmbeddedDatabaseWithPlainJavaJar() throws Exception {
        Path home = dir.resolve("home");
        Process first = run("load", Fixtures.path("reference/sample-53col.csv").toString(), "--home", home.toString(),
                "--report", dir.resolve("r.json").toString());
        String out = output(first);

        assertThat(first.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("sample-53col.csv +loaded +31 +10 +4 +3 +14 +last_fico_range_low +0 +0 +kept");
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"status\" : \"loaded\"");
    }

    @Test
    void runsTheSparkEngineInProcessWithPlainJavaJar() throws Exception {
        Path home = dir.resolve("home");
        Process process = run("load", Fixtures.path("reference/sample-53col.csv").toString(), "--home", home.toString(),
                "--engine", "spark", "--spark-master", "local[2]");
        String out = output(process);

        // no --add-opens on the command line: the jar's Add-Opens manifest entry gives Spark what it needs
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("sample-53col.csv +loaded +31 +10 +4 +3 +14 +last_fico_range_low +0 +0 +kept");
    }

    @Test
    void printsUsageAndExitsTwoOnAnUnknownOption() throws Exception {
        Process process = run("load", "--frobnicate");
        String out = output(process);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out).contains("Unknown option: '--frobnicate'").doesNotContain("\tat ");
    }

    private Process run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String output(Process process) throws Exception {
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
