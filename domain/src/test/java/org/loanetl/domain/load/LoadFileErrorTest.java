package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.ForwardingFileTransaction;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.Journal;
import org.loanetl.domain.testing.LoanCsv;

/**
 * An {@link Error} anywhere in a file's load (out of memory, mostly: in the sink, or in the reading thread while the
 * tokenizer holds the stream) ends that file {@code failed} with a one-line reason and nothing committed: never a
 * file that vanishes from the report, never a wrong "refused".
 */
class LoadFileErrorTest {

    private static final String OUT_OF_MEMORY = "a.csv: out of memory (Java heap space): give loan-etl a larger heap"
            + " (JDK_JAVA_OPTIONS=-Xmx1g, say) or load fewer files at once (--threads)";

    private final Journal journal = new Journal();
    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource(journal);
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger(journal);
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger, journal);

    @Test
    void failsTheFileInOneLineWhenTheSinkRunsOutOfMemory() {
        SourceFile file = source.put("a.csv", loans(3));

        FileResult result = new LoadFile(source, addingFails(sink, new OutOfMemoryError("Java heap space")), ledger,
                LoadRules.defaults(), AfterLoad.DELETE, LoadListener.NONE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo(OUT_OF_MEMORY);
        assertThat(sink.committed()).isEmpty();
        assertThat(sink.hasOpenLoads()).isFalse();
        assertThat(journal.entries("rollback")).containsExactly("rollback a.csv");
        assertThat(source.contains(file)).isTrue();
    }

    @Test
    void failsRatherThanRefusesAFileWhoseReadingThreadRunsOutOfMemory() {
        SourceFile file = source.put("a.csv", loans(20_000)); // well over the 1 MiB after which progress is told

        FileResult result = loadFile(outOfMemoryOnProgress()).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo(OUT_OF_MEMORY);
        assertThat(sink.committed()).isEmpty();
        assertThat(sink.hasOpenLoads()).isFalse();
    }

    @Test
    void failsRatherThanRefusesAFileWhoseHeaderSearchRunsOutOfMemory() {
        String notice = "Notes offered by Prospectus " + "x".repeat(3 << 20);
        SourceFile file = source.put("a.csv", notice + "\n" + LoanCsv.aFile().with(aLoan()).text());

        FileResult result = loadFile(outOfMemoryOnProgress()).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo(OUT_OF_MEMORY);
    }

    @Test
    void failsTheFileInOneLineOnAnyOtherError() {
        SourceFile file = source.put("a.csv", loans(3));

        FileResult result = new LoadFile(source, addingFails(sink, new StackOverflowError("deep\nand more")), ledger,
                LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo("a.csv: unexpected error: java.lang.StackOverflowError: deep");
    }

    private LoadFile loadFile(LoadListener listener) {
        return new LoadFile(source, sink, ledger, LoadRules.defaults(), AfterLoad.KEEP, listener);
    }

    private static String loans(int n) {
        LoanCsv csv = LoanCsv.aFile();
        for (int i = 1; i <= n; i++) {
            csv = csv.with(aLoan().with("id", Integer.toString(i)).with("desc", "a loan to pay off my cards, " + i));
        }
        return csv.text();
    }

    /** A listener told of progress from inside the stream's read, as the tokenizer reads: there it throws. */
    private static LoadListener outOfMemoryOnProgress() {
        return new LoadListener() {
            @Override
            public void read(SourceFile file, long bytes) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
    }

    /** The sink, but adding a row throws {@code error}, as running out of heap while encoding it would. */
    private static LoadSink addingFails(LoadSink sink, Error error) {
        return (file, layout) -> sink.begin(file, layout).map(load -> new ForwardingFileTransaction(load) {
            @Override
            public void add(LoanRow row) {
                throw error;
            }
        });
    }
}
