package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.FilterReason;

class LoadRulesTest {

    @Test
    void defaultsToAllThreeFiltersAndLastFicoRangeLowOfAtLeastSevenHundred() {
        LoadRules rules = LoadRules.defaults();

        assertThat(rules.filters()).containsExactly(FilterReason.CHARGED_OFF, FilterReason.PURPOSE_OTHER,
                FilterReason.LOW_CREDIT_SCORE);
        assertThat(rules.minCreditScore()).isEqualTo(700);
        assertThat(rules.creditScoreColumns()).containsExactly("last_fico_range_low", "fico_range_low");
        assertThat(rules.whenNoCreditScore()).isEqualTo(NoCreditScore.REFUSE);
        assertThat(rules.nullTokens().tokens()).containsExactly("NA", "N/A", "NaN", "NULL", "null", "None");
        assertThat(rules.requiredColumns()).containsExactly("loan_status", "purpose");
    }

    @Test
    void keepsTheScoreColumnsInOrderNormalisedAndOnce() {
        LoadRules rules = LoadRules.defaults().withCreditScoreColumns(List.of(" FICO_Range_Low", "last_fico_range_low",
                "fico_range_low"));

        assertThat(rules.creditScoreColumns()).containsExactly("fico_range_low", "last_fico_range_low");
    }

    @Test
    void refusesAnEmptyListOfScoreColumns() {
        assertThatThrownBy(() -> LoadRules.defaults().withCreditScoreColumns(List.of()))
                .isInstanceOf(LoanEtlException.class)
                .hasMessageStartingWith("no credit-score column named");
    }

    @Test
    void requiresOnlyTheColumnsOfTheFiltersThatAreOn() {
        assertThat(LoadRules.defaults().without(FilterReason.CHARGED_OFF).requiredColumns())
                .containsExactly("purpose");
        assertThat(LoadRules.defaults().without(FilterReason.PURPOSE_OTHER).requiredColumns())
                .containsExactly("loan_status");
        assertThat(LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE).requiredColumns())
                .containsExactly("loan_status", "purpose");
        assertThat(new LoadRules(EnumSet.noneOf(FilterReason.class), 700, "fico_range_low").requiredColumns()).isEmpty();
    }

    @Test
    void switchesOffOneFilterWithoutTouchingTheOriginal() {
        LoadRules defaults = LoadRules.defaults();

        LoadRules fewer = defaults.without(FilterReason.PURPOSE_OTHER);

        assertThat(fewer.applies(FilterReason.PURPOSE_OTHER)).isFalse();
        assertThat(fewer.applies(FilterReason.CHARGED_OFF)).isTrue();
        assertThat(defaults.applies(FilterReason.PURPOSE_OTHER)).isTrue();
    }

    @Test
    void readsTheScoreFromAnotherIntegerColumnNormalisingItsName() {
        LoadRules rules = LoadRules.defaults().withCreditScoreColumn("  FICO_Range_Low ").withMinCreditScore(660);

        assertThat(rules.creditScoreColumns()).containsExactly("fico_range_low");
        assertThat(rules.minCreditScore()).isEqualTo(660);
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit_score", "grade", "int_rate", "issue_d", ""})
    void refusesAScoreColumnThatIsUnknownOrNotAnInteger(String column) {
        assertThatThrownBy(() -> LoadRules.defaults().withCreditScoreColumn(column))
                .isInstanceOf(LoanEtlException.class)
                .hasMessage("credit-score column " + (column.isEmpty() ? "\"\"" : column) + ": not a known integer column"
                        + " (for example fico_range_low, last_fico_range_low)");
    }

    @Test
    void refusesNoScoreColumnAtAll() {
        assertThatThrownBy(() -> new LoadRules(EnumSet.allOf(FilterReason.class), 700, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("creditScoreColumn");
    }

    @Test
    void keepsItsOwnCopyOfTheFilters() {
        EnumSet<FilterReason> filters = EnumSet.of(FilterReason.CHARGED_OFF);
        LoadRules rules = new LoadRules(filters, 700, "last_fico_range_low");

        filters.add(FilterReason.PURPOSE_OTHER);

        assertThat(rules.applies(FilterReason.PURPOSE_OTHER)).isFalse();
    }

    @Test
    void namesFiltersByTheirReportLabels() {
        assertThat(FilterReason.ofLabel(" Charged_Off ")).isEqualTo(FilterReason.CHARGED_OFF);
        assertThat(FilterReason.LOW_CREDIT_SCORE.label()).isEqualTo("low_credit_score");
        assertThatThrownBy(() -> FilterReason.ofLabel("fraud"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown filter \"fraud\" (known: charged_off, purpose_other, low_credit_score)");
    }
}
