package org.loanetl.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.testing.LoanCsv;

/** The layouts of headers seen lately are kept; a refusal is never, so each file's refusal names that file. */
class FileLayoutTest {

    @Test
    void mapsAHeaderSeenBeforeToTheSameLayout() {
        FileLayout first = FileLayout.of("a.csv", new ArrayList<>(LoanCsv.COLUMNS), ColumnCatalog.standard(),
                LoadRules.defaults());

        FileLayout again = FileLayout.of("b.csv", new ArrayList<>(LoanCsv.COLUMNS), ColumnCatalog.standard(),
                LoadRules.defaults());

        assertThat(again).isSameAs(first);
        assertThat(again.columns()).extracting(Column::name).containsExactlyElementsOf(LoanCsv.COLUMNS);
    }

    @Test
    void mapsTheSameHeaderAgainUnderOtherRules() {
        FileLayout scored = FileLayout.of("a.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(), LoadRules.defaults());

        FileLayout unscored = FileLayout.of("a.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(),
                LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE));

        assertThat(scored.creditScoreColumn()).isEqualTo("last_fico_range_low");
        assertThat(unscored.creditScoreColumn()).isEqualTo(FileLayout.SCORE_NOT_APPLIED);
    }

    @Test
    void refusesARepeatedHeaderInTheNameOfEachFile() {
        List<String> repeated = new ArrayList<>(LoanCsv.COLUMNS);
        repeated.add("id");

        for (String file : List.of("one.csv", "two.csv")) {
            assertThatThrownBy(() -> FileLayout.of(file, repeated, ColumnCatalog.standard(), LoadRules.defaults()))
                    .isInstanceOf(FileRefusedException.class).hasMessageStartingWith(file + ": refused: header repeats column id");
        }
    }
}
