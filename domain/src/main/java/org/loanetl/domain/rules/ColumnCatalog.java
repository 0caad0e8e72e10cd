package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every column of the LendingClub layouts loan-etl knows, with its kind: the 53-column subset of the original job,
 * the 2007-2011 LoanStats3a layout, the c.2014 securev1 layouts, the 2013 LoanStatsNew layout, the public quarterly
 * files, the Kaggle editions and the modern 150/151-column layout. Read from {@code columns.tsv} beside this class
 * ({@code name, kind, layouts}), in name order; the readable names of the c.2012 download (the spec's section 8:
 * {@code Loan ID}, {@code FICO Range}, ...) from {@code readable-names.tsv}, each mapped to one or more columns.
 */
public final class ColumnCatalog implements Serializable {

    private static final String RESOURCE = "columns.tsv";
    private static final String READABLE_RESOURCE = "readable-names.tsv";
    private static final ColumnCatalog STANDARD = load();

    private final Map<String, Column> byName;
    private final Map<String, List<String>> layouts;
    /** Readable header names, normalized, to the catalog columns each one holds. */
    private final Map<String, List<Column>> readable;

    private ColumnCatalog(Map<String, Column> byName, Map<String, List<String>> layouts,
                          Map<String, List<Column>> readable) {
        this.byName = Collections.unmodifiableMap(byName);
        this.layouts = Collections.unmodifiableMap(layouts);
        this.readable = Collections.unmodifiableMap(readable);
    }

    /** The catalog shipped with loan-etl. */
    public static ColumnCatalog standard() {
        return STANDARD;
    }

    /** The column with this header name (trimmed, any case), if the catalog knows it. */
    public Optional<Column> find(String headerName) {
        return Optional.ofNullable(byName.get(normalize(headerName)));
    }

    /**
     * The catalog columns a header name holds: its own column, or for a readable c.2012 name the column(s) it maps to
     * ({@code FICO Range} holds {@code fico_range_low} and {@code fico_range_high}); empty for an unknown name.
     */
    public List<Column> resolve(String headerName) {
        String name = normalize(headerName);
        Column column = byName.get(name);
        if (column != null) {
            return List.of(column);
        }
        return readable.getOrDefault(name, List.of());
    }

    /** The readable c.2012 header names the catalog maps, normalized, with the columns each holds. */
    public Map<String, List<Column>> readableNames() {
        return readable;
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
        Map<String, Column> byName = new LinkedHashMap<>();
        Map<String, List<String>> layouts = new LinkedHashMap<>();
        for (TsvResource.Row row : TsvResource.rows(RESOURCE)) {
            String[] parts = row.fields();
            String name = normalize(parts[0]);
            ColumnKind kind = ColumnKind.valueOf(parts[1].trim().toUpperCase(Locale.ROOT));
            if (byName.put(name, Column.of(name, kind)) != null) {
                throw new IllegalStateException(row.where() + ": column " + name + " listed twice");
            }
            for (String tag : parts.length > 2 ? parts[2].split(",") : new String[0]) {
                if (!tag.isBlank()) {
                    layouts.computeIfAbsent(tag.trim(), t -> new ArrayList<>()).add(name);
                }
            }
        }
        return new ColumnCatalog(byName, layouts, readable(byName));
    }

    private static Map<String, List<Column>> readable(Map<String, Column> byName) {
        Map<String, List<Column>> readable = new LinkedHashMap<>();
        for (TsvResource.Row row : TsvResource.rows(READABLE_RESOURCE)) {
            String name = normalize(row.fields()[0]);
            List<Column> columns = new ArrayList<>();
            for (String target : row.fields()[1].split(",")) {
                Column column = byName.get(normalize(target));
                if (column == null) {
                    throw new IllegalStateException(row.where() + ": no catalog column " + target);
                }
                columns.add(column);
            }
            if (byName.containsKey(name) || readable.put(name, List.copyOf(columns)) != null) {
                throw new IllegalStateException(row.where() + ": name " + name + " listed twice");
            }
        }
        return readable;
    }
}
