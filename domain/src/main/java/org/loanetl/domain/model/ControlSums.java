package org.loanetl.domain.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A part of a file's control totals, as one chunk of it holds them: the sum of its rows' {@code funded_amnt} by policy
 * code, and the funding footers it holds (the file's last chunk, mostly). A file loaded in chunks adds up its chunks'
 * sums ({@link #plus}) and checks the footers against the rows only then ({@link #totals}).
 *
 * @param rows    the rows' sum by policy code
 * @param footers the footers' amount by policy code
 */
public record ControlSums(Map<Integer, BigDecimal> rows, Map<Integer, BigDecimal> footers) implements Serializable {

    /** No rows, no footers. */
    public static final ControlSums NONE = new ControlSums(Map.of(), Map.of());

    public ControlSums {
        rows = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(rows, "rows")));
        footers = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(footers, "footers")));
    }

    /** Both parts' sums together. */
    public ControlSums plus(ControlSums other) {
        Map<Integer, BigDecimal> allRows = new TreeMap<>(rows);
        other.rows.forEach((code, sum) -> allRows.merge(code, sum, BigDecimal::add));
        Map<Integer, BigDecimal> allFooters = new TreeMap<>(footers);
        other.footers.forEach((code, sum) -> allFooters.merge(code, sum, BigDecimal::add));
        return new ControlSums(allRows, allFooters);
    }

    /** Each footer beside the rows' sum for its policy code (zero when no row had it), by policy code. */
    public List<ControlTotal> totals() {
        List<ControlTotal> totals = new ArrayList<>(footers.size());
        footers.forEach((code, amount) -> totals.add(new ControlTotal(code, amount, rows.getOrDefault(code,
                BigDecimal.ZERO))));
        return totals;
    }
}
