package org.loanetl.app.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;

/**
 * The config the load runs with on the cluster: every key as resolved here (flag &gt; environment &gt; file), so the
 * step loads what {@code loan-etl load} would load from this shell, {@code database.password} included (from
 * {@code LOANETL_DB_PASSWORD} or the file; it goes to S3 and never into the step's arguments). Left out: the
 * {@code emr.*} keys, {@code embedded.home}, the engine and Spark master (the step says {@code --engine spark}, and
 * {@code spark-submit} gives YARN), and the S3 keys (on the cluster, the nodes' instance role reads S3). Keys at
 * their default are left out too.
 */
final class JobConfig {

    private static final Set<ConfigKey> LEFT_OUT = EnumSet.of(ConfigKey.EMBEDDED_HOME, ConfigKey.ENGINE,
            ConfigKey.SPARK_MASTER, ConfigKey.SPARK_CONF, ConfigKey.S3_ACCESS_KEY_ID, ConfigKey.S3_SECRET_ACCESS_KEY);
    private static final String HEADER = "# the config of a loan-etl load on EMR, staged by loan-etl emr; it may hold\n"
            + "# the database password: keep the staging prefix readable only by you and the cluster's instance role\n";

    private JobConfig() {
    }

    /** The YAML, checked first: the cluster needs a database it can reach and sources it can read. */
    static byte[] render(Settings settings) {
        check(settings);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        ObjectNode root = yaml.createObjectNode();
        for (ConfigKey key : ConfigKey.values()) {
            if (LEFT_OUT.contains(key) || key.key().startsWith("emr.") || !settings.has(key)) {
                continue;
            }
            String[] path = key.key().split("\\.");
            if (key.type() == ConfigKey.Type.LIST) {
                ArrayNode items = section(root, path).putArray(path[path.length - 1]);
                settings.list(key).forEach(items::add);
            } else if (key.type() == ConfigKey.Type.WORDS) {
                // written even when empty: [] is "none", which an absent key would turn back into the default
                if (!String.join(",", settings.list(key)).equals(key.defaultValue())) {
                    ArrayNode items = section(root, path).putArray(path[path.length - 1]);
                    settings.list(key).forEach(items::add);
                }
            } else if (key.type() == ConfigKey.Type.MAP) {
                ObjectNode map = section(root, path).putObject(path[path.length - 1]);
                settings.list(key).forEach(i -> map.put(i.substring(0, i.indexOf('=')).trim(), i.substring(i.indexOf('=') + 1).trim()));
            } else if (!settings.text(key).equals(key.defaultValue())) {
                section(root, path).put(path[path.length - 1], settings.text(key).trim());
            }
        }
        for (Map.Entry<String, String> conf : settings.sparkConf().entrySet()) {
            if (!conf.getKey().equals(ConfigKey.SPARK_MASTER.key())) {
                section(root, new String[] {"spark", ""}).put(conf.getKey().substring("spark.".length()), conf.getValue());
            }
        }
        try {
            return (HEADER + yaml.writeValueAsString(root)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the job's config", e);
        }
    }

    private static void check(Settings settings) {
        if (settings.text(ConfigKey.DATABASE_URL) == null) {
            throw new ConfigException("config key database.jdbc-url (or LOANETL_DB_URL, --db): not set; the cluster"
                    + " cannot reach an embedded database: name a PostgreSQL it can reach");
        }
        List<String> paths = settings.list(ConfigKey.SOURCE_PATHS);
        if (paths.isEmpty()) {
            throw new ConfigException("nothing to load: name s3://bucket/prefix sources, or set source.paths in the config file");
        }
        for (String path : paths) {
            if (!path.contains("://") || path.regionMatches(true, 0, "file:", 0, 5)) {
                throw new ConfigException(settings.origin(ConfigKey.SOURCE_PATHS) + ": " + path
                        + ": a local path, which the cluster cannot read; name s3://bucket/prefix URIs");
            }
        }
    }

    /** The object that holds the last part of {@code path}, made on the way. */
    private static ObjectNode section(ObjectNode root, String[] path) {
        ObjectNode node = root;
        for (int i = 0; i < path.length - 1; i++) {
            ObjectNode child = node.get(path[i]) instanceof ObjectNode o ? o : null;
            node = child != null ? child : node.putObject(path[i]);
        }
        return node;
    }
}
