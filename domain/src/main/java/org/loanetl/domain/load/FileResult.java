package org.loanetl.domain.load;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;

/**
 * How one file's load ended, as the report shows it.
 *
 * @param file              the file and version
 * @param status            loaded, skipped, refused or failed
 * @param reason            why it was skipped, refused or failed; {@code null} when loaded
 * @param counts            what this run did with its lines (zero unless loaded; a dry run counts without loading)
 * @param unknownColumns    header names the catalog does not know, ignored
 * @param after             {@code kept}, {@code archived} or {@code deleted} once done; {@code null} when the source
 *                          was not touched (refused, failed, or the cleanup failed)
 * @param creditScoreColumn the column the credit score was read from, or {@code not applied}; {@code null} when the
 *                          file was not read (skipped, refused, failed)
 * @param controlTotals     the file's funding footers checked against its rows, one per footer; empty when it has none
 *                          or was not read
 * @param retries           how many times its load was tried again after a failure that passes (a lost database,
 *                          S3 throttling), whatever the end
 * @param loadedWithoutId   loaded rows without an {@code id} (no such column, or an empty one): they are in the
 *                          history ({@code loans}) only, never in {@code loans_current}
 * @param chunks            how many byte-range chunks the file was loaded in ({@link org.loanetl.domain.model.FileChunk});
 *                          0 when it was loaded whole
 */
public record FileResult(SourceFile file, FileStatus status, String reason, LoadCounts counts,
                         List<String> unknownColumns, String after, String creditScoreColumn,
                         List<ControlTotal> controlTotals, int retries, long loadedWithoutId, int chunks)
        implements Serializable {

    public FileResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(counts, "counts");
        unknownColumns = List.copyOf(unknownColumns);
        controlTotals = List.copyOf(controlTotals);
        if (retries < 0 || loadedWithoutId < 0 || chunks < 0) {
            throw new IllegalArgumentException("retries, loadedWithoutId and chunks must not be negative");
        }
    }

    /** A result of a file loaded whole. */
    public FileResult(SourceFile file, FileStatus status, String reason, LoadCounts counts,
                      List<String> unknownColumns, String after, String creditScoreColumn,
                      List<ControlTotal> controlTotals, int retries, long loadedWithoutId) {
        this(file, status, reason, counts, unknownColumns, after, creditScoreColumn, controlTotals, retries,
                loadedWithoutId, 0);
    }

    /** A result without control totals, tried once. */
    public FileResult(SourceFile file, FileStatus status, String reason, LoadCounts counts,
                      List<String> unknownColumns, String after, String creditScoreColumn) {
        this(file, status, reason, counts, unknownColumns, after, creditScoreColumn, List.of(), 0, 0);
    }

    /** A file loaded just now (or counted by a dry run), its source not yet kept, archived or deleted. */
    public static FileResult loaded(SourceFile file, LoadCounts counts, List<String> unknownColumns,
                                    String creditScoreColumn) {
        return new FileResult(file, FileStatus.LOADED, null, counts, unknownColumns, null, creditScoreColumn);
    }

    /** A file not loaded by this run, for a reason that is no failure (loaded already, say). */
    public static FileResult skipped(SourceFile file, String reason) {
        return new FileResult(file, FileStatus.SKIPPED, reason, LoadCounts.NONE, List.of(), null, null);
    }

    /** A file refused for its content; nothing of it was loaded and its source is left where it was. */
    public static FileResult refused(SourceFile file, String reason) {
        return new FileResult(file, FileStatus.REFUSED, reason, LoadCounts.NONE, List.of(), null, null);
    }

    /** A file whose load failed; nothing of it was committed, and the next run tries it again. */
    public static FileResult failed(SourceFile file, String reason) {
        return new FileResult(file, FileStatus.FAILED, reason, LoadCounts.NONE, List.of(), null, null);
    }

    /**
     * A file whose load threw what nobody expected, an {@link Error} included (out of memory, mostly): failed, with a
     * one-line reason that names the file, so that it is reported, never lost, and the run exits non-zero.
     */
    public static FileResult failedBy(SourceFile file, Throwable e) {
        String why;
        if (e instanceof OutOfMemoryError) {
            why = "out of memory (" + e.getMessage() + "): give loan-etl a larger heap (JDK_JAVA_OPTIONS=-Xmx1g, say)"
                    + " or load fewer files at once (--threads)";
        } else {
            why = "unexpected error: " + e;
        }
        int cut = why.indexOf('\n');
        return failed(file, file.name() + ": " + (cut < 0 ? why : why.substring(0, cut)).strip());
    }

    /** This result with the cleanup's outcome. */
    FileResult withAfter(String done, String problem) {
        return new FileResult(file, status, problem == null ? reason : problem, counts, unknownColumns, done,
                creditScoreColumn, controlTotals, retries, loadedWithoutId, chunks);
    }

    /** This result, tried {@code count} more times. */
    public FileResult retried(int count) {
        return count == 0 ? this : new FileResult(file, status, reason, counts, unknownColumns, after,
                creditScoreColumn, controlTotals, retries + count, loadedWithoutId, chunks);
    }

    /** This result with the file's control totals. */
    public FileResult withControlTotals(List<ControlTotal> totals) {
        return new FileResult(file, status, reason, counts, unknownColumns, after, creditScoreColumn, totals, retries,
                loadedWithoutId, chunks);
    }

    /** This result, with how many of its loaded rows have no id. */
    public FileResult withLoadedWithoutId(long count) {
        return new FileResult(file, status, reason, counts, unknownColumns, after, creditScoreColumn, controlTotals,
                retries, count, chunks);
    }

    /** This result, of a file loaded in {@code count} chunks. */
    public FileResult withChunks(int count) {
        return new FileResult(file, status, reason, counts, unknownColumns, after, creditScoreColumn, controlTotals,
                retries, loadedWithoutId, count);
    }
}
