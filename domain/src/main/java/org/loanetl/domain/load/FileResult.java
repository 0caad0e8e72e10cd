package org.loanetl.domain.load;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;

/**
 * How one file's load ended, as the report shows it.
 *
 * @param file           the file and version
 * @param status         loaded, skipped, refused or failed
 * @param reason         why it was skipped, refused or failed; {@code null} when loaded
 * @param counts         what this run did with its lines (zero unless loaded; a dry run counts without loading)
 * @param unknownColumns header names the catalog does not know, ignored
 * @param after          {@code kept}, {@code archived} or {@code deleted} once done; {@code null} when the source was
 *                       not touched (refused, failed, or the cleanup failed)
 */
public record FileResult(SourceFile file, FileStatus status, String reason, LoadCounts counts,
                         List<String> unknownColumns, String after) implements Serializable {

    public FileResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(counts, "counts");
        unknownColumns = List.copyOf(unknownColumns);
    }

    static FileResult refused(SourceFile file, String reason) {
        return new FileResult(file, FileStatus.REFUSED, reason, LoadCounts.NONE, List.of(), null);
    }

    static FileResult failed(SourceFile file, String reason) {
        return new FileResult(file, FileStatus.FAILED, reason, LoadCounts.NONE, List.of(), null);
    }

    /** This result with the cleanup's outcome. */
    FileResult withAfter(String done, String problem) {
        return new FileResult(file, status, problem == null ? reason : problem, counts, unknownColumns, done);
    }
}
