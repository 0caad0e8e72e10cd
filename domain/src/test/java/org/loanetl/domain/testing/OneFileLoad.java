package org.loanetl.domain.testing;

import java.util.List;
import java.util.Optional;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.rules.LoadRules;

/**
 * Runs the use case {@link LoadFile} over one file held in memory, with fresh in-memory ports, and keeps what it
 * committed: the shortest way to ask "what does a load make of these bytes?".
 *
 * @param result    the file's result
 * @param committed what the sink made visible, when the load committed
 */
public record OneFileLoad(FileResult result, Optional<CommittedLoad> committed) {

    /** Loads the bytes under the default rules, keeping the source. */
    public static OneFileLoad of(String name, byte[] content) {
        return of(name, content, LoadRules.defaults());
    }

    /** Loads the bytes under these rules, keeping the source. */
    public static OneFileLoad of(String name, byte[] content, LoadRules rules) {
        InMemoryLoanFileSource source = new InMemoryLoanFileSource();
        InMemoryLoadLedger ledger = new InMemoryLoadLedger();
        InMemoryLoadSink sink = new InMemoryLoadSink(ledger);
        var file = source.put(name, content);
        FileResult result = new LoadFile(source, sink, ledger, rules, AfterLoad.KEEP, LoadListener.NONE).run(file);
        if (sink.hasOpenLoads()) {
            throw new AssertionError(name + ": the use case left a load open");
        }
        return new OneFileLoad(result, sink.committed(file));
    }

    /** The counts the load committed (none when nothing committed). */
    public LoadCounts counts() {
        return committed.map(CommittedLoad::counts).orElse(LoadCounts.NONE);
    }

    /** The rows the load committed. */
    public List<LoanRow> rows() {
        return committed.map(CommittedLoad::rows).orElse(List.of());
    }

    /** The rejects the load committed. */
    public List<Reject> rejects() {
        return committed.map(CommittedLoad::rejects).orElse(List.of());
    }

    /** The committed rows rendered canonically, {@code line} first. */
    public List<List<String>> renderedRows() {
        return committed.map(CommittedLoad::renderedRows).orElse(List.of());
    }
}
