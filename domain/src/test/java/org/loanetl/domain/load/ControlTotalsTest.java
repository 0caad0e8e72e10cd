package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.rules.ControlTotalMismatch;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.OneFileLoad;

/**
 * A funding footer is a control total: the sum of {@code funded_amnt} of the file's rows of its policy code, loaded,
 * filtered or rejected (while the two fields can be read). A mismatch warns by default and refuses the file with
 * {@code rules.control-totals: refuse}.
 */
class ControlTotalsTest {

    private static final List<String> HEADER = List.of("id", "loan_amnt", "funded_amnt", "term", "int_rate",
            "issue_d", "loan_status", "purpose", "last_fico_range_low", "policy_code");

    @ParameterizedTest
    @ValueSource(strings = {"layouts/loanstats3a.csv", "layouts/loanstatsnew.csv", "layouts/modern151.csv"})
    void footersOfWholeFilesMatchTheirRows(String fixture) {
        OneFileLoad load = OneFileLoad.of("a.csv", Fixtures.bytes(fixture));

        assertThat(load.result().controlTotals()).isNotEmpty().allSatisfy(c -> assertThat(c.matches())
                .as(c.toString()).isTrue());
        assertThat(load.result().controlTotals()).extracting(ControlTotal::policyCode).containsExactly(1, 2);
    }

    @Test
    void aTrimmedRealFileWarnsOfItsWholeQuarterFooterAndLoads() {
        OneFileLoad load = OneFileLoad.of("q.csv", Fixtures.bytes("real/loanstats-2016Q2-99col-excel-footers.csv"),
                noScoreFilter());

        assertThat(load.result().status()).isEqualTo(FileStatus.LOADED);
        ControlTotal one = load.result().controlTotals().get(0);
        assertThat(one.policyCode()).isEqualTo(1);
        assertThat(one.footer()).isEqualByComparingTo("1443412975");
        assertThat(one.matches()).isFalse();
        assertThat(one.rows()).isPositive().isLessThan(one.footer());
    }

    @Test
    void aSampleOfThe2007FileKeepsItsWholeFileFootersAndSoDoesNotMatch() {
        // 12 of LoanStats3a's 42,538 loans, re-written by pandas, with the original's footers
        OneFileLoad load = OneFileLoad.of("l.csv", Fixtures.bytes("reference/dataquest-loans2007-52col.csv"),
                noScoreFilter());

        assertThat(load.result().status()).isEqualTo(FileStatus.LOADED);
        assertThat(load.result().controlTotals()).extracting(ControlTotal::toString).containsExactly(
                "policy code 1: footer 471701350, rows " + load.result().controlTotals().get(0).rows().toPlainString()
                        + " (mismatch)",
                "policy code 2: footer 0, rows 0 (match)");
    }

    @Test
    void refusesAMismatchWhenAskedToAndCommitsNothing() {
        OneFileLoad load = OneFileLoad.of("q.csv", Fixtures.bytes("real/loanstats-2016Q2-99col-excel-footers.csv"),
                noScoreFilter().withControlTotals(ControlTotalMismatch.REFUSE));

        assertThat(load.result().status()).isEqualTo(FileStatus.REFUSED);
        assertThat(load.result().reason()).startsWith("control total does not match: policy code 1: footer 1443412975,"
                + " rows ").endsWith(" (mismatch)");
        assertThat(load.committed()).isEmpty();
    }

    @Test
    void countsFilteredAndRejectedRowsAndLeavesOutWhatCannotBeRead() {
        LoanCsv csv = LoanCsv.withHeader(HEADER.toArray(String[]::new))
                .with(row("1", "1000", "Current", "1"))
                .with(row("2", "2000.50", "Charged Off", "1"))        // filtered
                .with(row("3", "$3,000", "Current", "1").with("int_rate", "abc")) // rejected, amount readable
                .with(row("4", "oops", "Current", "1").with("int_rate", "abc"))  // rejected, amount unreadable
                .with(row("5", "700", "Current", "2"))
                .withLine("Total amount funded in policy code 1: 6000.50")
                .withLine("Total amount funded in policy code 2: 701");

        OneFileLoad load = OneFileLoad.of("a.csv", csv.bytes());

        assertThat(load.result().controlTotals()).extracting(ControlTotal::toString).containsExactly(
                "policy code 1: footer 6000.50, rows 6000.50 (match)",
                "policy code 2: footer 701, rows 700 (mismatch)");
        assertThat(load.counts().rejected()).isEqualTo(2);
        assertThat(load.counts().chargedOff()).isEqualTo(1);
    }

