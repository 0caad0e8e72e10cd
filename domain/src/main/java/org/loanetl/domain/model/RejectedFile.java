package org.loanetl.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A loaded file that has stored rejects, as a replay of them needs it.
 *
 * @param id       its ledger id: the rows it loads keep it, with their original line
 * @param location where it was loaded from ({@link SourceFile#location()})
 * @param header   its header's names as read at load, or {@code null} for a file loaded before headers were kept,
 *                 whose rejects cannot be replayed
 * @param rejects  how many of its stored rejects the selection chose
 */
public record RejectedFile(long id, String location, List<String> header, long rejects) {

    public RejectedFile {
        Objects.requireNonNull(location, "location");
        header = header == null ? null : List.copyOf(header);
    }

    /** The last path segment, for messages: {@code 2011.csv}. */
    public String name() {
        return new SourceFile(location, "-", -1).name();
    }
}
