package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.model.FilterReason;

/**
 * How one file's header maps onto the catalog, found by header name (trimmed, any case), never by position. A
 * readable c.2012 name maps to its catalog column ({@code Loan ID} is {@code id}); {@code FICO Range} to two,
 * {@code fico_range_low} and {@code fico_range_high}, both read from its one field.
 *
 * @param columns           the catalog columns the file has, in the file's order; typed rows follow this order
 * @param fieldPositions    for each of {@code columns}, its position in a row
 * @param parts             for each of {@code columns}, what of its field it takes: all of it, or one end of a range
 * @param fieldCount        how many fields a row has: the header's names, less one trailing empty name (a trailing
 *                          delimiter); a row with another count is rejected, except a row with one more field that is
 *                          empty (a trailing delimiter on the rows)
 * @param header            the header's names as read
 * @param unknownColumns    header names the catalog does not know, ignored and named in the report
 * @param creditScoreColumn the catalog column the credit score is read from, or {@link #SCORE_NOT_APPLIED} when the
 *                          score filter is not applied to this file (switched off, or no score column and the rules
 *                          say to skip it)
 */
public record FileLayout(List<Column> columns, int[] fieldPositions, Part[] parts, int fieldCount, List<String> header,
                         List<String> unknownColumns, String creditScoreColumn) implements Serializable {

    /** What {@link #creditScoreColumn} says when the score filter does not apply to a file. */
    public static final String SCORE_NOT_APPLIED = "not applied";

    /** What a column takes of its field. */
    public enum Part {
        /** The whole field. */
        WHOLE,
        /** The low end of a range such as {@code 660-678} (660); the number itself for a single number or {@code 780+}. */
        RANGE_LOW,
        /** The high end of a range such as {@code 660-678} (678); null for {@code 780+}; the number itself alone. */
        RANGE_HIGH
    }

    public FileLayout {
        columns = List.copyOf(columns);
        header = List.copyOf(header);
        unknownColumns = List.copyOf(unknownColumns);
        if (fieldPositions.length != columns.size() || parts.length != columns.size()) {
            throw new IllegalArgumentException("one position and part per column");
        }
    }

    /**
     * Maps a header.
     *
     * @throws FileRefusedException when a column repeats, or a column an active filter needs is missing (the message
     *                              then says how to load the file anyway)
     */
    public static FileLayout of(String file, List<String> header, ColumnCatalog catalog, LoadRules rules) {
        Seen key = new Seen(List.copyOf(header), catalog, rules);
        FileLayout known = RECENT.get(key);
        if (known != null) {
            return known;
        }
        FileLayout layout = map(file, key.header(), catalog, rules);
        RECENT.put(key, layout);
        return layout;
    }

    /**
     * Layouts of headers mapped lately: files of one family share their header, and a folder of ten thousand small
     * files would otherwise map the same 151 names ten thousand times (a quarter of such a run's work). Only layouts
     * are kept: a refused header is mapped, and refused with its file's name, every time.
     */
    private static final Map<Seen, FileLayout> RECENT = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Seen, FileLayout> eldest) {
                    return size() > 32;
                }
            });

    /** What a layout is made from. */
    private record Seen(List<String> header, ColumnCatalog catalog, LoadRules rules) {
    }

    private static FileLayout map(String file, List<String> header, ColumnCatalog catalog, LoadRules rules) {
        List<Column> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        int fieldCount = header.size();
        if (fieldCount > 1 && header.get(fieldCount - 1).isBlank()) {
            fieldCount--; // a trailing delimiter, not a column
        }
        for (int i = 0; i < fieldCount; i++) {
            String raw = header.get(i);
            String name = ColumnCatalog.normalize(raw);
            if (name.isEmpty()) {
                unknown.add("(unnamed column " + (i + 1) + ")");
                continue;
            }
            List<Column> mapped = catalog.resolve(name);
            for (String key : mapped.isEmpty() ? List.of(name) : mapped.stream().map(Column::name).toList()) {
                String earlier = seen.put(key, raw.trim());
                if (earlier != null) {
                    throw new FileRefusedException(file, "header repeats column " + key
                            + (earlier.equalsIgnoreCase(raw.trim()) ? "" : " (as " + earlier + " and " + raw.trim() + ")")
                            + "; to load it, rename or remove one of them in the header");
                }
            }
            if (mapped.isEmpty()) {
                unknown.add(raw.trim());
            }
            for (int m = 0; m < mapped.size(); m++) {
                columns.add(mapped.get(m));
                positions.add(i);
                parts.add(mapped.size() == 1 ? Part.WHOLE : m == 0 ? Part.RANGE_LOW : Part.RANGE_HIGH);
            }
        }
        String score = scoreColumn(file, seen, rules);
        return new FileLayout(columns, positions.stream().mapToInt(Integer::intValue).toArray(),
                parts.toArray(Part[]::new), fieldCount, header, unknown, score);
    }

    /** Checks the columns the filters need, and picks the score column: the first configured one the header has. */
    private static String scoreColumn(String file, Map<String, String> seen, LoadRules rules) {
        List<String> lacks = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (String required : rules.requiredColumns()) {
            if (!seen.containsKey(required)) {
                lacks.add("column " + required);
                FilterReason filter = required.equals("loan_status") ? FilterReason.CHARGED_OFF : FilterReason.PURPOSE_OTHER;
                fixes.add("--no-filter " + filter.label());
            }
        }
        String score = SCORE_NOT_APPLIED;
        if (rules.applies(FilterReason.LOW_CREDIT_SCORE)) {
            score = rules.creditScoreColumns().stream().filter(seen::containsKey).findFirst().orElse(null);
            if (score == null && rules.whenNoCreditScore() == NoCreditScore.SKIP_FILTER) {
                score = SCORE_NOT_APPLIED;
            } else if (score == null) {
                lacks.add("a credit-score column (" + String.join(" or ", rules.creditScoreColumns()) + ")");
                fixes.add("--when-no-credit-score skip-filter to load it without the score filter, or"
                        + " --credit-score-column NAME to name the column that holds the score");
            }
        }
        if (!lacks.isEmpty()) {
            throw new FileRefusedException(file, "header lacks " + String.join(", ", lacks) + "; to load it anyway: "
                    + String.join("; ", fixes));
        }
        return score;
    }

    /** Whether the credit-score filter applies to this file. */
    public boolean scoreApplied() {
        return !SCORE_NOT_APPLIED.equals(creditScoreColumn);
    }

    /** The position among {@link #columns()} of the column with this catalog name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
