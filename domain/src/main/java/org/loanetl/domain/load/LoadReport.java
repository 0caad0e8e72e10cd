package org.loanetl.domain.load;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;

/**
 * What a run did: one result per file, in location order ({@link #inLocationOrder}, so two runs of the same files
 * report alike, whatever order they finished in), the source entries that were not loans files, and why the listing
 * stopped, if it did.
 *
 * @param failure why the source could not be listed to its end (a folder it could not read), in one line, or
 *                {@code null} when it was; the files listed before it are in {@code files}, as they ended
 */
public record LoadReport(List<FileResult> files, List<String> ignored, String failure) implements Serializable {

    public LoadReport {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
    }

    /** A report of these results in location order, then version: what every engine returns. */
    public static LoadReport inLocationOrder(Collection<FileResult> results, List<String> ignored,
                                             String failure) {
        List<FileResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((FileResult r) -> r.file().location())
                .thenComparing(r -> r.file().version()));
        return new LoadReport(sorted, ignored, failure);
    }

    /** A run whose source was listed to its end. */
    public LoadReport(List<FileResult> files, List<String> ignored) {
        this(files, ignored, null);
    }

    /**
     * Why a listing stopped, in one line for {@link #failure}: a {@link LoanEtlException}'s own message (the source's
     * words, naming the place), a folder the file system could not list as {@link SourceException#cannotList} words it
     * ({@link java.nio.file.Files#walk} throws that as an {@link UncheckedIOException}), anything else as it is.
     */
    public static String whyListingStopped(RuntimeException e) {
        String why;
        if (e instanceof LoanEtlException) {
            why = e.getMessage();
        } else if (e instanceof UncheckedIOException unchecked) {
            why = SourceException.cannotList("the source", unchecked.getCause()).getMessage();
        } else {
            why = "the source: cannot list: " + e;
        }
        int cut = why.indexOf('\n');
        return (cut < 0 ? why : why.substring(0, cut)).strip();
    }

    /** The counts of all files together. */
    public LoadCounts totals() {
        return files.stream().map(FileResult::counts).reduce(LoadCounts.NONE, LoadCounts::plus);
    }

    /** How many times the run tried a file's load again after a failure that passes, over all files. */
    public long retries() {
        return files.stream().mapToLong(FileResult::retries).sum();
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
