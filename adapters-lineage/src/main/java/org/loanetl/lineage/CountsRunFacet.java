package org.loanetl.lineage;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;

/**
 * The run facet {@value #NAME}: what a run did with the rows it read and how its files ended. Its schema is
 * {@code docs/lineage/LoanEtlCountsRunFacet.json}, whose {@code $id} is {@link #SCHEMA_URL}.
 */
@JsonPropertyOrder({"_producer", "_schemaURL", "loaded", "filtered", "rejected", "files", "retries"})
final class CountsRunFacet extends OpenLineage.DefaultRunFacet {

    static final String NAME = "loanetl_counts";
    /** The {@code $id} of the facet's schema; versioned, so a changed facet gets a new one. */
    static final URI SCHEMA_URL = URI.create("urn:loanetl:lineage:LoanEtlCountsRunFacet:1-0-0");

    private final long loaded;
    private final Map<String, Long> filtered = new LinkedHashMap<>();
    private final long rejected;
    private final Map<String, Long> files = new LinkedHashMap<>();
    private final long retries;

    CountsRunFacet(URI producer, LoadReport report, long retries) {
        super(producer);
        LoadCounts totals = report.totals();
        this.loaded = totals.loaded();
        for (FilterReason reason : FilterReason.values()) {
            filtered.put(reason.label(), totals.filtered(reason));
        }
        this.rejected = totals.rejected();
        for (FileStatus status : FileStatus.values()) {
            files.put(status.label(), report.count(status));
        }
        this.retries = retries;
    }

    @Override
    public URI get_schemaURL() {
        return SCHEMA_URL;
    }

    /** Rows written to {@code loans}. */
    public long getLoaded() {
        return loaded;
    }

    /** Rows left out by a filter, by reason ({@code charged_off}, {@code purpose_other}, {@code low_credit_score}). */
    public Map<String, Long> getFiltered() {
        return filtered;
    }

    /** Rows written to {@code loan_rejects}. */
    public long getRejected() {
        return rejected;
    }

    /** Files by how they ended ({@code loaded}, {@code skipped}, {@code refused}, {@code failed}). */
    public Map<String, Long> getFiles() {
        return files;
    }

    /** Transient failures retried. */
    public long getRetries() {
        return retries;
    }
}
