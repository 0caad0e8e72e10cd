package org.loanetl.app.cli;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.app.wiring.Database;
import org.loanetl.app.wiring.Faults;
import org.loanetl.app.wiring.Wiring;
import org.loanetl.domain.load.FileReplay;
import org.loanetl.domain.load.ReplayRejects;
import org.loanetl.domain.load.ReplayReport;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loan-etl rejects replay}: runs stored rejects through today's rules and configuration, in their file's
 * header layout; rows that now pass leave the rejects (into the loans, or counted as filtered), the rest stay with
 * their new reason. Each file in one transaction with its counts corrected and the replay recorded (docs/rules.md).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs stored rejected rows through today's rules and configuration; rows that now pass move to"
                + " loans with their original file and line, the rest stay with their new reason.",
            "Each file is replayed in one transaction; an interrupted replay can simply be run again."})
final class RejectsReplayCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    CommonOptions common;

    @Option(names = "--file", paramLabel = "TEXT", description = "Only files whose location contains TEXT.")
    String file;

    @Option(names = "--reason", paramLabel = "PATTERN",
            description = "Only rejects whose reason matches PATTERN, an SQL LIKE pattern (% any text, _ one character),"
                    + " e.g. 'int_rate:%'.")
    String reason;

    @Option(names = "--dry-run", description = "Classify and report; write nothing.")
    boolean dryRun;

    @Option(names = "--current-table", negatable = true,
            description = "Also bring loans_current up to date with the rows that now load (as load --current-table). Default: off.")
    Boolean currentTable;

    @Mixin
    RuleOptions ruleOptions;

    RejectsReplayCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.DATABASE_CURRENT_TABLE, currentTable == null ? null : currentTable.toString());
        flags.putAll(ruleOptions.flags());
        Settings settings = common.settings(context.env(), flags);
        var rules = Wiring.rules(settings);
        Optional<Database> existing = Wiring.existingDatabase(settings);
        if (existing.isEmpty()) {
            context.out().println(Wiring.emptySchema(settings));
            return ExitCode.OK;
        }
        ReplayReport report;
        try (Database database = existing.get()) {
            var replay = new ReplayRejects(Faults.rejects(database.postgres().rejectStore()), rules);
            RejectSelection selection = new RejectSelection(file, reason);
            report = dryRun ? replay.preview(selection) : replay.replay(selection);
        }
        print(report);
        return report.failed() ? ExitCode.FAILURE : ExitCode.OK;
    }

    private void print(ReplayReport report) {
        if (dryRun) {
            context.out().println("Dry run: nothing was written.");
        }
        for (FileReplay replayed : report.files()) {
            String location = replayed.file().location();
            if (replayed.note() != null) {
                context.out().println(location + ": " + replayed.note());
                continue;
            }
            context.out().println(location + ": " + counts(replayed.replayed()));
            for (Reject still : replayed.examples()) {
                context.out().println("    " + replayed.file().name() + ":" + still.line() + ": " + still.reason());
            }
            long more = replayed.replayed().rejected() - replayed.examples().size();
            if (more > 0) {
                context.out().println("    ... and " + more + " more ('loan-etl rejects --file' lists them)");
            }
        }
        String files = report.files().size() + " file" + (report.files().size() == 1 ? "" : "s");
        context.out().println("Total: " + counts(report.total()) + ", in " + files
                + (report.left() == 0 ? "" : " (" + report.left() + " left as they were)")
                + (dryRun ? " (dry run)" : "") + ".");
    }

    private String counts(LoadCounts counts) {
        StringBuilder text = new StringBuilder();
        text.append(counts.loaded()).append(dryRun ? " would move to loans, " : " moved to loans, ")
                .append(counts.filtered()).append(" filtered");
        if (counts.filtered() > 0) {
            StringBuilder reasons = new StringBuilder();
            for (FilterReason reason : FilterReason.values()) {
                if (counts.filtered(reason) > 0) {
                    reasons.append(reasons.length() == 0 ? "" : ", ").append(reason.label()).append(' ')
                            .append(counts.filtered(reason));
                }
            }
            text.append(" (").append(reasons).append(')');
        }
        return text.append(", ").append(counts.rejected()).append(" still rejected").toString();
    }
}
