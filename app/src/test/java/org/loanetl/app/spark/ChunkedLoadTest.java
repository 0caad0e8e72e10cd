package org.loanetl.app.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.generate.LoanFileGenerator;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.app.testing.Parity;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * A file larger than the chunk size, loaded through the CLI in 1 MB chunks by each engine (in-process on two threads,
 * Spark {@code local[2]} with a task per chunk), holds exactly what the same folder loaded whole holds: every column of
 * every loans row with its true line, every reject, the file's ledger counts and control totals; the JSON report and
 * the console say how many chunks. The generated file has multi-line quoted {@code desc} fields, quotes and commas in
 * text, rejects and the two funding footers, so its chunk boundaries fall wherever they fall among them; the real
 * files of every family ride along, loaded whole.
 */
@ExtendWith(TestPostgresExtension.class)
class ChunkedLoadTest {

    @TempDir
    static Path dir;

    private static Path input;
    private static String whole;
    private static String local;
    private static String spark;
    private static Run localRun;
    private static Run sparkRun;

    @BeforeAll
    static void loadTheFolderWholeAndInChunksWithBothEngines() throws IOException {
        input = Files.createDirectories(dir.resolve("in"));
        try (Writer out = Files.newBufferedWriter(input.resolve("big.csv"), StandardCharsets.UTF_8)) {
            new LoanFileGenerator(19, 0.03).write(4200, out);
        }
        for (String fixture : Fixtures.csvFiles("real")) {
            Files.copy(Fixtures.path(fixture), input.resolve(Path.of(fixture).getFileName()));
        }
        whole = TestPostgres.newSchema();
        local = TestPostgres.newSchema();
        spark = TestPostgres.newSchema();
        Run wholeRun = load(whole, "--chunk-size", "0");
        assertThat(wholeRun.exitCode()).as(wholeRun.all()).isZero();
        localRun = load(local, "--chunk-size", "1MB", "--report", dir.resolve("local.json").toString());
        sparkRun = load(spark, "--chunk-size", "1MB", "--report", dir.resolve("spark.json").toString(),
                "--engine", "spark", "--spark-master", "local[2]");
    }

    @Test
    void bothEnginesLoadTheBigFileInChunksAndSaySo() throws IOException {
        assertThat(Files.size(input.resolve("big.csv"))).isGreaterThan(3L << 20);
        for (Run run : List.of(localRun, sparkRun)) {
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("big\\.csv: loaded in [4-5] chunks, each committed on its own");
        }
        for (String report : List.of("local.json", "spark.json")) {
            JsonNode files = new ObjectMapper().readTree(dir.resolve(report).toFile()).get("files");
            List<Integer> chunks = new ArrayList<>();
            files.forEach(file -> chunks.add(file.get("source").asText().endsWith("big.csv")
                    ? file.get("chunks").asInt() : -file.get("chunks").asInt()));
            assertThat(chunks).as(report).hasSize(Fixtures.csvFiles("real").size() + 1)
                    .containsOnlyOnce(chunks.stream().filter(n -> n > 0).findFirst().orElse(-1))
                    .allMatch(n -> n == 0 || n >= 4);
        }
    }

    @Test
    void loansAreEqualRowForRowInEveryColumn() throws SQLException {
        List<String> expected = Parity.rows(loans(whole));

        assertThat(expected).hasSizeGreaterThan(2500);
        assertThat(Parity.rows(loans(local))).containsExactlyElementsOf(expected);
        assertThat(Parity.rows(loans(spark))).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectsAreEqualRowForRowWithTheirLines() throws SQLException {
        List<String> expected = Parity.rows(rejects(whole));

        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(Parity.rows(rejects(local))).containsExactlyElementsOf(expected);
        assertThat(Parity.rows(rejects(spark))).containsExactlyElementsOf(expected);
    }

    @Test
    void theFilesLedgerRowsHoldTheWholeLoadsCountsAndControlTotals() throws SQLException {
        List<String> expected = Parity.rows(files(whole));

        assertThat(expected).anySatisfy(row -> assertThat(row).contains("big.csv").contains("policy_code"));
        assertThat(Parity.rows(files(local))).containsExactlyElementsOf(expected);
        assertThat(Parity.rows(files(spark))).containsExactlyElementsOf(expected);
        assertThat(Parity.rows("SELECT chunks FROM " + local + ".loaded_files WHERE source LIKE '%/big.csv'"))
                .singleElement().satisfies(n -> assertThat(Integer.parseInt(n)).isBetween(4, 5));
    }

    @Test
    void aRerunOfEitherEngineSkipsTheChunkedFile() throws SQLException {
        long before = Long.parseLong(Parity.rows("SELECT count(*) FROM " + local + ".loans").get(0));
        Run again = load(local, "--chunk-size", "1MB", "--engine", "spark", "--spark-master", "local[2]");

        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).doesNotContainPattern(" loaded +\\d");
        assertThat(Long.parseLong(Parity.rows("SELECT count(*) FROM " + local + ".loans").get(0))).isEqualTo(before);
    }

    private static Run load(String schema, String... more) {
        List<String> args = new ArrayList<>(List.of("load", input.toString(), "--db", TestPostgres.superuserUrl(),
                "--schema", schema, "--when-no-credit-score", "skip-filter", "--threads", "2"));
        args.addAll(List.of(more));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    /** Every loans row, every column, with its file's location (a chunk's without its byte range). */
    private static String loans(String schema) {
        return "SELECT (to_jsonb(l) - 'file_id' || jsonb_build_object('source', split_part(f.source, '#bytes=', 1)))"
                + "::text FROM " + schema + ".loans l JOIN " + schema + ".loaded_files f ON f.id = l.file_id"
                + " ORDER BY 1";
    }

    private static String rejects(String schema) {
        return "SELECT (to_jsonb(r) - 'id' - 'file_id' || jsonb_build_object('source', split_part(r.source, '#bytes=',"
                + " 1)))::text FROM " + schema + ".loan_rejects r ORDER BY 1";
    }

    /** The files' own ledger rows (not their chunks'): counts and control totals. */
    private static String files(String schema) {
        return "SELECT source, version, size, data_rows, loaded, charged_off, purpose_other, low_credit_score,"
                + " rejected, skipped_lines, unknown_columns::text, cleanup, control_totals::text FROM " + schema
                + ".loaded_files WHERE source NOT LIKE '%#bytes=%' ORDER BY source";
    }
}
