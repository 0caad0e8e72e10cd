package org.loanetl.domain.rules;

import java.io.Serializable;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoanRow;

/** What becomes of one data row: loaded, filtered out for a reason, or rejected with a reason. */
public sealed interface RowOutcome extends Serializable permits RowOutcome.Loaded, RowOutcome.Filtered, RowOutcome.Rejected {

    /** The row parsed and passed every filter that is on. */
    record Loaded(LoanRow row) implements RowOutcome {
    }

    /** The row parsed, and the first filter that matched, in the spec's order. */
    record Filtered(FilterReason reason) implements RowOutcome {
    }

    /** The row cannot be loaded: {@code int_rate: not a percentage: "abc"} (several bad values joined by {@code ; }). */
    record Rejected(String reason) implements RowOutcome {
    }
}
