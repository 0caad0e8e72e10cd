package org.loanetl.domain.load;

import java.util.List;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectedFile;

/**
 * How one file's replay of its rejects ended.
 *
 * @param file     the file, with how many of its rejects were chosen
 * @param status   whether it was replayed, only looked at, or left as it was, and why
 * @param replayed what became of the chosen rejects: loaded (moved to the loans), filtered per reason, still rejected;
 *                 {@link LoadCounts#NONE} when the file was left
 * @param examples the first few rows that still fail, each with its new reason
 * @param note     why the file was left (no header kept, a header today's rules refuse, a failure), else {@code null}
 */
public record FileReplay(RejectedFile file, Status status, LoadCounts replayed, List<Reject> examples, String note) {

    /** How a file's replay ended. */
    public enum Status {
        /** Committed: the rows that now pass moved, the rest carry their new reason. */
        REPLAYED,
        /** Classified under a dry run; nothing written. */
        PREVIEWED,
        /** Left as it was: its header was not kept, or today's rules refuse it. */
        LEFT,
        /** Left as it was: the replay failed (the database lost, a row that cannot be stored); nothing committed. */
        FAILED
    }

    public FileReplay {
        examples = List.copyOf(examples);
    }

    /** A file left as it was, for this reason. */
    static FileReplay left(RejectedFile file, String note) {
        return new FileReplay(file, Status.LEFT, LoadCounts.NONE, List.of(), note);
    }

    /** A file whose replay failed, nothing of it committed, for this reason. */
    static FileReplay failed(RejectedFile file, String note) {
        return new FileReplay(file, Status.FAILED, LoadCounts.NONE, List.of(), note);
    }
}
