package org.loanetl.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.wiring.Database;
import org.loanetl.app.report.Table;
import org.loanetl.postgres.RejectCount;
import org.loanetl.postgres.StoredReject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loan-etl rejects}: the stored rejected rows, {@code file:line: reason}, then the raw text; with
 * {@code --summary}, their counts by file and reason; {@code rejects replay} runs them through today's rules.
 */
@Command(name = "rejects", mixinStandardHelpOptions = true, subcommands = RejectsReplayCommand.class,
        description = {"Lists stored rejected rows with their file, line, reason and raw text.",
            "'rejects --summary' counts them by file and reason; 'rejects replay' loads those that now pass."})
final class RejectsCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    CommonOptions common;

    @Option(names = "--file", paramLabel = "TEXT", description = "Only files whose location contains TEXT.")
    String file;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N rejects (default 100).")
    int limit;

    @Option(names = "--raw", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show each row's raw text under its reason (default on; --no-raw to hide).")
    boolean raw;

    @Option(names = "--summary", description = "Count the rejects by file and reason (the values left out) instead.")
    boolean summary;

    RejectsCommand(Context context) {
        this.context = context;
    }

    private void print(StoredReject reject) {
        context.out().println(reject.source() + ":" + reject.line() + ": " + reject.reason());
        if (raw) {
            context.out().println("    " + (reject.rawText() == null ? "" : reject.rawText().replace("\n", "\n    ")));
        }
    }

    private void printSummary(List<RejectCount> counts) {
        List<String[]> rows = new ArrayList<>();
        long total = 0;
        for (RejectCount count : counts) {
            rows.add(new String[] {count.source(), count.reason(), Long.toString(count.rejects())});
            total += count.rejects();
        }
        Table.print(new String[] {"file", "reason", "rejects"}, rows, context.out());
        context.out().println(total + " rejects" + (file == null ? "" : " in files matching \"" + file + "\""));
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ConfigException("option --limit: not a whole number of at least 1: \"" + limit + "\"");
        }
        var existing = common.existingDatabase(context);
        if (existing.isEmpty()) {
            return ExitCode.OK;
        }
        try (Database database = existing.get()) {
            if (summary) {
                printSummary(database.postgres().rejectSummary(file));
                return ExitCode.OK;
            }
            // streamed: a large --limit costs no memory
            long shown = database.postgres().rejects(file, limit, reject -> print(reject));
            context.out().println(shown + (shown == limit ? "+ rejects shown (raise --limit for more)"
                    : " rejects") + (file == null ? "" : " in files matching \"" + file + "\""));
        }
        return ExitCode.OK;
    }
}
