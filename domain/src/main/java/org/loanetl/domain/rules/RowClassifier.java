package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.RawFields;
import org.loanetl.domain.model.ValueType;

/**
 * Decides each data row of one file: cast every known column, then apply the filters that are on, in the spec's order.
 * Not thread-safe: one classifier per file being read (it reuses the arrays of rows that are not loaded).
 * A row is rejected before any filter is tried: only a parsed row can be filtered.
 */
public final class RowClassifier implements Serializable {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String POLICY_PREFIX = "does not meet the credit policy. status:";
    private static final String CHARGED_OFF = "charged off";
    private static final RowOutcome.Filtered[] FILTERED = Arrays.stream(FilterReason.values())
            .map(RowOutcome.Filtered::new).toArray(RowOutcome.Filtered[]::new);

    private final FileLayout layout;
    private final LoadRules rules;
    private final ColumnKind[] kinds;
    private final ValueType[] types;
    private final int[] positions;
    private final FileLayout.Part[] parts;
    private final NullTokens.Matcher nulls;
    /** Row sizes that are accepted: the header's count, and one more (a trailing delimiter) under {@link #accepts}. */
    private final int fieldCount;
    /** Whether the header itself ended in an empty name, so a row's extra last field is ignored whatever it holds. */
    private final boolean headerTrails;
    private final int statusIndex;
    private final int purposeIndex;
    private final int scoreIndex;
    /** The arrays the next row is cast into; a loaded row keeps them, a filtered or rejected one hands them on. */
    private transient long[] numbers;
    private transient int[] starts;
    private transient int[] ends;
    private transient LoanRow filteredRow;

    public RowClassifier(FileLayout layout, LoadRules rules) {
        this.layout = layout;
        this.rules = rules;
        this.kinds = layout.columns().stream().map(Column::kind).toArray(ColumnKind[]::new);
        this.types = Arrays.stream(kinds).map(ColumnKind::valueType).toArray(ValueType[]::new);
        this.positions = layout.fieldPositions();
        this.parts = layout.parts();
        this.nulls = rules.nullTokens().matcher();
        this.fieldCount = layout.fieldCount();
        this.headerTrails = layout.header().size() > layout.fieldCount();
        this.statusIndex = layout.indexOf("loan_status");
        this.purposeIndex = layout.indexOf("purpose");
        this.scoreIndex = layout.scoreApplied() ? layout.indexOf(layout.creditScoreColumn()) : -1;
    }

    /** The outcome of one row, given its fields as read and the line it starts on. */
    public RowOutcome classify(long line, List<String> fields) {
        return classify(line, fields instanceof RawFields raw ? raw : RawFields.of(fields));
    }

    /**
     * The outcome of one row, given its fields as the reader tokenized them and the line it starts on. Values are
     * cast straight from the characters; text stays a slice of them, so a row that is filtered out costs no objects
     * beyond its arrays.
     */
    public RowOutcome classify(long line, RawFields fields) {
        if (!accepts(fields)) {
            return new RowOutcome.Rejected("row has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
                    + ", header has " + fieldCount);
        }
        int n = kinds.length;
        if (numbers == null) {
            numbers = new long[n];
            starts = new int[n];
            ends = new int[n];
        }
        long[] numbers = this.numbers;
        int[] starts = this.starts;
        int[] ends = this.ends;
        char[] chars = fields.chars();
        StringBuilder problems = null;
        for (int i = 0; i < n; i++) {
            int field = positions[i];
            int from = fields.start(field);
            int to = fields.end(field);
            if (kinds[i] == ColumnKind.TEXT) {
                starts[i] = from == to ? -1 : from;
                ends[i] = to;
                continue;
            }
            int start = ColumnKind.trimmedStart(chars, from, to);
            int end = ColumnKind.trimmedEnd(chars, start, to);
            if (start == end || nulls.matches(chars, start, end)) {
                starts[i] = -1; // reused arrays: set every time
                continue;
            }
            try {
                if (parts[i] != FileLayout.Part.WHOLE) {
                    starts[i] = rangeEnd(chars, start, end, from, to, parts[i], numbers, i) ? 0 : -1;
                } else {
                    starts[i] = kinds[i].parse(chars, start, end, from, to, numbers, i) ? 0 : -1;
                }
            } catch (BadValueException e) {
                starts[i] = -1;
                if (parts[i] == FileLayout.Part.RANGE_HIGH) {
                    continue; // its low end, on the same field, has said it already
                }
                problems = problems == null ? new StringBuilder() : problems.append("; ");
                problems.append(parts[i] == FileLayout.Part.WHOLE ? layout.columns().get(i).name()
                        : layout.header().get(field).trim()).append(": ").append(e.getMessage());
            }
        }
        if (problems != null) {
            return new RowOutcome.Rejected(problems.toString());
        }
        LoanRow row = new LoanRow(line, types, numbers, starts, ends, chars);
        FilterReason reason = filterReason(row);
        if (reason != null) {
            filteredRow = row;
            return FILTERED[reason.ordinal()]; // the arrays serve the next row
        }
        this.numbers = null; // the loaded row keeps them
        return new RowOutcome.Loaded(row);
    }

