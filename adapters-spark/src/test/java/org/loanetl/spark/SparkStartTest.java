package org.loanetl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.spark.HadoopLoanFileSource.S3Scheme;

/** Starting Spark in the background, on a real {@code local[1]} context: handed over once, never left running. */
class SparkStartTest {

    private static final SparkSettings LOCAL = new SparkSettings("local[1]", Map.of("spark.ui.enabled", "false",
            "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1"));

    @TempDir
    Path dir;

    @Test
    void handsTheStartedContextToOneEngineWhichStopsIt() {
        try (SparkStart start = SparkStart.begin(LOCAL)) {
            try (SparkLoadEngine engine = start.engine(RegistryTarget.create())) {
                assertThat(start.context().sc().isStopped()).isFalse();
                HadoopLoanFileSource empty = new HadoopLoanFileSource(List.of(dir.toString()), "archive", Map.of(),
                        S3Scheme.S3A);
                assertThat(engine.run(new LoadJob(empty, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE))
                        .files()).isEmpty();
            }
            assertThat(start.context().sc().isStopped()).isTrue();
            assertThatThrownBy(() -> start.engine(RegistryTarget.create()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the Spark context was already handed to an engine");
        }
    }

    @Test
    void stopsAContextNoEngineTook() {
        SparkStart start = SparkStart.begin(LOCAL);

        start.close();

        assertThat(start.context().sc().isStopped()).isTrue();
    }

    @Test
    void givesTheEngineWhatStartingThrew() {
        try (SparkStart start = SparkStart.begin(new SparkSettings("nonsense", Map.of()))) {
            assertThatThrownBy(() -> start.engine(RegistryTarget.create()))
                    .hasMessageContaining("Could not parse Master URL: 'nonsense'");
        }
    }
}
