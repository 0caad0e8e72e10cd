package org.loanetl.domain.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.loanetl.domain.model.LoadCounts;

/**
 * The real LendingClub files of {@code fixtures/real/} and what loading each must give, as an independent reading of
 * the spec worked out ({@code fixtures/real/oracle/oracle.py}): the counts with the score filter skipped where a file
 * has no score column, and every catalog column of the first two loaded rows of each file.
 */
public final class RealFiles {

    /** Where a value is NULL in {@code expected-rows.tsv}. */
    public static final String NULL = null;

    private RealFiles() {
    }

    /**
     * One file's expected outcome.
     *
     * @param file              its name under {@code fixtures/real/}
     * @param counts            what a load gives with {@code --when-no-credit-score skip-filter}
     * @param creditScoreColumn the score column used, or {@code not applied}
     */
    public record Expected(String file, LoadCounts counts, String creditScoreColumn) {

        /** The fixture path ({@code real/kaggle-2015-74col.csv}). */
        public String fixture() {
            return "real/" + file;
        }

        /** Whether the file has no score column (and so is refused under the default rules). */
        public boolean lacksScore() {
            return creditScoreColumn.equals("not applied");
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** Every real file's expected outcome, by file name. */
    public static List<Expected> expected() {
        List<Expected> expected = new ArrayList<>();
        for (String[] f : table("real/expected-counts.tsv")) {
            long[] n = new long[7];
            for (int i = 0; i < n.length; i++) {
                n[i] = Long.parseLong(f[i + 1]);
            }
            LoadCounts counts = new LoadCounts(n[1], n[2], n[3], n[4], n[5], n[6]);
            if (counts.dataRows() != n[0]) {
                throw new IllegalStateException(f[0] + ": expected counts do not add up to its data rows");
            }
            expected.add(new Expected(f[0], counts, f[8]));
        }
        return expected;
    }

    /**
     * The expected values of a few loaded rows of one file: line, then catalog column name, then the value rendered
     * as {@link CanonicalValues} renders it ({@code null} for NULL). Every catalog column is there, NULL where the
     * file lacks it.
     */
    public static Map<Long, Map<String, String>> expectedRows(String file) {
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        for (String[] f : table("real/expected-rows.tsv")) {
            if (f[0].equals(file)) {
                rows.computeIfAbsent(Long.parseLong(f[1]), line -> new LinkedHashMap<>())
                        .put(f[2], f[3].equals("\\N") ? NULL : unescape(f[3]));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no expected rows for " + file);
        }
        return rows;
    }

    private static List<String[]> table(String fixture) {
        try {
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line : Files.readAllLines(Fixtures.path(fixture), UTF_8)) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                if (!header) {
                    rows.add(line.split("\t", -1));
                }
                header = false;
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<Character, Character> ESCAPES = new HashMap<>(Map.of('t', '\t', 'n', '\n', 'r', '\r',
            '\\', '\\'));

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(ESCAPES.getOrDefault(text.charAt(++i), text.charAt(i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
