package org.loanetl.app.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.wiring.Wiring;
import org.loanetl.domain.model.FilterReason;
import picocli.CommandLine.Option;

/** The options that decide how rows are read and filtered, shared by {@code load} and {@code inspect}. */
final class RuleOptions {

    @Option(names = "--min-credit-score", paramLabel = "N", description = "Lowest credit score that loads (default 700).")
    String minCreditScore;

    @Option(names = "--credit-score-column", paramLabel = "LIST",
            description = "Columns the score may be read from, comma-separated; a file's first one is used (default last_fico_range_low,fico_range_low).")
    String creditScoreColumn;

    @Option(names = "--when-no-credit-score", paramLabel = "ACTION",
            description = "A file with none of those columns: refuse (default) it, or skip-filter to load it without the score filter.")
    String whenNoCreditScore;

    @Option(names = "--control-totals", paramLabel = "ACTION",
            description = "A footer 'Total amount funded in policy code N: X' the file's rows do not add up to: warn (default) or refuse the file.")
    String controlTotals;

    @Option(names = "--null-values", paramLabel = "LIST",
            description = "Words that are null in every column but text, comma-separated (default NA,N/A,NaN,NULL,null,None); '' for none.")
    String nullValues;

    @Option(names = "--no-filter", paramLabel = "NAME",
            description = "Switch a filter off: charged_off, purpose_other or low_credit_score. Repeatable.")
    List<String> noFilter = new ArrayList<>();

    /** The flags given, by key. */
    Map<ConfigKey, Object> flags() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.MIN_CREDIT_SCORE, minCreditScore);
        flags.put(ConfigKey.CREDIT_SCORE_COLUMN, creditScoreColumn);
        flags.put(ConfigKey.WHEN_NO_CREDIT_SCORE, whenNoCreditScore);
        flags.put(ConfigKey.CONTROL_TOTALS, controlTotals);
        flags.put(ConfigKey.NULL_VALUES, nullValues);
        for (String name : noFilter) {
            FilterReason reason;
            try {
                reason = FilterReason.ofLabel(name);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("option --no-filter: " + e.getMessage());
            }
            flags.put(Wiring.filterKey(reason), "false");
        }
        return flags;
    }
}
