package org.loanetl.domain.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fakes were asked to do, in order, one line each ({@code commit a.csv}, {@code finish a.csv delete}), so a
 * test can assert the order of calls across ports. Thread-safe.
 */
public final class Journal {

    private final List<String> entries = new ArrayList<>();

    /** Writes one entry. */
    public synchronized void add(String entry) {
        entries.add(entry);
    }

    /** Every entry so far, oldest first. */
    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** The entries that start with this word ({@code "commit"}), oldest first. */
    public synchronized List<String> entries(String verb) {
        return entries.stream().filter(e -> e.startsWith(verb + " ")).toList();
    }

    /** Forgets what was written so far. */
    public synchronized void clear() {
        entries.clear();
    }
}
