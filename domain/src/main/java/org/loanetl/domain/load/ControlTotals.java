package org.loanetl.domain.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.RawFields;
import org.loanetl.domain.rules.FileLayout;

/**
 * What a file's rows tell beside their outcomes: the loaded rows without an {@code id}, and the control totals. Adds
 * up a file's {@code funded_amnt} by {@code policy_code} as its data rows go by, whatever becomes of each row
 * (loaded, filtered, rejected), to check the file's funding footers against. A row whose two fields cannot be read as
 * numbers is left out; a file without a {@code policy_code} column counts every row as policy code 1, the loans
 * LendingClub's public files hold. Not thread-safe: one per file.
 */
final class ControlTotals {

    private final int funded;
    private final int policy;
    private final int id;
    private final Map<Integer, BigDecimal> sums = new TreeMap<>();
    private long loadedWithoutId;

    ControlTotals(FileLayout layout) {
        this.funded = fieldOf(layout, "funded_amnt");
        this.policy = fieldOf(layout, "policy_code");
        this.id = layout.indexOf("id");
    }

    /** Counts a loaded row that has no {@code id}: it stays in the history only, never in {@code loans_current}. */
    void loaded(org.loanetl.domain.model.LoanRow row) {
        if (id < 0 || row.isNull(id)) {
            loadedWithoutId++;
        }
    }

    /** Loaded rows without an {@code id} so far. */
    long loadedWithoutId() {
        return loadedWithoutId;
    }

    private static int fieldOf(FileLayout layout, String column) {
        int index = layout.indexOf(column);
        return index < 0 ? -1 : layout.fieldPositions()[index];
    }

    /** Counts one data row. */
    void add(RawFields fields) {
        if (funded < 0 || funded >= fields.size()) {
            return;
        }
        BigDecimal amount = number(fields.get(funded));
        if (amount == null) {
            return;
        }
        int code = 1;
        if (policy >= 0) {
            BigDecimal read = policy < fields.size() ? number(fields.get(policy)) : null;
            if (read == null || read.signum() < 0 || read.compareTo(MAX_CODE) > 0
                    || read.stripTrailingZeros().scale() > 0) {
                return;
            }
            code = read.intValue();
        }
        sums.merge(code, amount, BigDecimal::add);
    }

    /** Each footer beside the rows' sum for its policy code (zero when no row had it), in the footers' order. */
    List<ControlTotal> against(Map<Integer, BigDecimal> footers) {
        List<ControlTotal> checked = new ArrayList<>(footers.size());
        footers.forEach((code, amount) -> checked.add(new ControlTotal(code, amount,
                sums.getOrDefault(code, BigDecimal.ZERO))));
        return checked;
    }

    /** A plain number ({@code 5000}, {@code 5000.00}, {@code 1e+05}, {@code $5,000}), or {@code null}. */
    private static BigDecimal number(String text) {
        String plain = text.trim();
        if (plain.isEmpty()) {
            return null;
        }
        if (plain.charAt(0) == '$' || plain.indexOf(',') >= 0) {
            plain = plain.replace("$", "").replace(",", "").trim();
        }
        try {
            BigDecimal value = new BigDecimal(plain);
            return value.abs().compareTo(LIMIT) < 0 ? value : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static final BigDecimal MAX_CODE = BigDecimal.valueOf(999_999_999);

    /** Larger amounts are no loan's (and keep {@code 1e999999999} from costing a huge number). */
    private static final BigDecimal LIMIT = new BigDecimal("1e15");
}
