package org.loanetl.domain.load;

import java.io.Serializable;
import java.util.List;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;

/**
 * What a run did: one result per file, in location order (engines sort them, so two runs of the same files report alike), and the source entries that were not loans
 * files.
 */
public record LoadReport(List<FileResult> files, List<String> ignored) implements Serializable {

    public LoadReport {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
    }

    /** The counts of all files together. */
    public LoadCounts totals() {
        return files.stream().map(FileResult::counts).reduce(LoadCounts.NONE, LoadCounts::plus);
    }

    /** How many files ended with this status. */
    public long count(FileStatus status) {
        return files.stream().filter(f -> f.status() == status).count();
    }

    /** Whether a loaded file's cleanup (archive or delete) failed; the load itself stands. */
    public boolean cleanupFailed() {
        return files.stream().anyMatch(f -> f.status() == FileStatus.LOADED && f.after() == null);
    }
}
