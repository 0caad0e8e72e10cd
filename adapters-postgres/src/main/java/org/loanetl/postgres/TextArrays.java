package org.loanetl.postgres;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL {@code text[]} literals ({@code {"a","b\"c"}}) for lists of names, kept: thousands of small files of
 * one layout bind the same 151-name header, which is written once instead of once a file. Thread-safe; it forgets
 * everything past {@value #KEPT} lists (a run sees a handful of layouts).
 */
final class TextArrays {

    static final int KEPT = 256;

    private final Map<List<String>, String> literals = new ConcurrentHashMap<>();

    /** The list as an array literal, every element quoted; {@code null} for {@code null}. */
    String literal(List<String> values) {
        if (values == null) {
            return null;
        }
        String known = literals.get(values);
        if (known != null) {
            return known;
        }
        if (literals.size() >= KEPT) {
            literals.clear();
        }
        String literal = write(values);
        literals.put(List.copyOf(values), literal);
        return literal;
    }

    static String write(List<String> values) {
        StringBuilder out = new StringBuilder(16 * values.size() + 2).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                out.append("NULL");
                continue;
            }
            out.append('"');
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    out.append('\\');
                }
                out.append(ch);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }
}
