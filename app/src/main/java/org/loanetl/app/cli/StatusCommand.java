package org.loanetl.app.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loanetl.app.report.Table;
import org.loanetl.app.wiring.Database;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.postgres.LoadedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code loan-etl status}: the ledger, one line per committed file version. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Lists the files loaded so far: source, version, counts, when, and what was done with the source.")
final class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] HEADINGS = {"source", "version", "loaded at", "data rows", "loaded", "filtered",
        "score column", "rejected", "skipped", "after"};

    private final Context context;

    @Mixin
    CommonOptions common;

    StatusCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var existing = common.existingDatabase(context);
        if (existing.isEmpty()) {
            return ExitCode.OK;
        }
        try (Database database = existing.get()) {
            List<LoadedFile> files = database.postgres().loadedFiles();
            List<String[]> rows = new ArrayList<>();
            LoadCounts total = LoadCounts.NONE;
            for (LoadedFile file : files) {
                LedgerEntry entry = file.entry();
                LoadCounts c = entry.counts();
                total = total.plus(c);
                rows.add(new String[] {entry.file().location(), shortVersion(entry.file().version()),
                    entry.loadedAt() == null ? "-" : WHEN.format(entry.loadedAt()), n(c.dataRows()), n(c.loaded()),
                    n(c.filtered()), file.creditScoreColumn() == null ? "-" : file.creditScoreColumn(),
                    n(c.rejected()), n(c.skippedLines()), entry.cleanup() == null ? "pending" : entry.cleanup().pastTense()});
            }
            rows.add(new String[] {"total (" + files.size() + " files)", "", "", n(total.dataRows()),
                n(total.loaded()), n(total.filtered()), "", n(total.rejected()), n(total.skippedLines()), ""});
            Table.print(HEADINGS, rows, context.out());
            context.out().println(database.whereTheDataIs());
        }
        return ExitCode.OK;
    }

    private static String shortVersion(String version) {
        return version.length() <= 16 ? version : version.substring(0, 16) + "…";
    }

    private static String n(long value) {
        return String.format("%,d", value);
    }
}
