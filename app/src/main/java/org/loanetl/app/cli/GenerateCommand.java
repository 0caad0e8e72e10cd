package org.loanetl.app.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.generate.LoanFileGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loan-etl generate}: a realistic modern-layout LendingClub file, the same for the same seed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a realistic 151-column LendingClub file (notice line, quoting, multi-line desc, footers, bad rows).")
final class GenerateCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--rows", paramLabel = "N", required = true, description = "How many loans.")
    long rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1); same seed, same file.")
    long seed;

    @Option(names = "--bad-share", paramLabel = "FRACTION", defaultValue = "0.01",
            description = "Share of rows given a bad value or a missing field, 0 to 1 (default 0.01).")
    double badShare;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "File to write; .gz compresses it.")
    Path out;

    GenerateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (rows < 0) {
            throw new ConfigException("option --rows: must not be negative: " + rows);
        }
        if (badShare < 0 || badShare > 1) {
            throw new ConfigException("option --bad-share: must be between 0 and 1: " + badShare);
        }
        OutputFiles.check("--out", out, List.of());
        var stream = Files.newOutputStream(out);
        var target = out.toString().endsWith(".gz") ? new GZIPOutputStream(stream, 1 << 16) : stream;
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 20)) {
            new LoanFileGenerator(seed, badShare).write(rows, writer);
        }
        context.out().printf("wrote %,d loans to %s (%,d bytes)%n", rows, out, Files.size(out));
        return ExitCode.OK;
    }
}
