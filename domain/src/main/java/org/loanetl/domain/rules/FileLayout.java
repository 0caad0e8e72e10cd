package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loanetl.domain.FileRefusedException;

/**
 * How one file's header maps onto the catalog, found by header name (trimmed, any case), never by position.
 *
 * @param columns        the catalog columns the file has, in the file's order; typed rows follow this order
 * @param fieldPositions for each of {@code columns}, its position in a row
 * @param fieldCount     how many fields the header has; a row with another count is rejected
 * @param unknownColumns header names the catalog does not know, ignored and named in the report
 */
public record FileLayout(List<Column> columns, int[] fieldPositions, int fieldCount, List<String> unknownColumns)
        implements Serializable {

    public FileLayout {
        columns = List.copyOf(columns);
        unknownColumns = List.copyOf(unknownColumns);
    }

    /**
     * Maps a header.
     *
     * @throws FileRefusedException when a name repeats or a column the rules need is missing
     */
    public static FileLayout of(String file, List<String> header, ColumnCatalog catalog, LoadRules rules) {
        List<Column> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = ColumnCatalog.normalize(header.get(i));
            if (name.isEmpty()) {
                unknown.add("(unnamed column " + (i + 1) + ")");
                continue;
            }
            if (seen.put(name, i) != null) {
                throw new FileRefusedException(file, "header repeats column " + name);
            }
            var column = catalog.find(name);
            if (column.isPresent()) {
                columns.add(column.get());
                positions.add(i);
            } else {
                unknown.add(header.get(i).trim());
            }
        }
        List<String> missing = rules.requiredColumns().stream().filter(c -> !seen.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new FileRefusedException(file, "header lacks column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        return new FileLayout(columns, positions.stream().mapToInt(Integer::intValue).toArray(), header.size(), unknown);
    }

    /** The position among {@link #columns()} of the column with this header name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
