package org.loanetl.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.domain.model.AfterLoad;

/**
 * PostgreSQL stopped in the middle of a load. Within {@code retry.database-outage} the run waits for it and ends as if
 * nothing happened: exit 0, every file exactly once, no rerun. Past it (here: 0, no waiting), loan-etl says so in one
 * clear line per file it was loading, exits 1, commits no partial file and starts no further file; once the server is
 * back, the rerun is exact.
 */
class LostDatabaseTest {

    /** Enough rows that loading one file takes several times as long as stopping the server. */
    private static final int ROWS_PER_FILE = 40_000;

    @TempDir
    Path dir;

    @Test
    void failsCleanlyWhenTheDatabaseStopsMidLoadAndTheRerunIsExact() throws Exception {
        Path data = dir.resolve("pgdata");
        int port = freePort();
        Path input = Files.createDirectories(dir.resolve("in"));
        Map<String, byte[]> files = bigFiles(input, 500);
        List<String> args = List.of("load", input.toString(), "--db", "jdbc:postgresql://127.0.0.1:" + port
                + "/postgres?user=postgres", "--schema", "lost", "--after", "delete", "--threads", "1",
                "--wait-for-database", "0");
        Path output = dir.resolve("output.txt");

        try (EmbeddedPostgres server = start(data, port)) {
            LoanEtlProcess run = LoanEtlProcess.start(args, Map.of(), null, output);
            waitForTheFirstFileToBeDeleted(input, run);
            server.close();
            assertThat(run.await(Duration.ofMinutes(2))).as(Files.readString(output)).isEqualTo(1);
        }
        String firstOutput = Files.readString(output);
        assertThat(firstOutput).containsPattern("big-\\d\\.csv: failed: .*(server unreachable|server shut down|connection)")
                .doesNotContain("\tat ", "Exception in thread");
        long filesLeft;
        try (var left = Files.list(input)) {
            filesLeft = left.count();
        }
        assertThat(filesLeft).as("files committed and deleted before the server stopped").isBetween(1L, 3L);

        try (EmbeddedPostgres server = start(data, port)) {
            assertThat(LoanEtlProcess.start(args, Map.of(), null, output).await(Duration.ofMinutes(2)))
                    .as(Files.readString(output)).isZero();
            List<String> violations = ExactlyOnceCheck.of(files).violations(() -> server.getPostgresDatabase().getConnection(), "lost",
                    AfterLoad.DELETE, input, dir.resolve("no-archive"));
            assertThat(violations).isEmpty();
        }
    }

    @Test
    void waitsForADatabaseStoppedForFifteenSecondsAndLoadsEveryFileOnceWithoutARerun() throws Exception {
        Path data = dir.resolve("pgdata");
        int port = freePort();
        Path input = Files.createDirectories(dir.resolve("in"));
        Map<String, byte[]> files = bigFiles(input, 600);
        List<String> args = List.of("load", input.toString(), "--db", "jdbc:postgresql://127.0.0.1:" + port
                + "/postgres?user=postgres", "--schema", "healed", "--after", "delete", "--threads", "2",
                "--report", dir.resolve("report.json").toString());
        Path output = dir.resolve("output.txt");

        start(data, port).close(); // the database exists before the run, as a scheduled run finds it
        EmbeddedPostgres server = start(data, port);
        try {
            LoanEtlProcess run = LoanEtlProcess.start(args, Map.of(), null, output);
            waitForTheFirstFileToBeDeleted(input, run);
            server.close();
            Thread.sleep(Duration.ofSeconds(15).toMillis());
            server = start(data, port);
            assertThat(run.await(Duration.ofMinutes(3))).as(Files.readString(output)).isZero();
            String said = Files.readString(output);
            assertThat(said).containsPattern("tried again \\d+ times? after failures that pass")
                    .doesNotContain("\tat ", "failed:");
            assertThat(Files.readString(dir.resolve("report.json"))).containsPattern("\"retries\" : [1-9]");
            EmbeddedPostgres up = server;
            List<String> violations = ExactlyOnceCheck.of(files).violations(() -> up.getPostgresDatabase().getConnection(),
                    "healed", AfterLoad.DELETE, input, dir.resolve("no-archive"));
            assertThat(violations).isEmpty();
        } finally {
            server.close();
        }
    }

    /**
     * Stops waiting the moment the first file is committed and deleted: the next file is then being loaded (each file
     * is large enough to take far longer than the server takes to stop), so the stop lands mid-load, not after it.
     */
    private static void waitForTheFirstFileToBeDeleted(Path input, LoanEtlProcess run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline && run.alive()) {
            try (var left = Files.list(input)) {
                if (left.count() < 4) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no file committed and deleted in time: " + run.output());
    }

    /** Four generated files big enough that each takes far longer to load than the server takes to stop. */
    private static Map<String, byte[]> bigFiles(Path input, int seeds) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            StringWriter out = new StringWriter();
            new LoanFileGenerator(seeds + i, 0.02).write(ROWS_PER_FILE, out);
            files.put("big-" + i + ".csv", out.toString().getBytes(StandardCharsets.UTF_8));
            Files.write(input.resolve("big-" + i + ".csv"), files.get("big-" + i + ".csv"));
        }
        return files;
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "off").start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
