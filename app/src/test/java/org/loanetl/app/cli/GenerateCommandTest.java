package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.rules.LoadRules;

/** {@code loan-etl generate}: deterministic, realistic files that the loader reads with the promised messiness. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesForTheSameSeedAndOtherBytesForAnother() throws IOException {
        Run a = Cli.run("generate", "--rows", "300", "--seed", "5", "--out", dir.resolve("a.csv").toString());
        Cli.run("generate", "--rows", "300", "--seed", "5", "--out", dir.resolve("b.csv").toString());
        Cli.run("generate", "--rows", "300", "--seed", "6", "--out", dir.resolve("c.csv").toString());

        assertThat(a.exitCode()).isZero();
        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("b.csv"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("c.csv"))).isNotEqualTo(-1);
    }

    @Test
    void generatesEveryRowAsADataRowWithNoticeFootersAndTheAskedShareOfBadRows() throws IOException {
        Path file = dir.resolve("g.csv.gz");
        Cli.run("generate", "--rows", "2000", "--seed", "11", "--bad-share", "0.1", "--out", file.toString());

        FileResult result = load(file);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.counts().dataRows()).isEqualTo(2000);
        assertThat(result.counts().skippedLines()).isGreaterThanOrEqualTo(3);
        assertThat(result.counts().rejected()).isBetween(150L, 250L);
        assertThat(result.counts().loaded()).isBetween(700L, 1300L);
        assertThat(result.counts().chargedOff()).isPositive();
        assertThat(result.counts().purposeOther()).isPositive();
        assertThat(result.unknownColumns()).isEmpty();
    }

    @Test
    void refusesANegativeRowCount() {
        Run run = Cli.run("generate", "--rows", "-1", "--out", dir.resolve("x.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--rows");
    }

    private static FileResult load(Path file) throws IOException {
        InMemoryLoanFileSource source = new InMemoryLoanFileSource();
        byte[] bytes;
        try (InputStream in = new java.util.zip.GZIPInputStream(new FileInputStream(file.toFile()))) {
            bytes = in.readAllBytes();
        }
        SourceFile added = source.put("g.csv", bytes);
        InMemoryLoadLedger ledger = new InMemoryLoadLedger();
        return new LoadFile(source, new InMemoryLoadSink(ledger), ledger, LoadRules.defaults(), AfterLoad.KEEP,
                LoadListener.NONE).run(added);
    }
}
