package org.loanetl.domain.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.RowClassifier;
import org.loanetl.domain.rules.RowOutcome;
import org.loanetl.domain.testing.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The domain's whole per-row work on one core: read (UTF-8, CSV, non-loan lines), cast every known column, filter,
 * and take the raw text of each reject, for a file of real-header rows repeated. Reported as rows per second per
 * core (one thread). Run with {@code bench/jmh-domain.sh}; not part of the build's tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RowsPerSecondBenchmark {

    static final int ROWS = 20_000;

    @Param({"layouts/modern151.csv", "reference/sample-53col.csv"})
    public String fixture;

    private byte[] file;

    @Setup
    public void repeatTheFixtureRows() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.path(fixture), StandardCharsets.UTF_8);
        int header = 0;
        while (!lines.get(header).toLowerCase().contains("loan_status")) {
            header++;
        }
        List<String> rows = lines.subList(header + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        StringBuilder text = new StringBuilder(lines.get(header)).append('\n');
        for (int i = 0; i < ROWS; i++) {
            text.append(rows.get(i % rows.size())).append('\n');
        }
        file = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long readCastAndFilter() {
        long loaded = 0;
        try (LoanFileReader reader = LoanFileReader.open("bench.csv", new ByteArrayInputStream(file),
                ColumnCatalog.standard(), LoadRules.defaults())) {
            RowClassifier classifier = new RowClassifier(reader.layout(), LoadRules.defaults());
            CsvLine line;
            while ((line = reader.next()) != null) {
                RowOutcome outcome = classifier.classify(line.line(), line.fields());
                if (outcome instanceof RowOutcome.Loaded) {
                    loaded++;
                } else if (outcome instanceof RowOutcome.Rejected) {
                    loaded += line.rawText().length() > 0 ? 0 : 1;
                }
            }
        }
        return loaded;
    }
}