    /**
     * The row the last {@link #classify} filtered out, its values cast: valid until the next call, whose row reuses
     * its arrays; {@code null} before any row was filtered.
     */
    public LoanRow filteredRow() {
        return filteredRow;
    }

    /** Whether a row has the header's field count, or one more that a trailing delimiter explains. */
    private boolean accepts(RawFields fields) {
        int size = fields.size();
        return size == fieldCount || size == fieldCount + 1 && (headerTrails || fields.isBlank(fieldCount));
    }

    /**
     * One end of a score range as the c.2012 download writes {@code FICO Range}: {@code 660-678} is low 660 and high
     * 678, {@code 780+} low 780 and high null, a single number both ends. {@code c[start, end)} is the trimmed field.
     *
     * @return false for null
     */
    private static boolean rangeEnd(char[] c, int start, int end, int from, int to, FileLayout.Part part, long[] out,
                                    int index) throws BadValueException {
        int dash = -1;
        for (int at = start + 1; at < end; at++) {
            if (c[at] == '-') {
                dash = at;
                break;
            }
        }
        int lowEnd = dash >= 0 ? dash : c[end - 1] == '+' ? end - 1 : end;
        int highStart = dash >= 0 ? dash + 1 : start;
        int highEnd = dash >= 0 ? end : c[end - 1] == '+' ? -1 : end;
        try {
            // The low end checks the whole range, so a bad one is said once, by the column that comes first.
            boolean low = rangeNumber(c, start, lowEnd, out, index);
            boolean high = highEnd < 0 || rangeNumber(c, highStart, highEnd, out, index);
            if (part == FileLayout.Part.RANGE_LOW) {
                return low && rangeNumber(c, start, lowEnd, out, index);
            }
            return high && highEnd >= 0; // "780+" has no high end
        } catch (BadValueException e) {
            throw new BadValueException("not a score range", new String(c, from, to - from));
        }
    }

    /** One whole, unsigned number of a range into {@code out[index]}. */
    private static boolean rangeNumber(char[] c, int from, int to, long[] out, int index) throws BadValueException {
        int a = ColumnKind.trimmedStart(c, from, to);
        int b = ColumnKind.trimmedEnd(c, a, to);
        if (a == b || c[a] == '-' || c[a] == '+') {
            throw new BadValueException("not a score", "");
        }
        return ColumnKind.INTEGER.parse(c, a, b, a, b, out, index);
    }

    private FilterReason filterReason(LoanRow row) {
        if (rules.applies(FilterReason.CHARGED_OFF) && !row.isNull(statusIndex)
                && chargedOff(row.chars(), row.textStart(statusIndex), row.textEnd(statusIndex))) {
            return FilterReason.CHARGED_OFF;
        }
        if (rules.applies(FilterReason.PURPOSE_OTHER) && !row.isNull(purposeIndex)
                && isOther(row.chars(), row.textStart(purposeIndex), row.textEnd(purposeIndex))) {
            return FilterReason.PURPOSE_OTHER;
        }
        if (scoreIndex >= 0
                && (row.isNull(scoreIndex) || row.number(scoreIndex) < rules.minCreditScore())) {
            return FilterReason.LOW_CREDIT_SCORE;
        }
        return null;
    }

    /** {@code other}, trimmed and in any case. */
    private static boolean isOther(char[] c, int from, int to) {
        int start = ColumnKind.trimmedStart(c, from, to);
        int end = ColumnKind.trimmedEnd(c, start, to);
        return end - start == 5 && new String(c, start, 5).equalsIgnoreCase("other");
    }

    /**
     * {@link #chargedOff(String)} on a slice; the common statuses are decided without making a String: too short to
     * hold "charged off" ("Current", "Fully Paid"), or not ending in "off" ("Late (31-120 days)", "In Grace Period").
     */
    private static boolean chargedOff(char[] c, int from, int to) {
        int end = ColumnKind.trimmedEnd(c, from, to);
        if (end - from < CHARGED_OFF.length() || (c[end - 1] | 0x20) != 'f' || (c[end - 2] | 0x20) != 'f'
                || (c[end - 3] | 0x20) != 'o') {
            return false;
        }
        return chargedOff(new String(c, from, to - from));
    }

    /**
     * {@code Charged Off}, trimmed and in any case, also under the credit-policy prefix (whose spacing varies between
     * LendingClub's files, hence the collapsed whitespace).
     */
    static boolean chargedOff(String status) {
        if (status == null) {
            return false;
        }
        if (status.equals("Charged Off")) {
            return true;
        }
        String s = WHITESPACE.matcher(status.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (s.startsWith(POLICY_PREFIX)) {
            s = s.substring(POLICY_PREFIX.length()).trim();
        }
        return s.equals(CHARGED_OFF);
    }
}