    @Test
    void aFileWithoutFootersHasNoControlTotals() {
        OneFileLoad load = OneFileLoad.of("a.csv", LoanCsv.withHeader(HEADER.toArray(String[]::new))
                .with(row("1", "1000", "Current", "1")).bytes());

        assertThat(load.result().controlTotals()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L, 5L})
    void aFooterOfTheRowsOwnSumAlwaysMatches(long seed) {
        Random random = new Random(seed);
        LoanCsv csv = LoanCsv.withHeader(HEADER.toArray(String[]::new));
        BigDecimal[] sums = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (int i = 1; i <= 50; i++) {
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(4_000_000), 2);
            int code = 1 + random.nextInt(2);
            sums[code - 1] = sums[code - 1].add(amount);
            String status = random.nextInt(4) == 0 ? "Charged Off" : "Fully Paid";
            csv = csv.with(row(String.valueOf(i), amount.toPlainString(), status, String.valueOf(code)));
        }
        csv = csv.withLine("\"Total amount funded in policy code 1: " + sums[0].toPlainString() + "\"")
                .withLine("Total amount funded in policy code 2: " + sums[1].toPlainString() + ",,,,");

        OneFileLoad load = OneFileLoad.of("a.csv", csv.bytes(), LoadRules.defaults()
                .withControlTotals(ControlTotalMismatch.REFUSE));

        assertThat(load.result().status()).as(load.result().reason()).isEqualTo(FileStatus.LOADED);
        assertThat(load.result().controlTotals()).allMatch(ControlTotal::matches).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(longs = {11L, 12L, 13L, 14L, 15L, 16L})
    void addsAmountsAndCodesHoweverTheyAreWritten(long seed) {
        Random random = new Random(seed);
        LoanCsv csv = LoanCsv.withHeader(HEADER.toArray(String[]::new));
        java.util.Map<Integer, BigDecimal> sums = new java.util.TreeMap<>();
        for (int i = 1; i <= 80; i++) {
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(4_000_000), random.nextInt(3));
            int code = random.nextInt(10) == 0 ? 12 : 1 + random.nextInt(2);
            String text = switch (random.nextInt(6)) {
                case 0 -> " " + amount.toPlainString() + " ";
                case 1 -> "$" + String.format(java.util.Locale.ROOT, "%,.2f", amount);
                case 2 -> amount.stripTrailingZeros().toString(); // 1E+3 and such, as R writes
                case 3 -> amount.setScale(3).toPlainString();
                default -> amount.toPlainString();
            };
            String codeText = random.nextInt(4) == 0 ? code + ".0" : random.nextInt(4) == 0 ? " " + code + " " : "" + code;
            sums.merge(code, amount, BigDecimal::add);
            csv = csv.with(row(String.valueOf(i), text, "Fully Paid", codeText));
        }
        for (var sum : sums.entrySet()) {
            csv = csv.withLine("Total amount funded in policy code " + sum.getKey() + ": " + sum.getValue().toPlainString());
        }

        OneFileLoad load = OneFileLoad.of("a.csv", csv.bytes(), LoadRules.defaults()
                .withControlTotals(ControlTotalMismatch.REFUSE));

        assertThat(load.result().status()).as(load.result().reason()).isEqualTo(FileStatus.LOADED);
        assertThat(load.result().controlTotals()).hasSize(sums.size()).allMatch(ControlTotal::matches);
    }

    private static org.loanetl.domain.testing.RawLoan row(String id, String funded, String status, String policy) {
        return aLoan().with("id", id).with("funded_amnt", funded).with("loan_status", status)
                .with("policy_code", policy);
    }

    private static LoadRules noScoreFilter() {
        return LoadRules.defaults().whenNoCreditScore(org.loanetl.domain.rules.NoCreditScore.SKIP_FILTER);
    }
}
