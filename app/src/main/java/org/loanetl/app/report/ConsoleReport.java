package org.loanetl.app.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.LoadCounts;

/** The summary a person reads after a run: a table with a row per file and the totals, then reasons and notes. */
public final class ConsoleReport {

    private static final String[] HEADINGS = {"file", "status", "data rows", "loaded", "charged off", "purpose other",
        "low score", "score column", "rejected", "skipped", "after"};

    private ConsoleReport() {
    }

    /** Prints the table, then why each file that did not load was skipped, refused or failed. */
    public static void print(LoadReport report, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        for (FileResult file : report.files()) {
            rows.add(row(file.file().name(), file.status().label(), file.counts(), orDash(file.creditScoreColumn()),
                    orDash(file.after())));
        }
        rows.add(row("total (" + report.files().size() + " files)", "", report.totals(), "", ""));
        Table.print(HEADINGS, rows, out);
        for (FileResult file : report.files()) {
            if (file.reason() != null) {
                out.println(file.file().name() + ": " + file.status().label() + ": " + file.reason());
            }
            if (!file.unknownColumns().isEmpty()) {
                out.println(file.file().name() + ": ignored columns the catalog does not know: "
                        + String.join(", ", file.unknownColumns()));
            }
        }
        report.ignored().forEach(entry -> out.println("not loaded: " + entry));
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
        return String.format("%,d", value);
    }
}
