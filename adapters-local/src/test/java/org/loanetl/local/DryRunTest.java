package org.loanetl.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.Journal;
import org.loanetl.domain.testing.LoanCsv;

/** A dry run reads, casts and counts as a real load does, and writes nothing. */
class DryRunTest {

    private final Journal journal = new Journal();
    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource(journal);
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger(journal);
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger, journal);
    private final DryRun dryRun = new DryRun();

    /** Two loaded, one of each filter, one rejected on line 6, a blank line and a footer skipped. */
    private static LoanCsv mixedFile() {
        return LoanCsv.mixed();
    }

    @Test
    void countsADryRunAsARealLoadWouldAndCommitsNothing() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        LoadFile dry = new LoadFile(source, dryRun, dryRun, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE);

        FileResult first = dry.run(file);
        FileResult second = dry.run(file);
        FileResult real = new LoadFile(source, sink, ledger, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE)
                .run(file);

        assertThat(first.status()).isEqualTo(FileStatus.LOADED);
        assertThat(first.counts()).isEqualTo(real.counts()).isEqualTo(new LoadCounts(2, 1, 1, 1, 1, 2));
        assertThat(second.counts()).isEqualTo(first.counts());
        assertThat(journal.entries("commit")).containsExactly("commit a.csv");
        assertThat(source.contains(file)).isTrue();
        assertThat(dryRun.find(file)).isEmpty();
    }

    @Test
    void refusesInADryRunWhatARealLoadRefuses() {
        SourceFile file = source.put("a.csv", "id,loan_status\n1,Current\n");

        FileResult result = new LoadFile(source, dryRun, dryRun, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE)
                .run(file);

        assertThat(result.status()).isEqualTo(FileStatus.REFUSED);
        assertThat(result.reason()).startsWith("header lacks column purpose, a credit-score column (last_fico_range_low or"
                + " fico_range_low); to load it anyway: --no-filter purpose_other; --when-no-credit-score skip-filter");
    }
}
