package org.loanetl.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.loanetl.domain.load.Inspection;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.rules.Column;

/**
 * What {@code loan-etl inspect} prints: per file, the layout it looks like, where its header is, what each header
 * name maps to, the credit-score column, the null words seen, what a load would count, and the first rejects; or the
 * same as JSON ({@code files}: {@code file, refused, layout {family, description, recognised, names_matching},
 * header_line, columns [{position, name, maps_to [{column, kind}], note}], credit_score_column, null_words {word:
 * count}, rows_read, complete, data_rows, loaded, filtered {...}, rejected, skipped_lines, rejects [{line, reason,
 * raw_text}]}). Scripts rely on these names.
 */
public final class InspectReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A reject's raw text is cut to this many characters on the console (JSON keeps it whole). */
    private static final int RAW_TEXT_SHOWN = 300;

    private InspectReport() {
    }

    /** Prints one file's inspection for a person. */
    public static void print(Inspection inspection, PrintStream out) {
        out.println(inspection.file());
        if (inspection.layout() == null) {
            out.println("  would be refused: " + inspection.refusal());
            out.println();
            return;
        }
        out.println("  layout         " + inspection.layout().describe());
        out.println("  header         line " + inspection.headerLine() + ", " + inspection.header().size() + " names");
        out.println("  credit score   " + (inspection.refusal() != null ? "-"
                : inspection.creditScoreColumn().equals("not applied") ? "not applied (no filter on the score)"
                : "from " + inspection.creditScoreColumn()));
        if (inspection.refusal() != null) {
            out.println("  would be refused: " + inspection.refusal());
        }
        LoadCounts c = inspection.counts();
        out.println("  " + (inspection.refusal() != null ? "loaded anyway " : "would load    ") + " "
                + c.dataRows() + " data rows" + (inspection.complete() ? "" : " (the first " + inspection.rowsRead()
                + " only)") + ": " + c.loaded() + " loaded, " + c.chargedOff() + " charged off, " + c.purposeOther()
                + " purpose other, " + c.lowCreditScore() + " low score, " + c.rejected() + " rejected; "
                + c.skippedLines() + " lines skipped");
        out.println("  null words     " + (inspection.nullWords().isEmpty() ? "none seen"
                : inspection.nullWords().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "))));
        out.println("  columns");
        int width = inspection.header().stream().mapToInt(h -> h.name().trim().length()).max().orElse(0);
        for (Inspection.HeaderColumn column : inspection.header()) {
            String name = column.name().isBlank() ? "\"\"" : column.name().trim();
            String mapped = column.columns().isEmpty() ? "" : "-> " + column.columns().stream()
                    .map(c2 -> c2.storedName() + " (" + c2.kind().label() + ")").collect(Collectors.joining(", "));
            String line = String.format("    %3d  %-" + Math.max(width, 2) + "s  %s", column.position(), name, mapped);
            out.println((line + (column.note().isEmpty() ? "" : (mapped.isEmpty() ? "" : "  ") + column.note()))
                    .stripTrailing());
        }
        if (!inspection.rejects().isEmpty()) {
            out.println("  first rejects");
            for (Reject reject : inspection.rejects()) {
                out.println("    line " + reject.line() + ": " + reject.reason());
                String raw = reject.rawText();
                out.println("      " + (raw.length() > RAW_TEXT_SHOWN ? raw.substring(0, RAW_TEXT_SHOWN) + "..." : raw)
                        .replace("\n", "\n      "));
            }
        }
        out.println();
    }

    /** Every file's inspection as one JSON document. */
    public static String json(List<Inspection> inspections) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (Inspection inspection : inspections) {
            ObjectNode file = files.addObject();
            file.put("file", inspection.file());
            file.put("refused", inspection.refusal());
            if (inspection.layout() != null) {
                ObjectNode layout = file.putObject("layout");
                layout.put("family", inspection.layout().closest().tag());
                layout.put("description", inspection.layout().closest().description());
                layout.put("recognised", inspection.layout().recognised());
                layout.put("names_matching", inspection.layout().shared());
                layout.put("names", inspection.layout().names());
            } else {
                file.putNull("layout");
            }
            file.put("header_line", inspection.headerLine());
            ArrayNode columns = file.putArray("columns");
            for (Inspection.HeaderColumn header : inspection.header()) {
                ObjectNode column = columns.addObject();
                column.put("position", header.position());
                column.put("name", header.name());
                ArrayNode maps = column.putArray("maps_to");
                for (Column to : header.columns()) {
                    maps.addObject().put("column", to.storedName()).put("kind", to.kind().label());
                }
                column.put("note", header.note().isEmpty() ? null : header.note());
            }
            file.put("credit_score_column", inspection.creditScoreColumn());
            ObjectNode nulls = file.putObject("null_words");
            for (Map.Entry<String, Long> word : inspection.nullWords().entrySet()) {
                nulls.put(word.getKey(), word.getValue());
            }
            file.put("rows_read", inspection.rowsRead());
            file.put("complete", inspection.complete());
            JsonReport.counts(file, inspection.counts());
            ArrayNode rejects = file.putArray("rejects");
            for (Reject reject : inspection.rejects()) {
                rejects.addObject().put("line", reject.line()).put("reason", reject.reason())
                        .put("raw_text", reject.rawText());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the inspection as JSON", e);
        }
    }
}
