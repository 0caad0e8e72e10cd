package org.loanetl.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.Settings;
import org.loanetl.lineage.LineageSettings;

class ObserverSettingsTest {

    private static Settings env(Map<String, String> env) {
        return Settings.resolve(null, env, Map.of());
    }

    @Test
    void turnsNothingOnByDefault() {
        assertThat(ObserverSettings.lineage(env(Map.of()))).isEmpty();
        assertThat(ObserverSettings.metrics(env(Map.of()))).isEmpty();
    }

    @Test
    void sendsLineageOverHttpWhenOnlyOpenLineageUrlIsSet() {
        LineageSettings lineage = ObserverSettings.lineage(env(Map.of("OPENLINEAGE_URL", "http://marquez:5000",
                "OPENLINEAGE_API_KEY", "secret-key-1", "OPENLINEAGE_NAMESPACE", "team"))).orElseThrow();

        assertThat(lineage.transport()).isEqualTo(LineageSettings.Transport.HTTP);
        assertThat(lineage.url()).isEqualTo(URI.create("http://marquez:5000"));
        assertThat(lineage.apiKey()).isEqualTo("secret-key-1");
        assertThat(lineage.namespace()).isEqualTo("team");
        assertThat(lineage.jobName()).isEqualTo("load");
        assertThat(lineage.toString()).doesNotContain("secret-key-1");
    }

    @Test
    void transportNoneTurnsLineageOffEvenWithAUrl() {
        assertThat(ObserverSettings.lineage(env(Map.of("OPENLINEAGE_URL", "http://marquez:5000",
                "LOANETL_LINEAGE_TRANSPORT", "none")))).isEmpty();
    }

    @Test
    void refusesAnUnknownTransportNamingTheKey() {
        assertThatThrownBy(() -> env(Map.of("LOANETL_LINEAGE_TRANSPORT", "kafka")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable LOANETL_LINEAGE_TRANSPORT: not one of none, http, file, console: \"kafka\"");
    }

    @Test
    void refusesAFileTransportWithoutAFile() {
        assertThatThrownBy(() -> ObserverSettings.lineage(env(Map.of("LOANETL_LINEAGE_TRANSPORT", "file"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable LOANETL_LINEAGE_TRANSPORT: file needs lineage.file"
                        + " (LOANETL_LINEAGE_FILE, --lineage-file)");
    }

    @Test
    void refusesAParentWithoutItsRunId() {
        assertThatThrownBy(() -> ObserverSettings.configuredParent(env(Map.of("LOANETL_LINEAGE_PARENT_NAMESPACE", "airflow",
                "LOANETL_LINEAGE_PARENT_JOB", "dag.task"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config key lineage.parent.run-id: not set");
    }

    @Test
    void pushesMetricsWithTheGroupingKeyAndInterval() {
        var metrics = ObserverSettings.metrics(env(Map.of("LOANETL_PUSHGATEWAY_URL", "http://pushgateway:9091",
                "LOANETL_PUSH_INTERVAL_SECONDS", "0", "LOANETL_METRICS_GROUPING_KEY", "instance=nightly"))).orElseThrow();

        assertThat(metrics.url()).isEqualTo(URI.create("http://pushgateway:9091"));
        assertThat(metrics.job()).isEqualTo("loan-etl");
        assertThat(metrics.groupingKey()).containsExactly(Map.entry("instance", "nightly"));
        assertThat(metrics.pushInterval()).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesAPushgatewayUrlWithAPassword() {
        assertThatThrownBy(() -> env(Map.of("LOANETL_PUSHGATEWAY_URL", "http://u:pw@pushgateway:9091")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable LOANETL_PUSHGATEWAY_URL: holds a user name and password")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void namesTheDatabaseWithoutUserPasswordOrParameters() {
        assertThat(ObserverSettings.lineageName("jdbc:postgresql://db.internal:6432/loans?user=etl&password=hunter2"))
                .isEqualTo("postgres://db.internal:6432/loans");
        assertThat(ObserverSettings.lineageName("jdbc:postgresql://db/loans")).isEqualTo("postgres://db:5432/loans");
    }
}
