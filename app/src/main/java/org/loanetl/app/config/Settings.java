package org.loanetl.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every key's value, resolved once with the precedence <b>flag &gt; environment &gt; file &gt; default</b>, and
 * checked against its type: a bad value names where it came from ({@code config key filters.min-credit-score},
 * {@code environment variable LOANETL_THREADS}, {@code option --threads}) and why. Secrets are never echoed.
 */
public final class Settings {

    /** A resolved value and where it came from. */
    private record Value(Object value, String origin) {
    }

    private final Map<ConfigKey, Value> values;
    /** The {@code spark.*} keys of the file other than {@code spark.master}, passed through to Spark. */
    private final Map<String, String> sparkFile;

    private Settings(Map<ConfigKey, Value> values, Map<String, String> sparkFile) {
        this.values = values;
        this.sparkFile = sparkFile;
    }

    /**
     * Resolves every key.
     *
     * @param configFile the YAML file, or {@code null}
     * @param env        the environment
     * @param flags      values given on the command line (a {@code String} or a {@code List<String>})
     * @throws ConfigException naming the key and the reason
     */
    public static Settings resolve(Path configFile, Map<String, String> env, Map<ConfigKey, Object> flags) {
        Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);
        Map<String, String> sparkFile = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.defaultValue() != null) {
                Object value = isList(key) ? List.of(key.defaultValue()) : key.defaultValue();
                values.put(key, new Value(value, "default of " + key.key()));
            }
        }
        if (configFile != null) {
            readFile(configFile, values, sparkFile);
        }
        for (ConfigKey key : ConfigKey.values()) {
            String text = env.get(key.env());
            if (text != null && !text.isEmpty()) {
                Object value = isList(key) ? List.of(text.split(",")) : text;
                values.put(key, new Value(value, "environment variable " + key.env()));
            }
        }
        flags.forEach((key, value) -> {
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                Object items = value instanceof String text && isList(key) ? List.of(text) : value;
                values.put(key, new Value(items, "option " + key.flag().orElse(key.key())));
            }
        });
        values.forEach(Settings::check);
        Settings settings = new Settings(values, sparkFile);
        settings.sparkConf();
        return settings;
    }

    /**
     * The settings passed through to Spark: every {@code spark.*} key of the file's {@code spark:} section (but
     * {@code spark.master}, which is {@link ConfigKey#SPARK_MASTER}), overlaid by the {@code spark.key=value} items of
     * {@link ConfigKey#SPARK_CONF} ({@code --conf}, repeatable, or {@code LOANETL_SPARK_CONF}, comma-separated).
     *
     * @throws ConfigException naming an item that is not {@code spark.key=value} (never its value)
     */
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>(sparkFile);
        for (String item : list(ConfigKey.SPARK_CONF)) {
            int eq = item.indexOf('=');
            if (eq < 0 || !item.startsWith("spark.") || eq == "spark.".length()) {
                String shown = eq < 0 ? item : item.substring(0, eq) + "=...";
                throw new ConfigException(origin(ConfigKey.SPARK_CONF) + ": not spark.key=value: \"" + shown + "\"");
            }
            conf.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return conf;
    }

    /** Whether a key has a value (its default counts). */
    public boolean has(ConfigKey key) {
        return values.containsKey(key);
    }

    /** A key's text, or {@code null} when unset. */
    public String text(ConfigKey key) {
        Value v = values.get(key);
        return v == null ? null : (String) v.value();
    }

    /**
     * A list key's items, trimmed, empty ones dropped; empty when unset. The items of a {@link ConfigKey.Type#WORDS}
     * key are split at commas wherever they came from, so {@code NA,N/A} reads the same in the file as in a flag.
     */
    @SuppressWarnings("unchecked")
    public List<String> list(ConfigKey key) {
        Value v = values.get(key);
        if (v == null) {
            return List.of();
        }
        Stream<String> items = ((List<String>) v.value()).stream();
        if (key.type() == ConfigKey.Type.WORDS) {
            items = items.flatMap(item -> Arrays.stream(item.split(",")));
        }
        return items.map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** An integer key's value. */
    public long integer(ConfigKey key) {
        return Long.parseLong(text(key).trim());
    }

    /** A {@link ConfigKey.Type#BYTES} key's value, in bytes. */
    public long bytes(ConfigKey key) {
        return bytes(text(key));
    }

    /** {@code 128MB}, {@code 64m}, {@code 1GiB}, {@code 4096}: the bytes; -1 when the text is none of those. */
    static long bytes(String text) {
        java.util.regex.Matcher size = BYTES.matcher(text.trim());
        if (!size.matches()) {
            return -1;
        }
        long number = Long.parseLong(size.group(1));
        String unit = size.group(2) == null ? "" : size.group(2).toLowerCase(Locale.ROOT);
        int shift = unit.isEmpty() || unit.equals("b") ? 0 : switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            default -> 30;
        };
        return number << shift;
    }

    private static final java.util.regex.Pattern BYTES =
            java.util.regex.Pattern.compile("(\\d{1,9})\\s*(b|[kmg](?:i?b)?)?", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A boolean key's value. */
    public boolean bool(ConfigKey key) {
        return Boolean.parseBoolean(text(key).trim().toLowerCase(Locale.ROOT));
    }

    /** Where a key's value came from, for messages. */
    public String origin(ConfigKey key) {
        Value v = values.get(key);
        return v == null ? "unset " + key.key() : v.origin();
    }

    /**
     * What the YAML parser says is wrong, without the lines of the file it quotes: those may hold a password (a
     * broken line is often the one just edited, {@code password: ...}). The parser's own words stand on lines of their
     * own; the quoted file text and the caret under it are indented, and its "in 'reader', line N" is said apart.
     */
    static String yamlProblem(String message) {
        if (message == null) {
            return "unreadable";
        }
        List<String> words = new ArrayList<>();
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("in '")) {
                words.add(line.strip());
            }
        }
        return words.isEmpty() ? "unreadable" : String.join("; ", words);
    }

    private static void readFile(Path file, Map<ConfigKey, Value> values, Map<String, String> sparkFile) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + ": not valid YAML: " + yamlProblem(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + ": expected keys such as source:, database:, filters:");
        }
        flatten("", root, values, sparkFile);
    }

    private static void flatten(String prefix, JsonNode node, Map<ConfigKey, Value> values, Map<String, String> sparkFile) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            var key = ConfigKey.byName(name);
            boolean spark = name.equals("spark") || name.startsWith("spark.");
            if (key.isEmpty() && value.isObject()) {
                if (!spark && ConfigKey.names().stream().noneMatch(n -> n.startsWith(name + "."))) {
                    throw unknown(name);
                }
                flatten(name + ".", value, values, sparkFile);
            } else if (key.isEmpty() && spark && !value.isNull()) {
                // any other Spark setting passes through, as spark-submit's --conf would
                if (!value.isValueNode()) {
                    throw new ConfigException("config key " + name + ": expected a single value, found a list");
                }
                sparkFile.put(name, value.asText());
            } else if (key.isEmpty()) {
                throw unknown(name);
            } else if (!value.isNull()) {
                values.put(key.get(), new Value(scalarOrList(key.get(), value), "config key " + name));
            }
        }
    }

    private static Object scalarOrList(ConfigKey key, JsonNode value) {
        if (key.type() == ConfigKey.Type.MAP && value.isObject()) {
            List<String> items = new ArrayList<>();
            value.fields().forEachRemaining(e -> items.add(e.getKey() + "=" + scalar(key, e.getValue())));
            return items;
        }
        if (isList(key)) {
            List<String> items = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(item -> items.add(scalar(key, item)));
            } else {
                items.add(scalar(key, value));
            }
            return items;
        }
        return scalar(key, value);
    }

    private static String scalar(ConfigKey key, JsonNode value) {
        if (!value.isValueNode()) {
            throw new ConfigException("config key " + key.key() + ": expected a single value, found "
                    + (value.isArray() ? "a list" : "a section"));
        }
        return value.asText();
    }

    private static boolean isList(ConfigKey key) {
        return key.type() == ConfigKey.Type.LIST || key.type() == ConfigKey.Type.MAP || key.type() == ConfigKey.Type.WORDS
                || key.type() == ConfigKey.Type.S3_URIS;
    }

    private static ConfigException unknown(String name) {
        return new ConfigException("config key " + name + ": unknown key (known keys: " + String.join(", ", ConfigKey.names()) + ")");
    }

    private static void check(ConfigKey key, Value v) {
        if (key.type() == ConfigKey.Type.MAP) {
            for (Object item : (List<?>) v.value()) {
                String text = item.toString().trim();
                if (!text.isEmpty() && text.indexOf('=') < 1) {
                    throw new ConfigException(v.origin() + ": not key=value: \"" + text + "\"");
                }
            }
        }
        if (key.type() == ConfigKey.Type.S3_URIS) {
            for (Object item : (List<?>) v.value()) {
                String text = item.toString().trim();
                if (!text.isEmpty() && !isS3Uri(text)) {
                    throw new ConfigException(v.origin() + ": not an s3://bucket/prefix URI: \"" + redact(text) + "\"");
                }
            }
        }
        if (isList(key)) {
            return;
        }
        String text = ((String) v.value()).trim();
        if ((key.type() == ConfigKey.Type.URL || key.type() == ConfigKey.Type.JDBC_URL) && USER_INFO.matcher(text).find()) {
            throw new ConfigException(v.origin() + ": holds a user name and password before the host (\""
                    + redact(text) + "\"): give the password as " + (key == ConfigKey.DATABASE_URL
                    ? "LOANETL_DB_PASSWORD or database.password, the user as --db-user"
                    : "s3.access-key-id and s3.secret-access-key, or the AWS credentials chain") + ", never in a URL");
        }
        String problem = switch (key.type()) {
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ? null : "not true or false";
            case INTEGER -> text.matches("-?\\d{1,18}") ? null : "not an integer";
            case POSITIVE_INTEGER -> text.matches("\\d{1,6}") && Integer.parseInt(text) >= 1 ? null : "not a whole number of at least 1";
            case AFTER -> List.of("keep", "archive", "delete").contains(text.toLowerCase(Locale.ROOT)) ? null : "not one of keep, archive, delete";
            case ENGINE -> List.of("local", "spark").contains(text.toLowerCase(Locale.ROOT)) ? null : "not a known engine (local, spark)";
            case S3_SCHEME -> List.of("auto", "s3a", "s3").contains(text.toLowerCase(Locale.ROOT)) ? null : "not one of auto, s3a, s3";
            case CONTROL_TOTALS -> List.of("warn", "refuse").contains(text.toLowerCase(Locale.ROOT)) ? null : "not one of warn, refuse";
            case NO_CREDIT_SCORE -> List.of("refuse", "skip-filter").contains(text.toLowerCase(Locale.ROOT)) ? null : "not one of refuse, skip-filter";
            case URL -> text.matches("(?i)https?://[^\\s/?#]+(/\\S*)?") && isUri(text) ? null : "not an http:// or https:// URL";
            case DURATION -> text.matches("\\d{1,9}(ms|s|m|h|d)?") ? null : "not a duration such as 30s, 45m, 1h";
            case COUNT -> text.matches("\\d{1,6}") ? null : "not a whole number of at least 0";
            case BYTES -> bytes(text) < 0 ? "not a size such as 128MB, 64MB, 1GB, or 0 for none"
                    : bytes(text) > 0 && bytes(text) < 1 << 20 ? "less than 1MB (0 turns it off)" : null;
            case S3_URI -> isS3Uri(text) ? null : "not an s3://bucket/prefix URI";
            case LINEAGE_TRANSPORT -> List.of("none", "http", "file", "console").contains(text.toLowerCase(Locale.ROOT)) ? null : "not one of none, http, file, console";
            case IDENTIFIER -> text.matches("[a-z_][a-z0-9_]{0,62}") && !text.startsWith("pg_") ? null : "not a plain lower-case SQL name (a-z, 0-9, _)";
            default -> null;
        };
        if (problem != null) {
            throw new ConfigException(v.origin() + ": " + problem + ": \"" + (key.type() == ConfigKey.Type.SECRET ? "***"
                    : redact(text)) + "\"");
        }
    }

    /** Whether a URL the pattern let through is also a URI that {@link URI#create} takes (no {@code |}, ...). */
    private static boolean isUri(String text) {
        try {
            URI.create(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code s3://bucket} or {@code s3://bucket/key}, with a bucket name S3 allows. */
    private static boolean isS3Uri(String text) {
        return text.matches("(?i)s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?");
    }

    private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");

    /**
     * A value as a message may show it: a user and password before a URL's host, and a {@code password=} parameter,
     * replaced by {@code ***} as a whole. Never a search for the secret's own text, which would show it by elimination
     * (a password {@code e} turns {@code connect} into {@code conn***ct}).
     */
    public static String redact(String text) {
        String withoutUser = USER_INFO.matcher(text).replaceAll("//***@");
        return URL_PASSWORD.matcher(withoutUser).replaceAll("$1***");
    }
}
