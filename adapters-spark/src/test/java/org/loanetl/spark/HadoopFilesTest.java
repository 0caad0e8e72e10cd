package org.loanetl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.loanetl.spark.HadoopLoanFileSource.S3Scheme;

class HadoopFilesTest {

    /** A copy of the source's Hadoop side as a task gets it: serialized on the driver, read on the executor. */
    private static HadoopFiles shipped(HadoopFiles files) {
        return JavaBytes.read(JavaBytes.of(files), HadoopFiles.class);
    }

    @Test
    void everyTasksCopyOfTheSameSettingsSharesOneConfiguration() {
        HadoopFiles files = new HadoopFiles(Map.of("loanetl.test.shared", "one"), S3Scheme.AUTO);

        Configuration first = shipped(files).conf();
        Configuration second = shipped(files).conf();

        assertThat(second).isSameAs(first);
        assertThat(first.get("loanetl.test.shared")).isEqualTo("one");
    }

    @Test
    void otherSettingsGetAConfigurationOfTheirOwn() {
        Configuration one = shipped(new HadoopFiles(Map.of("loanetl.test.key", "one"), S3Scheme.AUTO)).conf();
        Configuration two = shipped(new HadoopFiles(Map.of("loanetl.test.key", "two"), S3Scheme.AUTO)).conf();
        Configuration none = shipped(new HadoopFiles(Map.of(), S3Scheme.AUTO)).conf();

        assertThat(one.get("loanetl.test.key")).isEqualTo("one");
        assertThat(two.get("loanetl.test.key")).isEqualTo("two");
        assertThat(none.get("loanetl.test.key")).isNull();
        assertThat(none).isNotSameAs(one).isNotSameAs(two);
    }
}
