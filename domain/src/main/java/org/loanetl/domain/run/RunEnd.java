package org.loanetl.domain.run;

import java.time.Instant;
import java.util.Objects;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.FileStatus;

/**
 * How a run ended.
 *
 * @param outcome how it ended
 * @param report  what it did, file by file: the whole run when it completed or failed, the files finished before it
 *                was stopped when it was aborted
 * @param error   why it failed or was aborted, in one line; {@code null} when it completed
 * @param endedAt when it ended
 * @param retries how many times a transient failure (a lost database connection, S3 throttling) was retried
 */
public record RunEnd(Outcome outcome, LoadReport report, String error, Instant endedAt, long retries) {

    public RunEnd {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** How a run may end. */
    public enum Outcome {
        /** Every file was loaded, skipped or refused for its content: nothing is left to retry. */
        COMPLETE,
        /** A file failed, a cleanup failed, or the source could not be listed to its end. */
        FAIL,
        /** It was stopped from outside (SIGTERM, Ctrl-C) before it ended. */
        ABORT
    }

    /**
     * The end of a run that ran to its end: {@code FAIL} with the first reason when a file failed, its cleanup failed
     * or the listing stopped, else {@code COMPLETE}. Refused files are the content's fault, not the run's: the run
     * completed, and its report says which files were refused.
     */
    public static RunEnd of(LoadReport report, Instant endedAt, long retries) {
        String error = report.failure();
        if (error == null) {
            error = report.files().stream()
                    .filter(f -> f.status() == FileStatus.FAILED
                            || f.status() == FileStatus.LOADED && f.after() == null)
                    .map(f -> f.reason() == null ? f.file().location() + ": failed" : f.reason())
                    .findFirst().orElse(null);
        }
        return new RunEnd(error == null ? Outcome.COMPLETE : Outcome.FAIL, report, error, endedAt, retries);
    }
}
