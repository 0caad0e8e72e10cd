package org.loanetl.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.rules.NullTokens;

/** The loan rules built from settings: every rule key reaches {@link LoadRules}, and a bad one names its key. */
class WiringTest {

    @TempDir
    Path dir;

    @Test
    void buildsTheSpecsRulesFromTheDefaults() {
        assertThat(Wiring.rules(Settings.resolve(null, Map.of(), Map.of()))).isEqualTo(LoadRules.defaults());
    }

    @Test
    void passesTheScoreColumnsTheNoScoreActionAndTheNullWordsToTheRules() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.CREDIT_SCORE_COLUMN, "fico_range_low, last_fico_range_low");
        flags.put(ConfigKey.WHEN_NO_CREDIT_SCORE, "skip-filter");
        flags.put(ConfigKey.NULL_VALUES, "");

        LoadRules rules = Wiring.rules(Settings.resolve(null, Map.of("LOANETL_NULL_VALUES", "NA"), flags));

        assertThat(rules.creditScoreColumns()).containsExactly("fico_range_low", "last_fico_range_low");
        assertThat(rules.whenNoCreditScore()).isEqualTo(NoCreditScore.SKIP_FILTER);
        assertThat(rules.nullTokens()).isEqualTo(NullTokens.NONE);
    }

    @Test
    void readsTheNullWordsFromTheEnvironment() {
        LoadRules rules = Wiring.rules(Settings.resolve(null, Map.of("LOANETL_NULL_VALUES", "NA,-"), Map.of()));

        assertThat(rules.nullTokens().tokens()).containsExactly("NA", "-");
    }

    @Test
    void namesTheOptionThatNamesAColumnThatHoldsNoScore() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.CREDIT_SCORE_COLUMN, "last_fico_range_low,grade");

        assertThatThrownBy(() -> Wiring.rules(Settings.resolve(null, Map.of(), flags)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("option --credit-score-column: credit-score column grade: not a known integer column");
    }

    @Test
    void namesTheKeyWhenNoScoreColumnIsLeft() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.CREDIT_SCORE_COLUMN, " , ");

        assertThatThrownBy(() -> Wiring.rules(Settings.resolve(null, Map.of(), flags)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("option --credit-score-column: no credit-score column named");
    }

    @Test
    void writesAChangedWordListIntoTheJobConfigSoThatAnEmptyOneStaysEmpty() throws IOException {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SOURCE_PATHS, List.of("s3://bucket/loans/"));
        flags.put(ConfigKey.DATABASE_URL, "jdbc:postgresql://db/loans");
        flags.put(ConfigKey.NULL_VALUES, "");
        flags.put(ConfigKey.WHEN_NO_CREDIT_SCORE, "skip-filter");
        Path file = Files.write(dir.resolve("job.yaml"), JobConfig.render(Settings.resolve(null, Map.of(), flags)));

        LoadRules onTheCluster = Wiring.rules(Settings.resolve(file, Map.of(), Map.of()));

        assertThat(onTheCluster).isEqualTo(LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER)
                .withNullTokens(NullTokens.NONE));
        assertThat(Files.readString(file)).doesNotContain("credit-score-column");
    }
}
