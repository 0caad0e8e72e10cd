package org.loanetl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.testing.Fixtures;

/**
 * {@code bin/loan-etl}, the launcher with class-data sharing: the first load writes the archive, later runs map it
 * (with {@code -Xshare:on} the JVM refuses to start unless it can), and the output and exit codes are those of
 * {@code java -jar} (run by failsafe after {@code package}).
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "loan-etl").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "loan-etl.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void writesTheArchiveOnTheFirstLoadAndMapsItOnTheNext() throws Exception {
        Path cds = dir.resolve("cds");
        String sample = Fixtures.path("reference/sample-53col.csv").toString();

        Result first = run(Map.of("LOANETL_CDS_DIR", cds.toString()), "load", sample, "--dry-run");

        assertThat(first.status).as(first.output).isZero();
        assertThat(first.output).containsPattern("sample-53col.csv +loaded +31 +10 ");
        assertThat(archives(cds)).hasSize(1);

        Result second = run(Map.of("LOANETL_CDS_DIR", cds.toString(), "JAVA_OPTS", "-Xshare:on"), "load", sample,
                "--dry-run");

        assertThat(second.status).as(second.output).isZero();
        assertThat(withoutLogTimes(second.output)).isEqualTo(withoutLogTimes(first.output));
        assertThat(archives(cds)).hasSize(1);
    }

    @Test
    void passesExitCodesThroughAndWritesNoArchiveForOtherCommands() throws Exception {
        Path cds = dir.resolve("cds");

        Result usage = run(Map.of("LOANETL_CDS_DIR", cds.toString()), "load", dir.resolve("missing").toString(),
                "--dry-run");
        Result version = run(Map.of("LOANETL_CDS_DIR", cds.toString()), "--version");

        assertThat(usage.status).as(usage.output).isEqualTo(2);
        assertThat(version.status).as(version.output).isZero();
        assertThat(version.output).startsWith("loan-etl");
        assertThat(archives(cds)).as("a failed first load still writes one").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void raisesTheOptimizingCompilersThresholdsUnlessJavaOptsSaysOtherwise() throws Exception {
        Result tuned = run(Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");
        Result overridden = run(Map.of("JAVA_OPTS", "-XX:Tier4InvocationThreshold=7000 -XX:+PrintFlagsFinal"),
                "--version");

        assertThat(tuned.status).as(tuned.output).isZero();
        assertThat(tuned.output).containsPattern("Tier4InvocationThreshold += 50000 ")
                .containsPattern("Tier4MinInvocationThreshold += 6000 ")
                .containsPattern("Tier4CompileThreshold += 150000 ");
        assertThat(overridden.output).containsPattern("Tier4InvocationThreshold += 7000 ")
                .containsPattern("Tier4CompileThreshold += 150000 ");
    }

    @Test
    void saysWhatToDoWhenTheJarIsMissing() throws Exception {
        Result missing = run(Map.of("LOANETL_JAR", dir.resolve("nope.jar").toString()), "--version");

        assertThat(missing.status).isEqualTo(2);
        assertThat(missing.output).contains("does not exist; build it first: ./mvnw -q -DskipTests package");
    }

    private record Result(int status, String output) {
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().put("LOANETL_JAR", JAR.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static String withoutLogTimes(String output) {
        return output.replaceAll("(?m)^\\d\\d:\\d\\d:\\d\\d ", "");
    }

    private static List<Path> archives(Path cds) throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.toList();
        }
    }
}
