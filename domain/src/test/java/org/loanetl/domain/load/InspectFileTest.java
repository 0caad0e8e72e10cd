package org.loanetl.domain.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.OneFileLoad;

class InspectFileTest {

    private static Inspection inspect(String content, LoadRules rules) {
        return new InspectFile(rules, 3, 0).inspect("f.csv", new ByteArrayInputStream(content.getBytes(UTF_8)));
    }

    private static Inspection inspectFixture(String fixture, LoadRules rules) {
        return new InspectFile(rules, 5, 0).inspect(fixture, new ByteArrayInputStream(Fixtures.bytes(fixture)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "real/kaggle-2015-74col.csv                    | kaggle74",
            "real/kaggle-2015-74col-r-write-csv.csv        | kaggle74",
            "real/kaggle-2018-145col-no-ids.csv            | kaggle145",
            "real/kaggle-accepted-151col.csv               | modern151",
            "real/loanstats-2016Q2-99col-excel-footers.csv | quarterly",
            "real/readable-2012-41col-notice.csv           | readable2012",
            "real/securev1-2014-96col-notice.csv           | securev1",
            "layouts/loanstats3a.csv                       | loanstats3a",
            "layouts/loanstatsnew.csv                      | loanstatsnew",
            "reference/sample-53col.csv                    | piq53"})
    void recognisesTheFamilyOfEveryFixture(String fixture, String family) {
        Inspection inspection = inspectFixture(fixture, LoadRules.defaults());

        assertThat(inspection.layout().recognised()).isTrue();
        assertThat(inspection.layout().closest().tag()).isEqualTo(family);
    }

    @Test
    void explainsAReadableFileColumnByColumn() {
        Inspection inspection = inspectFixture("real/readable-2012-41col-notice.csv", LoadRules.defaults());

        assertThat(inspection.refusal()).isNull();
        assertThat(inspection.headerLine()).isEqualTo(2);
        assertThat(inspection.creditScoreColumn()).isEqualTo("fico_range_low");
        assertThat(inspection.header()).hasSize(41);
        Inspection.HeaderColumn fico = inspection.header().stream().filter(c -> c.name().equals("FICO Range"))
                .findFirst().orElseThrow();
        assertThat(fico.columns()).extracting(Column::name).containsExactly("fico_range_low", "fico_range_high");
        assertThat(inspection.header().get(0).note()).isEqualTo("readable name");
        assertThat(inspection.header().stream().filter(c -> c.note().equals("unknown, ignored")).map(c -> c.name()))
                .containsExactly("Screen Name", "Monthly Income", "Education", "Code");
    }

    @Test
    void countsAsALoadWouldAndSeesTheNullWordsOfAnRFile() {
        LoadRules rules = LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER);
        Inspection inspection = inspectFixture("real/kaggle-2015-74col-r-write-csv.csv", rules);

        OneFileLoad load = OneFileLoad.of("r.csv", Fixtures.bytes("real/kaggle-2015-74col-r-write-csv.csv"), rules);
        assertThat(inspection.counts()).isEqualTo(load.counts());
        assertThat(inspection.creditScoreColumn()).isEqualTo("not applied");
        assertThat(inspection.nullWords()).containsOnlyKeys("NA");
        assertThat(inspection.nullWords().get("NA")).isEqualTo(4349L);
        assertThat(inspection.complete()).isTrue();
        assertThat(inspection.rowsRead()).isEqualTo(200);
    }

    @Test
    void saysWhyALoadWouldRefuseAndStillMapsTheHeader() {
        Inspection inspection = inspectFixture("real/kaggle-2015-74col.csv", LoadRules.defaults());

        assertThat(inspection.refusal()).startsWith("header lacks a credit-score column");
        assertThat(inspection.creditScoreColumn()).isNull();
        assertThat(inspection.header()).hasSize(74);
        assertThat(inspection.counts().dataRows()).isEqualTo(100);
        // counted as it would load with the fix named: the score filter skipped, the others on
        assertThat(inspection.counts()).isEqualTo(new LoadCounts(87, 7, 6, 0, 0, 0));
    }

    @Test
    void keepsTheFirstRejectsWithTheirLinesAndReasons() {
        Inspection inspection = inspect("id,loan_status,purpose,fico_range_low,loan_amnt\n"
                + "1,Current,car,720,abc\n2,Current,car,720,100\n3,Current,car,720,x\n4,Current,car,720,y\n"
                + "5,Current,car,720,z\n6,Current\n", LoadRules.defaults());

        assertThat(inspection.rejects()).hasSize(3);
        assertThat(inspection.rejects().get(0).line()).isEqualTo(2);
        assertThat(inspection.rejects().get(0).reason()).isEqualTo("loan_amnt: not an amount: \"abc\"");
        assertThat(inspection.rejects().get(0).rawText()).isEqualTo("1,Current,car,720,abc");
        assertThat(inspection.counts()).isEqualTo(new LoadCounts(1, 0, 0, 0, 5, 0));
    }

    @Test
    void stopsAtTheRowLimitAndSaysSo() {
        Inspection inspection = new InspectFile(LoadRules.defaults(), 3, 2).inspect("f.csv", new ByteArrayInputStream(
                "loan_status,purpose,fico_range_low\nCurrent,car,720\nCurrent,car,720\nCurrent,car,720\n".getBytes(UTF_8)));

        assertThat(inspection.rowsRead()).isEqualTo(2);
        assertThat(inspection.complete()).isFalse();
    }

    @Test
    void saysWhenNoHeaderIsFound() {
        Inspection inspection = inspect("a,b,c\n1,2,3\n", LoadRules.defaults());

        assertThat(inspection.refusal()).startsWith("no header line with LendingClub column names");
        assertThat(inspection.layout()).isNull();
        assertThat(inspection.nullWords()).isEqualTo(Map.of());
    }

    @Test
    void notesTheRowNumbersOfRAndATrailingDelimiter() {
        Inspection inspection = inspect("\"\",\"loan_status\",\"purpose\",\"fico_range_low\",\n\"1\",\"Current\",\"car\",720,\n",
                LoadRules.defaults());

        assertThat(inspection.header().get(0).note()).isEqualTo("no name (row numbers, as R writes them), ignored");
        assertThat(inspection.header().get(4).note()).isEqualTo("trailing delimiter, ignored");
        assertThat(inspection.counts().loaded()).isEqualTo(1);
    }
}
