package org.loanetl.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.testing.CanonicalValues;
import org.loanetl.domain.testing.CommittedLoad;
import org.loanetl.domain.testing.OneFileLoad;
import org.loanetl.domain.testing.RealFiles;
import org.loanetl.domain.testing.Fixtures;

/**
 * Every family of real LendingClub file people keep ({@code fixtures/real/}: Kaggle editions, R and Excel copies, the
 * c.2012 and c.2014 downloads) loads as the spec says: the counts and, for the first two loaded rows of each, every
 * catalog column's value, as an independent reading of the spec worked them out ({@link RealFiles}).
 */
class RealFilesTest {

    private static final LoadRules SKIP_MISSING_SCORE = LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER);

    static List<RealFiles.Expected> realFiles() {
        return RealFiles.expected();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realFiles")
    void loadsWithTheExpectedCountsWhenFilesWithoutAScoreSkipThatFilter(RealFiles.Expected expected) {
        OneFileLoad load = OneFileLoad.of(expected.file(), Fixtures.bytes(expected.fixture()), SKIP_MISSING_SCORE);

        assertThat(load.result().status()).as(load.result().reason()).isEqualTo(FileStatus.LOADED);
        assertThat(load.counts()).isEqualTo(expected.counts());
        assertThat(load.result().creditScoreColumn()).isEqualTo(expected.creditScoreColumn());
        assertThat(load.rejects()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realFiles")
    void underTheDefaultsRefusesOnlyTheFilesWithoutAScoreNamingBothFixes(RealFiles.Expected expected) {
        OneFileLoad load = OneFileLoad.of(expected.file(), Fixtures.bytes(expected.fixture()));

        if (expected.lacksScore()) {
            assertThat(load.result().status()).isEqualTo(FileStatus.REFUSED);
            assertThat(load.result().reason()).contains("a credit-score column (last_fico_range_low or fico_range_low)",
                    "--when-no-credit-score skip-filter", "--credit-score-column NAME").doesNotContain("\n");
            assertThat(load.committed()).isEmpty();
        } else {
            assertThat(load.counts()).isEqualTo(expected.counts());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realFiles")
    void storesEveryColumnOfTheFirstLoadedRowsAsTheSpecSays(RealFiles.Expected expected) {
        CommittedLoad committed = OneFileLoad.of(expected.file(), Fixtures.bytes(expected.fixture()), SKIP_MISSING_SCORE)
                .committed().orElseThrow();

        Map<Long, Map<String, String>> rows = RealFiles.expectedRows(expected.file());
        assertThat(committed.rows().stream().limit(rows.size()).map(LoanRow::line).toList())
                .containsExactlyElementsOf(rows.keySet());
        for (LoanRow row : committed.rows().subList(0, rows.size())) {
            assertThat(everyCatalogColumn(committed, row)).as("line " + row.line())
                    .containsExactlyInAnyOrderEntriesOf(rows.get(row.line()));
        }
    }

    /** Every catalog column of a row, by name: its value rendered, or null where the file lacks it or it is NULL. */
    private static Map<String, String> everyCatalogColumn(CommittedLoad committed, LoanRow row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Column column : ColumnCatalog.standard().columns()) {
            int index = committed.layout().indexOf(column.name());
            Object value = index < 0 ? null : row.value(index);
            values.put(column.name(), value == null ? null : CanonicalValues.render(value));
        }
        return values;
    }
}
