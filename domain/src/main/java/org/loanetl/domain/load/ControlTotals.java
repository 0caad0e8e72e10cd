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
    /** Plain amounts of policy codes 0 to 7 (the codes there are), in cents, and the most decimals each was written with. */
    private final long[] plainCents = new long[PLAIN_CODES];
    private final int[] plainScale = new int[PLAIN_CODES];
    private final boolean[] plainSeen = new boolean[PLAIN_CODES];
    private static final int PLAIN_CODES = 8;
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

    /**
     * Counts one data row. Plain amounts ({@code 5000}, {@code 5000.5}, {@code 5000.00}) and policy codes are read
     * from the row's characters into cents, without a String or a BigDecimal: this runs for every row of every file.
     * Anything else ({@code $5,000}, {@code 1e+05}, {@code 1.0} as a code) takes the general path.
     */
    void add(RawFields fields) {
        if (funded < 0 || funded >= fields.size() || policy >= fields.size()) {
            return;
        }
        char[] chars = fields.chars();
        int from = fields.start(funded);
        int to = fields.end(funded);
        long amount = cents(chars, from, to);
        int code = policy < 0 ? 1 : code(chars, fields.start(policy), fields.end(policy));
        if (amount != NOT_PLAIN && code >= 0 && code < PLAIN_CODES
                && plainCents[code] <= Long.MAX_VALUE - amount) {
            plainCents[code] += amount;
            plainScale[code] = Math.max(plainScale[code], decimals(chars, from, to));
            plainSeen[code] = true;
            return;
        }
        BigDecimal value = number(fields.get(funded));
        if (value == null) {
            return;
        }
        if (policy >= 0) {
            BigDecimal read = number(fields.get(policy));
            if (read == null || read.signum() < 0 || read.compareTo(MAX_CODE) > 0
                    || read.stripTrailingZeros().scale() > 0) {
                return;
            }
            code = read.intValue();
        }
        sums.merge(code, value, BigDecimal::add);
    }

    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /** Digits, then at most two decimals, spaces around: the amount in cents; else {@link #NOT_PLAIN}. */
    private static long cents(char[] c, int from, int to) {
        while (from < to && c[from] == ' ') {
            from++;
        }
        while (to > from && c[to - 1] == ' ') {
            to--;
        }
        long whole = 0;
        int at = from;
        while (at < to && c[at] >= '0' && c[at] <= '9' && at - from < 15) {
            whole = whole * 10 + (c[at++] - '0');
        }
        if (at == from) {
            return NOT_PLAIN;
        }
        long fraction = 0;
        if (at < to && c[at] == '.') {
            at++;
            int digits = 0;
            while (at < to && c[at] >= '0' && c[at] <= '9' && digits < 2) {
                fraction = fraction * 10 + (c[at++] - '0');
                digits++;
            }
            fraction = digits == 1 ? fraction * 10 : fraction;
        }
        return at == to ? whole * 100 + fraction : NOT_PLAIN;
    }

    /** How many decimals a plain amount was written with (0 to 2). */
    private static int decimals(char[] c, int from, int to) {
        while (to > from && c[to - 1] == ' ') {
            to--;
        }
        for (int at = to - 1; at >= from && at >= to - 3; at--) {
            if (c[at] == '.') {
                return to - 1 - at;
            }
        }
        return 0;
    }

    /** A plain whole number of at most 9 digits, spaces around; else -1. */
    private static int code(char[] c, int from, int to) {
        while (from < to && c[from] == ' ') {
            from++;
        }
        while (to > from && c[to - 1] == ' ') {
            to--;
        }
        if (from == to || to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int at = from; at < to; at++) {
            if (c[at] < '0' || c[at] > '9') {
                return -1;
            }
            value = value * 10 + (c[at] - '0');
        }
        return value;
    }

    /** Each footer beside the rows' sum for its policy code (zero when no row had it), in the footers' order. */
    List<ControlTotal> against(Map<Integer, BigDecimal> footers) {
        List<ControlTotal> checked = new ArrayList<>(footers.size());
        footers.forEach((code, amount) -> checked.add(new ControlTotal(code, amount, rows(code))));
        return checked;
    }

    /** The rows' sums by policy code, every code a row had, with these footers: a chunk's part of the file's. */
    org.loanetl.domain.model.ControlSums sums(Map<Integer, BigDecimal> footers) {
        Map<Integer, BigDecimal> all = new TreeMap<>();
        for (int code = 0; code < PLAIN_CODES; code++) {
            if (plainSeen[code]) {
                all.put(code, rows(code));
            }
        }
        sums.keySet().forEach(code -> all.put(code, rows(code)));
        return new org.loanetl.domain.model.ControlSums(all, footers);
    }

    /** The rows' sum for a policy code: the plain amounts' cents and the others' exact sum together. */
    private BigDecimal rows(int code) {
        BigDecimal other = sums.get(code);
        if (code < 0 || code >= PLAIN_CODES || !plainSeen[code]) {
            return other == null ? BigDecimal.ZERO : other;
        }
        BigDecimal plain = BigDecimal.valueOf(plainCents[code], 2).setScale(plainScale[code]);
        return other == null ? plain : other.add(plain);
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
