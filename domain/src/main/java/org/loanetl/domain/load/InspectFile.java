package org.loanetl.domain.load;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.loanetl.domain.FileRefusedException;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.RawFields;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.read.CsvLine;
import org.loanetl.domain.read.LoanFileReader;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.ColumnKind;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LayoutFamilies;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.rules.NullTokens;
import org.loanetl.domain.rules.RowClassifier;
import org.loanetl.domain.rules.RowOutcome;

/**
 * Reads a file as a load would, with the same reader and classifier, and says what a load would do with it and why
 * ({@link Inspection}), writing nothing: how a user finds out, in seconds, why a file they never saw loads the way
 * it does.
 */
public final class InspectFile {

    private final LoadRules rules;
    private final int maxRejects;
    private final long maxRows;

    /**
     * @param rules      the rules a load would use
     * @param maxRejects how many rejects to keep, at most
     * @param maxRows    read at most this many data rows (0: all of them)
     */
    public InspectFile(LoadRules rules, int maxRejects, long maxRows) {
        if (maxRejects < 0 || maxRows < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.rules = rules;
        this.maxRejects = maxRejects;
        this.maxRows = maxRows;
    }

    /** Inspects one file's content; the stream is read (up to the row limit) but not closed. */
    public Inspection inspect(String name, InputStream in) {
        ColumnCatalog catalog = ColumnCatalog.standard();
        // The header's mapping is wanted even when the rules would refuse the file: read it under rules that need nothing.
        LoadRules open = new LoadRules(EnumSet.noneOf(FilterReason.class), rules.minCreditScore(),
                rules.creditScoreColumns(), rules.whenNoCreditScore(), rules.nullTokens());
        LoanFileReader reader;
        try {
            reader = LoanFileReader.open(name, in, catalog, open);
        } catch (FileRefusedException e) {
            return new Inspection(name, e.reason(), null, 0, List.of(), null, Map.of(), LoadCounts.NONE, List.of(), 0, true);
        }
        FileLayout layout = reader.layout();
        String refusal = null;
        String score = null;
        LoadRules counting = rules;
        try {
            layout = FileLayout.of(name, layout.header(), catalog, rules);
            score = layout.creditScoreColumn();
        } catch (FileRefusedException e) {
            refusal = e.reason();
            // count as the file would load with the fixes the refusal names: without the filters it lacks columns for
            counting = anyway(layout);
            layout = FileLayout.of(name, layout.header(), catalog, counting);
        }
        List<Inspection.HeaderColumn> header = describe(layout, catalog);
        RowClassifier classifier = new RowClassifier(layout, counting);
        NullTokens.Matcher nulls = rules.nullTokens().matcher();
        Map<String, Long> nullWords = new TreeMap<>();
        List<Reject> rejects = new ArrayList<>();
        long[] outcomes = new long[FilterReason.values().length];
        long loaded = 0;
        long rejected = 0;
        long rows = 0;
        boolean complete = true;
        try {
            CsvLine line;
            while ((line = reader.next()) != null) {
                if (maxRows > 0 && rows >= maxRows) {
                    complete = false;
                    break;
                }
                rows++;
                countNullWords(line.fields(), layout, nulls, nullWords);
                RowOutcome outcome = classifier.classify(line.line(), line.fields());
                if (outcome instanceof RowOutcome.Loaded) {
                    loaded++;
                } else if (outcome instanceof RowOutcome.Filtered f) {
                    outcomes[f.reason().ordinal()]++;
                } else if (outcome instanceof RowOutcome.Rejected r) {
                    rejected++;
                    if (rejects.size() < maxRejects) {
                        rejects.add(new Reject(line.line(), r.reason(), line.rawText()));
                    }
                }
            }
        } catch (FileRefusedException e) {
            refusal = e.reason();
        }
        LoadCounts counts = new LoadCounts(loaded, outcomes[0], outcomes[1], outcomes[2], rejected, reader.skippedLines());
        return new Inspection(name, refusal, LayoutFamilies.standard().recognise(layout.header()), reader.headerLine(),
                header, refusal == null ? score : null, nullWords, counts, rejects, rows, complete);
    }

    /** The rules with every filter off whose column the file lacks, and a file without a score column loaded anyway. */
    private LoadRules anyway(FileLayout opened) {
        LoadRules loadable = rules.whenNoCreditScore(NoCreditScore.SKIP_FILTER);
        if (opened.indexOf("loan_status") < 0) {
            loadable = loadable.without(FilterReason.CHARGED_OFF);
        }
        if (opened.indexOf("purpose") < 0) {
            loadable = loadable.without(FilterReason.PURPOSE_OTHER);
        }
        return loadable;
    }

    private static List<Inspection.HeaderColumn> describe(FileLayout layout, ColumnCatalog catalog) {
        List<Inspection.HeaderColumn> header = new ArrayList<>();
        List<String> names = layout.header();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            List<Column> columns = i < layout.fieldCount() ? catalog.resolve(name) : List.of();
            String note;
            if (i >= layout.fieldCount()) {
                note = "trailing delimiter, ignored";
            } else if (name.isBlank()) {
                note = i == 0 ? "no name (row numbers, as R writes them), ignored" : "no name, ignored";
            } else if (columns.isEmpty()) {
                note = "unknown, ignored";
            } else if (columns.size() > 1) {
                note = "a range: 660-678 is low 660, high 678; 780+ is low 780, high null";
            } else if (!columns.get(0).name().equals(ColumnCatalog.normalize(name))) {
                note = "readable name";
            } else {
                note = "";
            }
            header.add(new Inspection.HeaderColumn(i + 1, name, columns, note));
        }
        return header;
    }

    private static void countNullWords(RawFields fields, FileLayout layout, NullTokens.Matcher nulls,
                                       Map<String, Long> seen) {
        int[] positions = layout.fieldPositions();
        List<Column> columns = layout.columns();
        for (int i = 0; i < positions.length; i++) {
            int field = positions[i];
            if (columns.get(i).kind() == ColumnKind.TEXT || field >= fields.size()
                    || (i > 0 && positions[i - 1] == field)) {
                continue;
            }
            String value = fields.get(field).trim();
            char[] chars = value.toCharArray();
            if (!value.isEmpty() && nulls.matches(chars, 0, chars.length)) {
                seen.merge(value, 1L, Long::sum);
            }
        }
    }
}
