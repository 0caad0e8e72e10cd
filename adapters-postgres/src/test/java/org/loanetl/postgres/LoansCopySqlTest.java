package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;

class LoansCopySqlTest {

    private static FileLayout layout(List<String> header) {
        return FileLayout.of("t.csv", header, ColumnCatalog.standard(), LoadRules.defaults());
    }

    @Test
    void namesTheFilesColumnsInTheirOrderWithLineageFirst() {
        List<String> header = new ArrayList<>(LoanCsv.COLUMNS);
        header.add("annual_inc");
        String sql = PostgresFileTransaction.loansCopySql("s1", layout(header));

        StringBuilder expected = new StringBuilder("COPY s1.loans (file_id, line");
        for (String column : header) {
            expected.append(", \"").append(column.equals("desc") ? "description" : column).append('"');
        }
        assertThat(sql).isEqualTo(expected.append(") FROM STDIN (FORMAT binary)").toString());
    }

    @Test
    void aLayoutsStatementIsWrittenOnceAndKeptPerSchema() {
        FileLayout layout = layout(LoanCsv.COLUMNS);

        String first = PostgresFileTransaction.loansCopySql("kept", layout);
        assertThat(PostgresFileTransaction.loansCopySql("kept", layout)).isSameAs(first);
        assertThat(PostgresFileTransaction.loansCopySql("other", layout))
                .isEqualTo(first.replace("COPY kept.", "COPY other."));
    }

    @Test
    void anotherLayoutGetsItsOwnColumnsNotAKeptStatement() {
        List<String> withoutDti = LoanCsv.COLUMNS.stream().filter(c -> !c.equals("dti")).toList();
        String all = PostgresFileTransaction.loansCopySql("s2", layout(LoanCsv.COLUMNS));
        String some = PostgresFileTransaction.loansCopySql("s2", layout(withoutDti));

        assertThat(all).contains("\"dti\"");
        assertThat(some).doesNotContain("\"dti\"").isEqualTo(all.replace(", \"dti\"", ""));
    }

    @Test
    void keepsNoMoreThanItsLimitAndStillAnswersRightAfterForgetting() {
        FileLayout layout = layout(LoanCsv.COLUMNS);
        String expected = PostgresFileTransaction.loansCopySql("s3", layout);
        for (int i = 0; i <= PostgresFileTransaction.COPY_SQL_KEPT; i++) {
            PostgresFileTransaction.loansCopySql("schema" + i, layout);
        }
        assertThat(PostgresFileTransaction.loansCopySql("s3", layout)).isEqualTo(expected);
    }
}
