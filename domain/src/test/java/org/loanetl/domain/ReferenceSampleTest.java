package org.loanetl.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.CanonicalValues;
import org.loanetl.domain.testing.CommittedLoad;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.OneFileLoad;
import org.junit.jupiter.api.Test;

/** The spec's reference case (section 7) and the other real files under {@code fixtures/reference}. */
class ReferenceSampleTest {

    private static final String SAMPLE = "reference/sample-53col.csv";
    private static final LoadRules NO_FILTERS = new LoadRules(EnumSet.noneOf(FilterReason.class),
            LoadRules.DEFAULT_MIN_SCORE, "last_fico_range_low");

    @Test
    void keepsExactlyTheTenLoansTheSpecNames() {
        OneFileLoad load = OneFileLoad.of("sample-53col.csv", Fixtures.bytes(SAMPLE));

        List<List<String>> expected = CanonicalValues.readCsv(Fixtures.path("reference/sample-53col.expected-loans.csv"));
        assertThat(load.result().status()).isEqualTo(FileStatus.LOADED);
        assertThat(expected).hasSize(11);
        assertThat(load.rows()).hasSize(10);
        assertThat(load.rows().stream().map(row -> row.value(0).toString()))
                .containsExactlyElementsOf(expected.subList(1, 11).stream().map(fields -> fields.get(1)).toList())
                .containsExactly("1069697", "1069530", "1069469", "1068416", "1068350", "1067874", "1068232",
                        "1068405", "1067441", "1062288");
    }

    @Test
    void storesEveryValueOfTheTenLoansAsTheGoldenFileHoldsIt() {
        CommittedLoad committed = OneFileLoad.of("sample-53col.csv", Fixtures.bytes(SAMPLE)).committed().orElseThrow();

        List<List<String>> expected = CanonicalValues.readCsv(Fixtures.path("reference/sample-53col.expected-loans.csv"));
        assertThat(committed.renderedHeader()).isEqualTo(expected.get(0));
        assertThat(committed.renderedRows()).containsExactlyElementsOf(expected.subList(1, expected.size()));
    }

    @Test
    void countsEveryDataRowOnceUnderTheFirstMatchingReason() {
        LoadCounts counts = OneFileLoad.of("sample-53col.csv", Fixtures.bytes(SAMPLE)).counts();

        // By hand from the file: 4 Charged Off (one of them purpose other), 3 more with purpose other, and 14 of the
        // rest below 700 on last_fico_range_low; no notice, blank or footer lines.
        assertThat(counts).isEqualTo(new LoadCounts(10, 4, 3, 14, 0, 0));
        assertThat(counts.dataRows()).isEqualTo(31);
        assertThat(counts.loaded() + counts.filtered() + counts.rejected()).isEqualTo(counts.dataRows());
    }

    @Test
    void roundsTotalPaymentHalfUpToTwoPlaces() {
        CommittedLoad committed = OneFileLoad.of("sample-53col.csv", Fixtures.bytes(SAMPLE)).committed().orElseThrow();

        LoanRow first = committed.rows().get(0);
        assertThat(first.value(committed.layout().indexOf("id"))).isEqualTo(1069697L);
        assertThat(first.value(committed.layout().indexOf("total_pymnt"))).isEqualTo(new BigDecimal("15824.00"));
    }

    @Test
    void roundsTheCollectionRecoveryFeeOfAChargedOffLoanDown() {
        CommittedLoad committed = OneFileLoad.of("sample-53col.csv", Fixtures.bytes(SAMPLE), NO_FILTERS)
                .committed().orElseThrow();

        int id = committed.layout().indexOf("id");
        int fee = committed.layout().indexOf("collection_recovery_fee");
        LoanRow chargedOff = committed.rows().stream().filter(r -> r.value(id).equals(1069126L)).findFirst().orElseThrow();
        assertThat(committed.rows()).hasSize(31);
        assertThat(chargedOff.value(fee)).isEqualTo(new BigDecimal("152.51"));
    }

    @Test
    void refusesTheDataquestFileUnderTheDefaultRulesForLackOfTheScoreColumn() {
        OneFileLoad load = OneFileLoad.of("loans_2007.csv", Fixtures.bytes("reference/dataquest-loans2007-52col.csv"));

        assertThat(load.result().status()).isEqualTo(FileStatus.REFUSED);
        assertThat(load.result().reason()).isEqualTo("header lacks a credit-score column (last_fico_range_low or"
                + " fico_range_low); to load it anyway: --when-no-credit-score skip-filter to load it without the score"
                + " filter, or --credit-score-column NAME to name the column that holds the score");
        assertThat(load.committed()).isEmpty();
    }

    @Test
    void loadsTheDataquestFileWithoutTheScoreFilterAndFiltersThePolicyChargedOffLoan() {
        OneFileLoad load = OneFileLoad.of("loans_2007.csv", Fixtures.bytes("reference/dataquest-loans2007-52col.csv"),
                LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE));

        // 12 loans: 1077430 Charged Off and 72323 "Does not meet the credit policy. Status:Charged Off"; 1076863,
        // 1075358 and 72819 purpose other; 7 loaded. The two "Total amount funded" footers are skipped.
        assertThat(load.counts()).isEqualTo(new LoadCounts(7, 2, 3, 0, 0, 2));
        CommittedLoad committed = load.committed().orElseThrow();
        int id = committed.layout().indexOf("id");
        int memberId = committed.layout().indexOf("member_id");
        assertThat(committed.rows().stream().map(r -> r.value(id))).containsExactly(1077501L, 1077175L, 1075269L,
                1069639L, 102823L, 100134L, 99982L);
        assertThat(committed.rows().get(0).value(memberId)).isEqualTo(1296599L);
    }

    @Test
    void refusesTheExcelSubsetThatHasNeitherPurposeNorAScore() {
        OneFileLoad load = OneFileLoad.of("LoanStats_2018Q4.csv", Fixtures.bytes("reference/excel-2018Q4-subset-16col.csv"));

        assertThat(load.result().status()).isEqualTo(FileStatus.REFUSED);
        assertThat(load.result().reason()).startsWith("header lacks column purpose, a credit-score column"
                + " (last_fico_range_low or fico_range_low); to load it anyway: --no-filter purpose_other;"
                + " --when-no-credit-score skip-filter");
    }

    @Test
    void readsTheExcelSubsetsTwoDigitYearMonthsWhenOnlyTheStatusFilterIsOn() {
        LoadRules statusOnly = LoadRules.defaults().without(FilterReason.PURPOSE_OTHER)
                .without(FilterReason.LOW_CREDIT_SCORE);
        OneFileLoad load = OneFileLoad.of("LoanStats_2018Q4.csv", Fixtures.bytes("reference/excel-2018Q4-subset-16col.csv"),
                statusOnly);

        CommittedLoad committed = load.committed().orElseThrow();
        int issued = committed.layout().indexOf("issue_d");
        assertThat(load.counts().rejected()).isZero();
        assertThat(load.counts().dataRows()).isEqualTo(8);
        assertThat(committed.rows()).allSatisfy(r -> assertThat(r.value(issued)).hasToString("2018-12-01"));
    }
}
