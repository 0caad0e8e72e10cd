package org.loanetl.domain;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.CanonicalValues;
import org.loanetl.domain.testing.CommittedLoad;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.OneFileLoad;

/** The full-width layout fixtures under {@code fixtures/layouts}, with the outcomes their README gives. */
class LayoutFixturesTest {

    private static final LoadRules NO_FILTERS = new LoadRules(EnumSet.noneOf(FilterReason.class),
            LoadRules.DEFAULT_MIN_SCORE, "last_fico_range_low");

    private static List<Object> loadedIds(OneFileLoad load) {
        CommittedLoad committed = load.committed().orElseThrow();
        int id = committed.layout().indexOf("id");
        return committed.rows().stream().map(r -> r.value(id)).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "loanstats3a.csv  | 1064687            | 1 | 0 | 1",
            "loanstatsnew.csv | 1548211 1701877    | 0 | 1 | 0",
            "modern151.csv    | 145612298 144889012 | 1 | 0 | 0"})
    void givesEachLayoutFixtureTheOutcomesItsReadmeLists(String name, String loaded, long chargedOff, long other, long low) {
        OneFileLoad load = OneFileLoad.of(name, Fixtures.bytes("layouts/" + name));

        assertThat(load.result().status()).isEqualTo(FileStatus.LOADED);
        assertThat(load.result().unknownColumns()).isEmpty();
        assertThat(loadedIds(load)).containsExactlyElementsOf(
                List.of(loaded.split(" ")).stream().map(Long::valueOf).map(Object.class::cast).toList());
        assertThat(load.counts()).isEqualTo(new LoadCounts(loaded.split(" ").length, chargedOff, other, low, 0, 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "loanstats3a.csv | total_pymnt             | 11726.36",
            "loanstats3a.csv | collection_recovery_fee | 3.33",
            "modern151.csv   | collection_recovery_fee | 169.21"})
    void roundsTheLayoutFixturesMoneyHalfUp(String name, String column, String stored) {
        CommittedLoad committed = OneFileLoad.of(name, Fixtures.bytes("layouts/" + name), NO_FILTERS).committed().orElseThrow();

        int index = committed.layout().indexOf(column);
        assertThat(committed.rows()).extracting(r -> r.value(index)).contains(new BigDecimal(stored));
    }

    @Test
    void readsTheLoanStatsNewIsoDatesKeepingTheirDayAndLiteralNull() {
        CommittedLoad committed = OneFileLoad.of("new.csv", Fixtures.bytes("layouts/loanstatsnew.csv"), NO_FILTERS)
                .committed().orElseThrow();

        int earliest = committed.layout().indexOf("earliest_cr_line");
        int next = committed.layout().indexOf("next_pymnt_d");
        // the file writes 1996-04-12 09:14, 2003-11-30 16:02, 2006-07-03 11:47: the day stays, the time goes
        assertThat(committed.rows()).extracting(r -> r.value(earliest)).containsExactly(LocalDate.of(1996, 4, 12),
                LocalDate.of(2003, 11, 30), LocalDate.of(2006, 7, 3));
        assertThat(committed.rows()).extracting(r -> r.value(next)).containsNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"layouts/loanstats3a.csv", "layouts/loanstatsnew.csv", "layouts/modern151.csv",
            "reference/sample-53col.csv", "reference/dataquest-loans2007-52col.csv"})
    void givesTheSameOutcomesWhateverTheOrderOfTheColumns(String fixture) {
        LoadRules rules = fixture.contains("dataquest") ? LoadRules.defaults().without(FilterReason.LOW_CREDIT_SCORE)
                : LoadRules.defaults();
        OneFileLoad original = OneFileLoad.of("a.csv", Fixtures.bytes(fixture), rules);

        for (long seed = 1; seed <= 3; seed++) {
            OneFileLoad shuffled = OneFileLoad.of("a.csv", shuffleColumns(fixture, new Random(seed)), rules);

            assertThat(shuffled.counts()).isEqualTo(original.counts());
            assertThat(byName(shuffled)).isEqualTo(byName(original));
        }
        assertThat(original.rows()).isNotEmpty();
    }

    /** Each loaded row as its line and stored column name to canonical value, which no column order changes. */
    private static List<Map<String, String>> byName(OneFileLoad load) {
        CommittedLoad committed = load.committed().orElseThrow();
        List<Map<String, String>> rows = new ArrayList<>();
        for (LoanRow row : committed.rows()) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("(line)", Long.toString(row.line()));
            for (int i = 0; i < row.values().length; i++) {
                values.put(committed.layout().columns().get(i).storedName(), CanonicalValues.render(row.value(i)));
            }
            rows.add(values);
        }
        return rows;
    }

    /** The fixture with its header's columns (and every row of the header's width) permuted, every field quoted. */
    private static byte[] shuffleColumns(String fixture, Random random) {
        List<List<String>> records;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(Fixtures.path(fixture), StandardCharsets.UTF_8)) {
            records = csv.stream().map(CsvRecord::getFields).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int width = records.stream().mapToInt(List::size).max().orElseThrow();
        List<Integer> order = new ArrayList<>(IntStream.range(0, width).boxed().toList());
        Collections.shuffle(order, random);
        StringBuilder out = new StringBuilder();
        for (List<String> record : records) {
            List<String> fields = record.size() == width ? order.stream().map(record::get).toList() : record;
            out.append(String.join(",", fields.stream().map(f -> "\"" + f.replace("\"", "\"\"") + "\"").toList()))
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
