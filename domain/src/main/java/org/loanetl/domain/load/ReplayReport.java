package org.loanetl.domain.load;

import java.util.List;
import org.loanetl.domain.model.LoadCounts;

/** What a replay of stored rejects did, file by file. */
public record ReplayReport(List<FileReplay> files) {

    public ReplayReport {
        files = List.copyOf(files);
    }

    /** The files' replayed counts added up (those left count nothing). */
    public LoadCounts total() {
        LoadCounts total = LoadCounts.NONE;
        for (FileReplay file : files) {
            total = total.plus(file.replayed());
        }
        return total;
    }

    /** How many files were left as they were, failed ones included. */
    public long left() {
        return files.stream().filter(f -> f.status() == FileReplay.Status.LEFT
                || f.status() == FileReplay.Status.FAILED).count();
    }

    /** Whether a file's replay failed. */
    public boolean failed() {
        return files.stream().anyMatch(f -> f.status() == FileReplay.Status.FAILED);
    }
}
