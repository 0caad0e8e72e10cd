package org.loanetl.domain.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every column of the LendingClub layouts loan-etl knows, with its kind: the 53-column subset of the original job,
 * the 2007-2011 LoanStats3a layout, the 2013 LoanStatsNew layout and the modern 150/151-column layout. Read from
 * {@code columns.tsv} beside this class ({@code name, kind, layouts}), in name order.
 */
public final class ColumnCatalog implements Serializable {

    private static final String RESOURCE = "columns.tsv";
    private static final ColumnCatalog STANDARD = load();

    private final Map<String, Column> byName;
    private final Map<String, List<String>> layouts;

    private ColumnCatalog(Map<String, Column> byName, Map<String, List<String>> layouts) {
        this.byName = Collections.unmodifiableMap(byName);
        this.layouts = Collections.unmodifiableMap(layouts);
    }

    /** The catalog shipped with loan-etl. */
    public static ColumnCatalog standard() {
        return STANDARD;
    }

    /** The column with this header name (trimmed, any case), if the catalog knows it. */
    public Optional<Column> find(String headerName) {
        return Optional.ofNullable(byName.get(normalize(headerName)));
    }

    /** Every known column, in name order. */
    public List<Column> columns() {
        return List.copyOf(byName.values());
    }

    /** The names of the columns of one layout tag ({@code piq53}, {@code loanstats3a}, {@code loanstatsnew}, {@code modern151}). */
    public List<String> layout(String tag) {
        return layouts.getOrDefault(tag, List.of());
    }

    /** A header name as the catalog compares it: trimmed and lower case. */
    public static String normalize(String headerName) {
        return headerName.trim().toLowerCase(Locale.ROOT);
    }

    private static ColumnCatalog load() {
        try (InputStream in = ColumnCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("column catalog " + RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the column catalog", e);
        }
    }

    private static ColumnCatalog parse(BufferedReader reader) throws IOException {
        Map<String, Column> byName = new LinkedHashMap<>();
        Map<String, List<String>> layouts = new LinkedHashMap<>();
        String line = reader.readLine();
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            String name = normalize(parts[0]);
            ColumnKind kind = ColumnKind.valueOf(parts[1].trim().toUpperCase(Locale.ROOT));
            if (byName.put(name, Column.of(name, kind)) != null) {
                throw new IllegalStateException(RESOURCE + ":" + number + ": column " + name + " listed twice");
            }
            for (String tag : parts.length > 2 ? parts[2].split(",") : new String[0]) {
                if (!tag.isBlank()) {
                    layouts.computeIfAbsent(tag.trim(), t -> new ArrayList<>()).add(name);
                }
            }
        }
        return new ColumnCatalog(byName, layouts);
    }
}
