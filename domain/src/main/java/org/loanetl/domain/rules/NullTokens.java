package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words that mean "no value" in every column that is not text: R writes {@code NA}, pandas {@code NaN}, database
 * exports {@code NULL} or {@code None}. Matched on the trimmed field, in any case. Text columns never use them
 * ({@code n/a} is a real {@code emp_length}). An empty or blank field is null whatever this list holds.
 *
 * @param tokens the words, as configured (trimmed; empty words dropped); the empty list leaves only the empty field
 */
public record NullTokens(List<String> tokens) implements Serializable {

    /** The spec's list. */
    public static final NullTokens DEFAULT = new NullTokens(List.of("NA", "N/A", "NaN", "NULL", "null", "None"));
    /** No word is null: only an empty or blank field. */
    public static final NullTokens NONE = new NullTokens(List.of());

    public NullTokens {
        Set<String> kept = new LinkedHashSet<>();
        for (String token : tokens) {
            String trimmed = token.trim();
            if (!trimmed.isEmpty()) {
                kept.add(trimmed);
            }
        }
        tokens = List.copyOf(kept);
    }

    /** A comma-separated list ({@code NA,N/A,NaN}); {@code ""} gives {@link #NONE}. */
    public static NullTokens parse(String list) {
        return new NullTokens(List.of(list.split(",", -1)));
    }

    /** The list as {@link #parse} reads it. */
    public String label() {
        return String.join(",", tokens);
    }

    /**
     * A matcher over characters, made once per file: a field is compared with the words only when its length and
     * first letter fit one of them, so a number costs two array reads.
     */
    public Matcher matcher() {
        return new Matcher(tokens);
    }

    /** Tells null words in trimmed character slices. Immutable. */
    public static final class Matcher {

        private final char[][] lower;
        /** Bit {@code n} set when some word has {@code n} characters (words longer than 63 always compare). */
        private final long lengths;
        /** Bit {@code c} set when some word starts with ASCII letter or sign {@code c} (lower case), below 128. */
        private final long[] firsts = new long[2];
        private final boolean nonAsciiFirst;

        private Matcher(List<String> tokens) {
            List<char[]> words = new ArrayList<>();
            long lengthBits = 0;
            boolean nonAscii = false;
            for (String token : tokens) {
                char[] word = token.toLowerCase(Locale.ROOT).toCharArray();
                words.add(word);
                lengthBits |= word.length < 64 ? 1L << word.length : 1L << 63;
                char first = word[0];
                if (first < 128) {
                    firsts[first >>> 6] |= 1L << (first & 63);
                } else {
                    nonAscii = true;
                }
            }
            this.lower = words.toArray(new char[0][]);
            this.lengths = lengthBits;
            this.nonAsciiFirst = nonAscii;
        }

        /** Whether the trimmed, non-empty slice {@code c[from, to)} is one of the words, in any case. */
        public boolean matches(char[] c, int from, int to) {
            int length = to - from;
            if ((lengths & (length < 64 ? 1L << length : 1L << 63)) == 0) {
                return false;
            }
            char first = Character.toLowerCase(c[from]);
            if (first < 128 ? (firsts[first >>> 6] & (1L << (first & 63))) == 0 : !nonAsciiFirst) {
                return false;
            }
            for (char[] word : lower) {
                if (word.length == length && sameIgnoringCase(word, c, from)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sameIgnoringCase(char[] lowerWord, char[] c, int from) {
            for (int i = 0; i < lowerWord.length; i++) {
                if (Character.toLowerCase(c[from + i]) != lowerWord[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
