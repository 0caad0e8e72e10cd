package org.loanetl.app.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;

/** The summary a person reads after a run: a table with a row per file and the totals, then reasons and notes. */
public final class ConsoleReport {

    private static final String[] HEADINGS = {"file", "status", "data rows", "loaded", "charged off", "purpose other",
        "low score", "score column", "rejected", "skipped", "after"};

    private ConsoleReport() {
    }

    /**
     * Skipped files listed one by one up to this many; beyond it, the table gives them one row and one line, so a
     * rerun over ten thousand loaded files shows what happened to the files that had something to say.
     */
    static final int LISTED_SKIPS = 20;

    /** Prints the table, then why each file that did not load was skipped, refused or failed. */
    public static void print(LoadReport report, PrintStream out) {
        List<FileResult> quiet = report.files().stream().filter(ConsoleReport::quietSkip).toList();
        boolean collapse = quiet.size() > LISTED_SKIPS;
        List<FileResult> listed = collapse
                ? report.files().stream().filter(file -> !quietSkip(file)).toList() : report.files();
        List<String[]> rows = new ArrayList<>();
        for (FileResult file : listed) {
            rows.add(row(file.file().name(), file.status().label(), file.counts(), orDash(file.creditScoreColumn()),
                    orDash(file.after())));
        }
        if (collapse) {
            List<String> afters = quiet.stream().map(FileResult::after).distinct().toList();
            rows.add(row(String.format("(%,d files loaded before)", quiet.size()), FileStatus.SKIPPED.label(),
                    LoadCounts.NONE, "-", afters.size() == 1 ? afters.get(0) : "-"));
        }
        rows.add(row(String.format("total (%,d files)", report.files().size()), "", report.totals(), "", ""));
        Table.print(HEADINGS, rows, out);
        for (FileResult file : listed) {
            if (file.reason() != null) {
                out.println(file.file().name() + ": " + file.status().label() + ": " + file.reason());
            }
            for (ControlTotal control : file.controlTotals()) {
                if (!control.matches()) {
                    out.println(file.file().name() + ": control total does not match: " + control);
                }
            }
            if (file.chunks() > 0 && file.status() == FileStatus.LOADED) {
                out.println(file.file().name() + ": loaded in " + file.chunks() + " chunks, each committed on its own");
            }
            if (file.retries() > 0) {
                out.println(file.file().name() + ": tried again " + file.retries()
                        + (file.retries() == 1 ? " time" : " times") + " after failures that pass");
            }
            if (!file.unknownColumns().isEmpty()) {
                out.println(file.file().name() + ": ignored columns the catalog does not know: "
                        + String.join(", ", file.unknownColumns()));
            }
        }
        if (collapse) {
            out.println(String.format("%,d files skipped: loaded already (the JSON report, --report FILE, lists each)",
                    quiet.size()));
        }
        report.ignored().forEach(entry -> out.println("not loaded: " + entry));
    }

    /**
     * What a run with {@code loans_current} did not put there, per file: loaded rows without an id (in the history
     * only), and rejected rows (a rejected snapshot changes nothing: the loan keeps its last good one).
     */
    public static void printCurrentTableNotes(LoadReport report, PrintStream out) {
        for (FileResult file : report.files()) {
            if (file.loadedWithoutId() > 0) {
                out.println(file.file().name() + ": " + n(file.loadedWithoutId()) + " loaded row"
                        + (file.loadedWithoutId() == 1 ? " has" : "s have") + " no id: in loans only, not in loans_current");
            }
            if (file.status() == FileStatus.LOADED && file.counts().rejected() > 0) {
                out.println(file.file().name() + ": " + n(file.counts().rejected()) + " rejected row"
                        + (file.counts().rejected() == 1 ? "" : "s") + " changed nothing in loans_current (each loan"
                        + " keeps its last good snapshot; `rejects replay` moves them once their cause is fixed)");
            }
        }
    }

    /** A file skipped because it was loaded before, whose cleanup went as asked: nothing to say of it but that. */
    private static boolean quietSkip(FileResult file) {
        return file.status() == FileStatus.SKIPPED && file.after() != null && file.unknownColumns().isEmpty()
                && file.retries() == 0;
    }

    /**
     * One line of the table. The score column sits beside the low-score count it explains: {@code not applied} there
     * means the count is zero because the filter did not run, not because every score passed.
     */
    private static String[] row(String name, String status, LoadCounts c, String scoreColumn, String after) {
        return new String[] {name, status, n(c.dataRows()), n(c.loaded()), n(c.chargedOff()), n(c.purposeOther()),
            n(c.lowCreditScore()), scoreColumn, n(c.rejected()), n(c.skippedLines()), after};
    }

    /** The value, or {@code -} for a file this run did not read or touch. */
    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String n(long value) {
        return Grouped.digits(value);
    }
}
