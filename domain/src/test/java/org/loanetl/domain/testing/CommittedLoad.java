package org.loanetl.domain.testing;

import java.util.List;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.FileLayout;

/** What {@link InMemoryLoadSink} made visible for one file at its commit. */
public record CommittedLoad(SourceFile file, FileLayout layout, List<LoanRow> rows, List<Reject> rejects,
                            LoadCounts counts) {

    public CommittedLoad {
        rows = List.copyOf(rows);
        rejects = List.copyOf(rejects);
    }

    /** The loaded rows rendered canonically, {@code line} first, as the golden files hold them. */
    public List<List<String>> renderedRows() {
        return rows.stream().map(CanonicalValues::render).toList();
    }

    /** The header of {@link #renderedRows()}: {@code line}, then the stored column names. */
    public List<String> renderedHeader() {
        return CanonicalValues.header(layout);
    }
}
