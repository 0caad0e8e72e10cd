package org.loanetl.app.config;

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

/** Precedence flag &gt; environment &gt; file &gt; default, and errors that name the key. */
class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void takesTheDefaultWhenNothingElseSetsAKey() {
        Settings settings = Settings.resolve(null, Map.of(), Map.of());

        assertThat(settings.integer(ConfigKey.MIN_CREDIT_SCORE)).isEqualTo(700);
        assertThat(settings.origin(ConfigKey.MIN_CREDIT_SCORE)).isEqualTo("default of filters.min-credit-score");
    }

    @Test
    void passesTheFilesSparkSectionThroughWithConfFlagsOverIt() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "spark:\n  master: yarn\n  executor:\n    memory: 4g\n"
                + "  ui.enabled: true\n");
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SPARK_CONF, List.of("spark.ui.enabled=false", "spark.hadoop.fs.s3a.endpoint=http://s3:9000"));

        Settings settings = Settings.resolve(file, Map.of(), flags);

        assertThat(settings.text(ConfigKey.SPARK_MASTER)).isEqualTo("yarn");
        assertThat(settings.sparkConf()).containsExactlyInAnyOrderEntriesOf(Map.of("spark.executor.memory", "4g",
                "spark.ui.enabled", "false", "spark.hadoop.fs.s3a.endpoint", "http://s3:9000"));
    }

    @Test
    void prefersTheFileToTheDefaultTheEnvironmentToTheFileAndTheFlagToAll() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "filters:\n  min-credit-score: 650\nengine:\n  threads: 3\n"
                + "source:\n  after: archive\n");
        Map<String, String> env = Map.of("LOANETL_MIN_CREDIT_SCORE", "660", "LOANETL_THREADS", "4");
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.MIN_CREDIT_SCORE, "670");

        Settings settings = Settings.resolve(file, env, flags);

        assertThat(settings.integer(ConfigKey.MIN_CREDIT_SCORE)).isEqualTo(670);
        assertThat(settings.integer(ConfigKey.THREADS)).isEqualTo(4);
        assertThat(settings.text(ConfigKey.SOURCE_AFTER)).isEqualTo("archive");
        assertThat(settings.origin(ConfigKey.THREADS)).isEqualTo("environment variable LOANETL_THREADS");
        assertThat(settings.origin(ConfigKey.SOURCE_AFTER)).isEqualTo("config key source.after");
    }

    @Test
    void readsAListOfSourcePathsFromTheFileAndFromTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "source:\n  paths:\n    - /a\n    - /b\n");

        assertThat(Settings.resolve(file, Map.of(), Map.of()).list(ConfigKey.SOURCE_PATHS)).containsExactly("/a", "/b");
        assertThat(Settings.resolve(file, Map.of("LOANETL_SOURCE", "/c, /d"), Map.of()).list(ConfigKey.SOURCE_PATHS))
                .containsExactly("/c", "/d");
    }

    @Test
    void namesAnUnknownKeyInsideAKnownSection() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "database:\n  jdbc-uri: jdbc:postgresql://h/d\n");

        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config key database.jdbc-uri: unknown key (known keys: source.paths,");
    }

    @Test
    void namesAnUnknownSection() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "sink:\n  x: 1\n");

        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of()))
                .hasMessageStartingWith("config key sink: unknown key");
    }

    @Test
    void saysWhereYamlIsBroken() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "filters:\n  min-credit-score: [700\n");

        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config file " + file + ": not valid YAML");
    }

    @Test
    void refusesAListWhereOneValueIsExpected() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "source:\n  after: [keep, delete]\n");

        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of()))
                .hasMessage("config key source.after: expected a single value, found a list");
    }

    @Test
    void neverEchoesASecretInAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "database:\n  password: hunter2-secret\n  schema: Bad-Name\n");

        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of()))
                .hasMessage("config key database.schema: not a plain lower-case SQL name (a-z, 0-9, _): \"Bad-Name\"")
                .hasMessageNotContaining("hunter2-secret");
    }

    @Test
    void namesAFlagThatHoldsABadValue() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SOURCE_AFTER, "shred");

        assertThatThrownBy(() -> Settings.resolve(null, Map.of(), flags))
                .hasMessage("option --after: not one of keep, archive, delete: \"shred\"");
    }

    @Test
    void triesLastFicoThenFicoAndTakesTheSpecsNullWordsByDefault() {
        Settings settings = Settings.resolve(null, Map.of(), Map.of());

        assertThat(settings.list(ConfigKey.CREDIT_SCORE_COLUMN)).containsExactly("last_fico_range_low", "fico_range_low");
        assertThat(settings.text(ConfigKey.WHEN_NO_CREDIT_SCORE)).isEqualTo("refuse");
        assertThat(settings.list(ConfigKey.NULL_VALUES)).containsExactly("NA", "N/A", "NaN", "NULL", "null", "None");
    }

    @Test
    void readsScoreColumnsAndNullWordsCommaSeparatedOrAsAListInTheFile() throws IOException {
        Path scalar = Files.writeString(dir.resolve("a.yaml"), "filters:\n  credit-score-column: fico_range_low, last_fico_range_low\n"
                + "source:\n  null-values: NA,-\n");
        Path list = Files.writeString(dir.resolve("b.yaml"), "filters:\n  credit-score-column: [fico_range_low]\n"
                + "source:\n  null-values: [\"NA\", \"n.a.\", null]\n");

        Settings fromScalar = Settings.resolve(scalar, Map.of(), Map.of());
        Settings fromList = Settings.resolve(list, Map.of(), Map.of());

        assertThat(fromScalar.list(ConfigKey.CREDIT_SCORE_COLUMN)).containsExactly("fico_range_low", "last_fico_range_low");
        assertThat(fromScalar.list(ConfigKey.NULL_VALUES)).containsExactly("NA", "-");
        assertThat(fromList.list(ConfigKey.CREDIT_SCORE_COLUMN)).containsExactly("fico_range_low");
        assertThat(fromList.list(ConfigKey.NULL_VALUES)).containsExactly("NA", "n.a.", "null");
    }

    @Test
    void splitsAFlagListAtCommasAndPrefersItToTheEnvironment() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.CREDIT_SCORE_COLUMN, "fico_range_low,last_fico_range_low");
        Map<String, String> env = Map.of("LOANETL_CREDIT_SCORE_COLUMN", "last_fico_range_low", "LOANETL_NULL_VALUES", "NA, None");

        Settings settings = Settings.resolve(null, env, flags);

        assertThat(settings.list(ConfigKey.CREDIT_SCORE_COLUMN)).containsExactly("fico_range_low", "last_fico_range_low");
        assertThat(settings.list(ConfigKey.NULL_VALUES)).containsExactly("NA", "None");
        assertThat(settings.origin(ConfigKey.NULL_VALUES)).isEqualTo("environment variable LOANETL_NULL_VALUES");
    }

    @Test
    void takesAnEmptyNullValuesFlagOrFileListAsNoWordsNotAsUnset() throws IOException {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.NULL_VALUES, "");
        Path file = Files.writeString(dir.resolve("c.yaml"), "source:\n  null-values: []\n");

        assertThat(Settings.resolve(null, Map.of("LOANETL_NULL_VALUES", "NA"), flags).list(ConfigKey.NULL_VALUES)).isEmpty();
        assertThat(Settings.resolve(file, Map.of(), Map.of()).list(ConfigKey.NULL_VALUES)).isEmpty();
    }

    @Test
    void namesTheKeyAndTheAllowedValuesOfABadWhenNoCreditScore() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "filters:\n  when-no-credit-score: load-anyway\n");
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.WHEN_NO_CREDIT_SCORE, "SKIP-FILTER");

        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config key filters.when-no-credit-score: not one of refuse, skip-filter: \"load-anyway\"");
        assertThat(Settings.resolve(file, Map.of(), flags).text(ConfigKey.WHEN_NO_CREDIT_SCORE)).isEqualTo("SKIP-FILTER");
    }

    @Test
    void ignoresAnEmptyListOfFlags() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SOURCE_PATHS, List.of());

        assertThat(Settings.resolve(null, Map.of("LOANETL_SOURCE", "/x"), flags).list(ConfigKey.SOURCE_PATHS))
                .containsExactly("/x");
    }
}
