package org.loanetl.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.app.report.InspectReport;
import org.loanetl.app.wiring.Sources;
import org.loanetl.app.wiring.Wiring;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.load.InspectFile;
import org.loanetl.domain.load.Inspection;
import org.loanetl.domain.model.SourceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loan-etl inspect FILE...}: how each file would load, and why, without loading it and without a database:
 * the layout it looks like, its header row, what each header name maps to, the credit-score column, the null words it
 * holds, what a load would count, and the first rejects with their reasons.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows how files would load, and why, without loading them or opening a database: the layout,",
            "each column's mapping, the credit-score column, the null words seen, the counts and the first rejects."},
        footer = {"", "Exit codes: 0 every file would load; 2 bad usage; 3 a file would be refused."})
final class InspectCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Files or folders (.csv, .csv.gz, .zip), or s3://bucket/prefix URIs.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file whose rules apply (see docs/configuration.md).")
    Path config;

    @Mixin
    RuleOptions ruleOptions;

    @Option(names = "--rejects", paramLabel = "N", defaultValue = "5", description = "Show at most N rejects per file (default 5).")
    int rejects;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "0",
            description = "Read at most N data rows of each file (default 0: all of them).")
    long rows;

    @Option(names = "--json", description = "Print JSON instead, for scripts.")
    boolean json;

    InspectCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (rejects < 0) {
            throw new ConfigException("option --rejects: not a whole number of at least 0: \"" + rejects + "\"");
        }
        if (rows < 0) {
            throw new ConfigException("option --rows: not a whole number of at least 0: \"" + rows + "\"");
        }
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.putAll(ruleOptions.flags());
        flags.put(ConfigKey.SOURCE_PATHS, sources);
        Settings settings = Settings.resolve(config, context.env(), flags);
        InspectFile inspect = new InspectFile(Wiring.rules(settings), rejects, rows);
        List<Inspection> inspections = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try (Sources source = Wiring.source(settings); Stream<SourceFile> files = source.files(ignored::add)) {
            for (SourceFile file : (Iterable<SourceFile>) files::iterator) {
                Inspection inspection;
                try (InputStream in = source.open(file)) {
                    inspection = inspect.inspect(file.name(), in);
                } catch (IOException e) {
                    throw new SourceException(file.name() + ": read failed: " + e.getMessage(), e);
                }
                inspections.add(inspection);
                if (!json) {
                    InspectReport.print(inspection, context.out());
                }
            }
        }
        if (json) {
            context.out().println(InspectReport.json(inspections));
        } else {
            ignored.forEach(name -> context.out().println("ignored: " + name));
            if (inspections.isEmpty()) {
                context.out().println("no loans files found (.csv, .csv.gz, .zip)");
            }
        }
        return inspections.stream().anyMatch(i -> i.refusal() != null) ? ExitCode.REFUSED : ExitCode.OK;
    }
}
