package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.app.testing.LoanEtlProcess;
import org.loanetl.app.wiring.Faults;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * {@code loan-etl rejects replay} and {@code rejects --summary} on a real file whose values hold R's {@code NA}: loaded
 * with an empty null-word list (the rows with {@code NA} in a number column reject), then replayed under the default
 * configuration, the tables are those a direct load under the default configuration gives, row for row; also after a
 * replay killed mid-way and run again.
 */
@ExtendWith(TestPostgresExtension.class)
class RejectsReplayCommandTest {

    private static final String FIXTURE = "real/kaggle-2015-74col-r-write-csv.csv";
    /** The fixture has no credit-score column. */
    private static final List<String> RULES = List.of("--when-no-credit-score", "skip-filter", "--current-table");

    @TempDir
    static Path dir;
    private static Path input;
    /** The fixture loaded directly under the default configuration: what every replay must arrive at. */
    private static String direct;

    @BeforeAll
    static void loadTheFixtureDirectly() throws Exception {
        input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Fixtures.path(FIXTURE), input.resolve("r.csv"));
        direct = TestPostgres.newSchema();
        Run run = cli("load", input.toString(), "--schema", direct);
        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    private static Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", TestPostgres.superuserUrl()));
        if (args[0].equals("load") || args[1].equals("replay")) {
            all.addAll(RULES);
        }
        return Cli.run(all.toArray(String[]::new));
    }

    /** A schema with the fixture loaded under an empty null-word list: rows with NA in a number column reject. */
    private static String loadedWithoutNullWords() throws Exception {
        String schema = TestPostgres.newSchema();
        Run run = cli("load", input.toString(), "--schema", schema, "--null-values", "");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(rejects(schema)).isGreaterThan(50);
        return schema;
    }

    private static long rejects(String schema) throws Exception {
        return Long.parseLong(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".loan_rejects").get(0).get(0));
    }

    @Test
    void replayUnderTheDefaultsGivesTheTablesADirectLoadGives() throws Exception {
        String schema = loadedWithoutNullWords();

        Run run = cli("rejects", "replay", "--schema", schema);

        assertThat(run.exitCode()).as(run.all()).isZero();
        // as the direct load: 154 loaded, 39 charged off, 7 purpose other
        assertThat(run.out()).contains("r.csv: 154 moved to loans, 46 filtered (charged_off 39, purpose_other 7),"
                + " 0 still rejected", "Total: 154 moved to loans, 46 filtered (charged_off 39, purpose_other 7),"
                + " 0 still rejected, in 1 file.");
        assertSameAsDirect(schema);
        assertThat(LoadCommandTest.query("SELECT count(*), sum(moved), sum(still_rejected) FROM " + schema
                + ".replays")).singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("1"));

        Run again = cli("rejects", "replay", "--schema", schema);
        assertThat(again.out()).contains("Total: 0 moved to loans, 0 filtered, 0 still rejected, in 0 files.");
        assertSameAsDirect(schema);
    }

    @Test
    void replaysTheRejectsOfAFileTheSparkEngineLoaded() throws Exception {
        String schema = TestPostgres.newSchema();
        Run load = cli("load", input.toString(), "--schema", schema, "--null-values", "", "--engine", "spark",
                "--spark-master", "local[2]");
        assertThat(load.exitCode()).as(load.all()).isZero();
        assertThat(rejects(schema)).isEqualTo(200);

        Run run = cli("rejects", "replay", "--schema", schema);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Total: 154 moved to loans, 46 filtered (charged_off 39, purpose_other 7),"
                + " 0 still rejected, in 1 file.");
        assertSameAsDirect(schema);
    }

    @Test
    void aReplayKilledMidwayAndRunAgainGivesTheSame() throws Exception {
        Random random = new Random(18);
        for (int trial = 0; trial < 3; trial++) {
            String schema = loadedWithoutNullWords();
            long rows = rejects(schema);
            long at = 1 + random.nextInt((int) rows);
            List<String> args = new ArrayList<>(List.of("rejects", "replay", "--db", TestPostgres.superuserUrl(),
                    "--schema", schema));
            args.addAll(RULES);
            LoanEtlProcess killed = LoanEtlProcess.start(args, Map.of(), "replay:" + at, dir.resolve("killed-" + trial + ".log"));

            assertThat(killed.await(Duration.ofMinutes(2))).as(killed.output()).isEqualTo(Faults.HALT_STATUS);
            assertThat(rejects(schema)).as("nothing of a killed replay is visible").isEqualTo(rows);
            assertThat(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".replays"))
                    .containsExactly(List.of("0"));
            Run rerun = cli("rejects", "replay", "--schema", schema);
            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertSameAsDirect(schema);
        }
    }

    @Test
    void aReplayKilledWithSigkillAtARandomMomentAndRunAgainGivesTheSame() throws Exception {
        Random random = new Random(1818);
        for (int trial = 0; trial < 3; trial++) {
            String schema = loadedWithoutNullWords();
            List<String> args = new ArrayList<>(List.of("rejects", "replay", "--db", TestPostgres.superuserUrl(),
                    "--schema", schema));
            args.addAll(RULES);
            LoanEtlProcess replay = LoanEtlProcess.start(args, Map.of(), null, dir.resolve("sigkill-" + trial + ".log"));
            Thread.sleep(200 + random.nextInt(1500));
            replay.kill();
            // all or nothing: either untouched or replayed whole, never in between
            assertThat(rejects(schema)).isIn(0L, 200L);

            Run rerun = cli("rejects", "replay", "--schema", schema);
            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertSameAsDirect(schema);
            assertThat(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".replays WHERE moved > 0"))
                    .containsExactly(List.of("1"));
        }
    }

    @Test
    void aDryRunClassifiesAndWritesNothing() throws Exception {
        String schema = loadedWithoutNullWords();
        long rows = rejects(schema);

        Run run = cli("rejects", "replay", "--schema", schema, "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("Dry run: nothing was written.")
                .contains("Total: 154 would move to loans, 46 filtered (charged_off 39, purpose_other 7), 0 still"
                        + " rejected, in 1 file (dry run).");
        assertThat(rejects(schema)).isEqualTo(rows);
        assertThat(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".replays")).containsExactly(List.of("0"));
    }

    @Test
    void replaysOnlyTheRejectsWhoseReasonMatchesAndKeepsTheRestWithTheirReason() throws Exception {
        String schema = loadedWithoutNullWords();
        List<List<String>> byReason = LoadCommandTest.query("SELECT reason, count(*) FROM " + schema
                + ".loan_rejects GROUP BY reason ORDER BY count(*) DESC, reason LIMIT 1");
        String reason = byReason.get(0).get(0);
        long rejectsBefore = rejects(schema);

        Run run = cli("rejects", "replay", "--schema", schema, "--reason", reason.replace("%", "\\%")
                .replace("_", "\\_"), "--file", "r.csv");

        assertThat(run.exitCode()).as(run.all()).isZero();
        var total = java.util.regex.Pattern.compile("Total: (\\d+) moved to loans, (\\d+) filtered.*, 0 still rejected")
                .matcher(run.out());
        assertThat(total.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(total.group(1)) + Long.parseLong(total.group(2)))
                .isEqualTo(Long.parseLong(byReason.get(0).get(1)));
        assertThat(rejects(schema)).isEqualTo(rejectsBefore - Long.parseLong(byReason.get(0).get(1)));
        assertThat(LoadCommandTest.query("SELECT count(*) FROM " + schema + ".loan_rejects WHERE reason = '"
                + reason.replace("'", "''") + "'")).containsExactly(List.of("0"));
        assertThat(LoadCommandTest.query("SELECT data_rows = loaded + charged_off + purpose_other + low_credit_score"
                + " + rejected FROM " + schema + ".loaded_files")).containsExactly(List.of("t"));
    }

    @Test
    void saysAFileWithoutAStoredHeaderCannotBeReplayedAndLeavesItsRejects() throws Exception {
        String schema = loadedWithoutNullWords();
        long rows = rejects(schema);
        TestPostgres.execute("UPDATE " + schema + ".loaded_files SET header = NULL");

        Run run = cli("rejects", "replay", "--schema", schema);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("r.csv: its header was not kept (loaded before loan-etl kept headers), so its "
                + rows + " rejects cannot be replayed; they stay as they are")
                .contains("Total: 0 moved to loans, 0 filtered, 0 still rejected, in 1 file (1 left as they were).");
        assertThat(rejects(schema)).isEqualTo(rows);
    }

    @Test
    void summaryCountsTheRejectsByFileAndReason() throws Exception {
        String schema = loadedWithoutNullWords();
        long rows = rejects(schema);

        Run run = cli("rejects", "--summary", "--schema", schema);

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("file +reason +rejects");
        assertThat(lines.get(1)).matches("-+  -+  -+");
        assertThat(lines.subList(2, lines.size() - 1)).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("file:\\S*/r\\.csv +\\S.*: not an? [a-z ]+ +\\d+"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(rows + " rejects");
        assertThat(run.out()).doesNotContain("\"NA\"");
    }

    /** {@code loans}, {@code loan_rejects}, the ledger's counts and {@code loan_latest} are those of the direct load. */
    private static void assertSameAsDirect(String schema) throws Exception {
        for (String table : List.of("loans", "loan_latest")) {
            String columns = String.join(", ", LoadCommandTest.query("SELECT quote_ident(column_name) FROM"
                    + " information_schema.columns WHERE table_schema = '" + schema + "' AND table_name = '" + table
                    + "' AND column_name <> 'file_id' ORDER BY ordinal_position").stream().map(r -> r.get(0)).toList());
            assertThat(columns).contains("line", "loan_amnt");
            for (String[] pair : List.of(new String[] {schema, direct}, new String[] {direct, schema})) {
                assertThat(LoadCommandTest.query("SELECT " + columns + " FROM " + pair[0] + "." + table + " EXCEPT ALL"
                        + " SELECT " + columns + " FROM " + pair[1] + "." + table)).as(table + " of " + pair[0]
                        + " not in " + pair[1]).isEmpty();
            }
        }
        String rejects = "SELECT line, reason, raw_text FROM %s.loan_rejects ORDER BY line";
        assertThat(LoadCommandTest.query(rejects.formatted(schema)))
                .isEqualTo(LoadCommandTest.query(rejects.formatted(direct)));
        String ledger = "SELECT data_rows, loaded, charged_off, purpose_other, low_credit_score, rejected,"
                + " skipped_lines, array_to_string(header, ',') FROM %s.loaded_files";
        assertThat(LoadCommandTest.query(ledger.formatted(schema)))
                .isEqualTo(LoadCommandTest.query(ledger.formatted(direct)));
    }
}
