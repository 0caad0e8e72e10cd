package org.loanetl.domain.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loanetl.domain.testing.Fixtures;

class ColumnCatalogTest {

    private static final ColumnCatalog CATALOG = ColumnCatalog.standard();
    private static final Set<String> CSV_SOURCES = Set.of("dict151", "dict78", "dict60", "piq53", "dq52", "x2018q4");

    @Test
    void holdsThisManyColumnsOfEachKind() {
        Map<ColumnKind, Long> perKind = CATALOG.columns().stream().collect(groupingBy(Column::kind, counting()));

        assertThat(perKind).containsExactlyInAnyOrderEntriesOf(Map.of(ColumnKind.MONEY, 37L, ColumnKind.RATIO, 10L,
                ColumnKind.PERCENT, 4L, ColumnKind.INTEGER, 73L, ColumnKind.MONTH, 17L, ColumnKind.TERM, 1L,
                ColumnKind.TEXT, 32L));
        assertThat(CATALOG.columns()).hasSize(174);
    }

    @Test
    void knowsEveryColumnNameOfTheDictionariesAndSampleFiles() throws IOException {
        List<String> names = Files.readAllLines(Fixtures.path("catalog/columns.tsv"), UTF_8).stream().skip(1)
                .map(line -> line.split("\t", -1))
                .filter(fields -> Arrays.stream(fields[1].split(",")).anyMatch(CSV_SOURCES::contains))
                .map(fields -> fields[0])
                .toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(151);
        assertThat(names).allSatisfy(name -> assertThat(CATALOG.find(name)).as(name).isPresent());
    }

    @Test
    void leavesOutTheCamelCaseNamesOfTheNotesApi() {
        assertThat(CATALOG.find("acceptD")).isEmpty();
        assertThat(CATALOG.find("accNowDelinq")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "money, loan_amnt funded_amnt funded_amnt_inv installment annual_inc revol_bal out_prncp out_prncp_inv total_pymnt"
                    + " total_pymnt_inv total_rec_prncp total_rec_int total_rec_late_fee recoveries collection_recovery_fee"
                    + " last_pymnt_amnt tot_cur_bal avg_cur_bal settlement_amount hardship_amount",
            "ratio, dti dti_joint bc_util il_util all_util pct_tl_nvr_dlq percent_bc_gt_75 settlement_percentage",
            "percent, int_rate revol_util sec_app_revol_util",
            "integer, id member_id fico_range_low fico_range_high last_fico_range_low last_fico_range_high delinq_2yrs"
                    + " inq_last_6mths open_acc pub_rec total_acc mths_since_last_delinq mths_since_last_record"
                    + " num_actv_bc_tl num_sats policy_code",
            "month, issue_d earliest_cr_line last_pymnt_d next_pymnt_d last_credit_pull_d hardship_start_date"
                    + " hardship_end_date payment_plan_start_date settlement_date",
            "term, term",
            "text, grade emp_length home_ownership loan_status purpose title zip_code desc emp_title"})
    void givesTheSpecsExampleColumnsTheirKind(String kind, String columns) {
        for (String name : columns.split(" ")) {
            assertThat(CATALOG.find(name)).as(name).get().extracting(Column::kind)
                    .isEqualTo(ColumnKind.valueOf(kind.toUpperCase()));
        }
    }

    @Test
    void findsAColumnTrimmedAndInAnyCase() {
        assertThat(CATALOG.find("  Int_Rate\t")).get().extracting(Column::name).isEqualTo("int_rate");
        assertThat(CATALOG.find("interest_rate")).isEmpty();
        assertThat(CATALOG.find("")).isEmpty();
    }

    @Test
    void storesOnlyDescUnderAnotherName() {
        assertThat(CATALOG.columns()).filteredOn(c -> !c.name().equals(c.storedName()))
                .containsExactly(new Column("desc", "description", ColumnKind.TEXT));
    }

    @Test
    void namesEveryColumnInLowerCaseWithoutSpaces() {
        assertThat(CATALOG.columns()).allSatisfy(c -> assertThat(c.name()).matches("[a-z0-9_]+"));
    }

    @ParameterizedTest
    @CsvSource({"piq53, reference/sample-53col.csv, 0", "loanstats3a, layouts/loanstats3a.csv, 1",
            "loanstatsnew, layouts/loanstatsnew.csv, 1", "modern151, layouts/modern151.csv, 1"})
    void tagsEachLayoutWithItsFixturesColumns(String tag, String fixture, int headerLine) throws IOException {
        String header = Files.readAllLines(Fixtures.path(fixture), UTF_8).get(headerLine).replace("\"", "");

        assertThat(CATALOG.layout(tag)).containsExactlyInAnyOrder(header.split(","));
    }

    @Test
    void hasNoLayoutForATagItDoesNotKnow() {
        assertThat(CATALOG.layout("loanstats2099")).isEmpty();
    }
}
