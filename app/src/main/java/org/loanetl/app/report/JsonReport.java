package org.loanetl.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.ControlTotal;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;

/**
 * The run report as JSON: {@code files} (one object per file: {@code source, version, status, reason, data_rows,
 * loaded, filtered {charged_off, purpose_other, low_credit_score}, rejected, skipped_lines, credit_score_column,
 * unknown_columns, after, retries, loaded_without_id, chunks (how many byte-range chunks it loaded in; 0 whole),
 * control_totals [{policy_code, footer, rows, match}]}),
 * {@code totals} (the counts
 * summed, how many files ended in each status, and {@code retries}: tries again after failures that pass),
 * {@code ignored}, and {@code failure}: why the source could not be listed to its end, or null. Scripts rely on these
 * names. {@code credit_score_column} is the column the score was read from or {@code not applied}, and
 * null for a file this run did not read (skipped, refused, failed).
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(LoadReport report) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (FileResult result : report.files()) {
            ObjectNode file = files.addObject();
            file.put("source", result.file().location());
            file.put("version", result.file().version());
            file.put("status", result.status().label());
            file.put("reason", result.reason());
            counts(file, result.counts());
            file.put("credit_score_column", result.creditScoreColumn());
            ArrayNode unknown = file.putArray("unknown_columns");
            result.unknownColumns().forEach(unknown::add);
            file.put("after", result.after());
            file.put("retries", result.retries());
            file.put("loaded_without_id", result.loadedWithoutId());
            file.put("chunks", result.chunks());
            ArrayNode controls = file.putArray("control_totals");
            for (ControlTotal control : result.controlTotals()) {
                ObjectNode c = controls.addObject();
                c.put("policy_code", control.policyCode());
                c.put("footer", control.footer());
                c.put("rows", control.rows());
                c.put("match", control.matches());
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("files", report.files().size());
        for (FileStatus status : FileStatus.values()) {
            totals.put(status.label(), report.count(status));
        }
        counts(totals.putObject("rows"), report.totals());
        totals.put("retries", report.retries());
        ArrayNode ignored = root.putArray("ignored");
        report.ignored().forEach(ignored::add);
        root.put("failure", report.failure());
        return root;
    }

    /** Writes the report to a file in an existing folder (the command checked the path before the run). */
    public static void write(LoadReport report, Path file) throws IOException {
        JSON.writeValue(file.toFile(), toJson(report));
    }

    /** A file's or the run's counts, under the names scripts read ({@code inspect --json} uses them too). */
    static void counts(ObjectNode node, LoadCounts counts) {
        node.put("data_rows", counts.dataRows());
        node.put("loaded", counts.loaded());
        ObjectNode filtered = node.putObject("filtered");
        filtered.put("charged_off", counts.chargedOff());
        filtered.put("purpose_other", counts.purposeOther());
        filtered.put("low_credit_score", counts.lowCreditScore());
        node.put("rejected", counts.rejected());
        node.put("skipped_lines", counts.skippedLines());
    }
}
