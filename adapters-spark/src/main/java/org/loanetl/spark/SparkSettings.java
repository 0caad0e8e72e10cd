package org.loanetl.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Spark engine is told when it starts its own Spark context. Driver-side only.
 *
 * @param master the master URL ({@code local[2]}, {@code yarn}, {@code spark://host:7077}); {@code null} for the one
 *               {@code spark-submit} passes, else {@code local[*]} inside this JVM
 * @param conf   {@code spark.*} settings, applied over Spark's own defaults and over what {@code spark-submit} passes
 *               ({@code spark.hadoop.*} ones also reach Hadoop, and so {@link HadoopLoanFileSource})
 */
public record SparkSettings(String master, Map<String, String> conf) {

    public SparkSettings {
        conf = Map.copyOf(conf);
        for (String key : conf.keySet()) {
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException("Spark setting " + key + ": not a spark.* key");
            }
        }
    }

    /** Spark's defaults, the master from {@code spark-submit} or {@code local[*]}. */
    public static SparkSettings defaults() {
        return new SparkSettings(null, Map.of());
    }

    /** The {@code spark.hadoop.*} settings without that prefix, as Hadoop names them ({@code fs.s3a.endpoint}). */
    public Map<String, String> hadoopSettings() {
        Map<String, String> hadoop = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                hadoop.put(key.substring("spark.hadoop.".length()), value);
            }
        });
        return hadoop;
    }

    /** Never shows values of keys that look secret (as Spark's own redaction: secret, password, token, key). */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        conf.forEach((key, value) -> shown.put(key,
                key.matches("(?i).*(secret|password|token|access\\.key|credential).*") ? "***" : value));
        return "SparkSettings[master=" + master + ", conf=" + shown + "]";
    }
}
