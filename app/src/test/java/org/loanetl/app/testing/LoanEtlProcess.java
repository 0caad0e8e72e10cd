package org.loanetl.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.loanetl.app.Main;

/**
 * loan-etl run as a separate process (this test JVM's java and classpath, {@link Main} as main class), so a test can
 * kill it with SIGKILL or let it halt itself through {@link org.loanetl.app.wiring.Faults}, as a crash would.
 */
public final class LoanEtlProcess {

    private final Process process;
    private final Path output;

    private LoanEtlProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code loan-etl args...}.
     *
     * @param fault {@code STEP:N} for {@link org.loanetl.app.wiring.Faults}, or {@code null}
     */
    public static LoanEtlProcess start(List<String> args, Map<String, String> env, String fault, Path output)
            throws IOException {
        return start(args, env, fault, output, "512m");
    }

    /**
     * Starts {@code loan-etl args...} with at most {@code maxHeap} of heap ({@code -Xmx}), so a test can show that a
     * load fits in a bounded heap rather than in the quarter of the machine a JVM takes by default.
     *
     * @param fault {@code STEP:N} for {@link org.loanetl.app.wiring.Faults}, or {@code null}
     */
    public static LoanEtlProcess start(List<String> args, Map<String, String> env, String fault, Path output,
                                       String maxHeap) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        if (fault != null) {
            command.add("-Dloanetl.fault=" + fault);
        }
        command.add(Main.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("LOANETL_") || k.startsWith("AWS_"));
        builder.environment().putAll(env);
        return new LoanEtlProcess(builder.start(), output);
    }

    /** Kills it with SIGKILL and waits for it to be gone. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Stops it with SIGTERM, as a scheduler or Ctrl-C would (shutdown hooks run), and waits for it to be gone. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** Waits for it to end by itself. */
    public int await(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("loan-etl did not end within " + limit);
        }
        return process.exitValue();
    }

    /** Whether it is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** What it printed (stdout and stderr, logs included) to its output file so far. */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
