package org.loanetl.domain.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.RawFields;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.RejectedFile;
import org.loanetl.domain.port.RejectStore;
import org.loanetl.domain.port.ReplayTransaction;
import org.loanetl.domain.read.LoanFileReader;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.RowClassifier;
import org.loanetl.domain.rules.RowOutcome;

/**
 * Runs stored rejects through today's rules, in the layout of their file's header as kept at load, with the same
 * tokenizer ({@link LoanFileReader#tokenize}) and classifier ({@link RowClassifier}) a load uses: a row that now
 * loads enters the loans with its file and original line, one now filtered out is counted under its filter, and one
 * that still fails stays with its new reason. Each file is replayed in one transaction of the store's, which also
 * corrects the file's counts and records the replay: a replay cut off anywhere and run again moves every row once.
 *
 * <p>A file whose header was not kept (loaded before it was), or whose header today's rules refuse, is left as it was,
 * and the report says why. Rejects are read a page at a time, so memory does not grow with their number.
 */
public final class ReplayRejects {

    /** Rejects read from the store at a time. */
    static final int PAGE = 500;
    /** Still-rejected rows kept per file as examples for the report. */
    public static final int EXAMPLES = 5;

    private final RejectStore store;
    private final LoadRules rules;

    public ReplayRejects(RejectStore store, LoadRules rules) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** Replays the chosen rejects, each file in its own transaction, and says what became of them. */
    public ReplayReport replay(RejectSelection selection) {
        return run(selection, true);
    }

    /** Classifies the chosen rejects as {@link #replay} would, and writes nothing. */
    public ReplayReport preview(RejectSelection selection) {
        return run(selection, false);
    }

    private ReplayReport run(RejectSelection selection, boolean write) {
        List<FileReplay> files = new ArrayList<>();
        for (RejectedFile file : store.files(selection)) {
            files.add(replay(file, selection, write));
        }
        return new ReplayReport(files);
    }

    private FileReplay replay(RejectedFile file, RejectSelection selection, boolean write) {
        if (file.header() == null) {
            return FileReplay.left(file, "its header was not kept (loaded before loan-etl kept headers), so its "
                    + file.rejects() + " rejects cannot be replayed; they stay as they are");
        }
        FileLayout layout;
        try {
            layout = FileLayout.of(file.name(), file.header(), ColumnCatalog.standard(), rules);
        } catch (FileRefusedException e) {
            return FileReplay.left(file, "today's rules refuse its header: " + e.reason());
        }
        try (ReplayTransaction replay = store.begin(file, selection, layout)) {
            Tally tally = classifyAll(replay, new RowClassifier(layout, rules), write);
            if (write) {
                replay.commit(tally.counts(), describe(rules));
            }
            return new FileReplay(file, write ? FileReplay.Status.REPLAYED : FileReplay.Status.PREVIEWED,
                    tally.counts(), tally.examples, null);
        } catch (SinkException e) {
            return FileReplay.failed(file, "not replayed: " + e.getMessage());
        }
    }

    /** Classifies the file's chosen rejects page by page, handing each outcome to the replay when {@code write}. */
    private static Tally classifyAll(ReplayTransaction replay, RowClassifier classifier, boolean write) {
        Tally tally = new Tally();
        long after = 0;
        List<Reject> page;
        while (!(page = replay.next(after, PAGE)).isEmpty()) {
            for (Reject reject : page) {
                RowOutcome outcome = outcome(classifier, reject);
                if (outcome instanceof RowOutcome.Loaded l) {
                    tally.loaded++;
                    if (write) {
                        replay.loaded(l.row());
                    }
                } else if (outcome instanceof RowOutcome.Filtered f) {
                    tally.filtered[f.reason().ordinal()]++;
                    if (write) {
                        replay.filtered(classifier.filteredRow(), f.reason());
                    }
                } else if (outcome instanceof RowOutcome.Rejected r) {
                    Reject still = new Reject(reject.line(), r.reason(), reject.rawText());
                    tally.reject(still);
                    if (write) {
                        replay.stillRejected(still);
                    }
                }
                after = reject.line();
            }
        }
        return tally;
    }

    /**
     * What today's rules make of stored rejects of a file with this header, as {@link #replay} classifies them: for
     * each, in order, loaded (the row with its original line), filtered (the filter) or rejected (the new reason).
     *
     * @throws FileRefusedException when today's rules refuse the header
     */
    public static List<RowOutcome> classify(String file, List<String> header, List<Reject> rejects, LoadRules rules) {
        RowClassifier classifier = new RowClassifier(FileLayout.of(file, header, ColumnCatalog.standard(), rules), rules);
        List<RowOutcome> outcomes = new ArrayList<>(rejects.size());
        for (Reject reject : rejects) {
            outcomes.add(outcome(classifier, reject));
        }
        return outcomes;
    }

    /** One reject's outcome: its raw text tokenized as the file was, then classified with its original line. */
    private static RowOutcome outcome(RowClassifier classifier, Reject reject) {
        if (reject.rawText() == null) {
            return new RowOutcome.Rejected("no raw text was stored for this row");
        }
        RawFields fields;
        try {
            fields = LoanFileReader.tokenize(reject.rawText());
        } catch (IllegalArgumentException e) {
            return new RowOutcome.Rejected(e.getMessage());
        }
        return classifier.classify(reject.line(), fields);
    }

    /**
     * The rules a replay ran under, as its record keeps them: the filters on, the score's minimum and columns, what a
     * file without a score column does, and the null words.
     */
    public static String describe(LoadRules rules) {
        String filters = rules.filters().stream().map(FilterReason::label).collect(Collectors.joining(","));
        return "filters=" + (filters.isEmpty() ? "none" : filters)
                + "; min-credit-score=" + rules.minCreditScore()
                + "; credit-score-column=" + String.join(",", rules.creditScoreColumns())
                + "; when-no-credit-score=" + rules.whenNoCreditScore().label()
                + "; null-values=" + rules.nullTokens().label();
    }

    /** What became of a file's rejects so far. */
    private static final class Tally {
        long loaded;
        final long[] filtered = new long[FilterReason.values().length];
        long rejected;
        final List<Reject> examples = new ArrayList<>();

        void reject(Reject still) {
            rejected++;
            if (examples.size() < EXAMPLES) {
                examples.add(still);
            }
        }

        LoadCounts counts() {
            return new LoadCounts(loaded, filtered[0], filtered[1], filtered[2], rejected, 0);
        }
    }
}
