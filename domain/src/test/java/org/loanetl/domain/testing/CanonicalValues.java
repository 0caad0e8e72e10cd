package org.loanetl.domain.testing;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.FileLayout;

/**
 * The canonical text of typed values, which golden files such as {@code sample-53col.expected-loans.csv} hold:
 * decimals by {@link BigDecimal#toPlainString()} (scale kept: {@code 15824.00}), dates in ISO form
 * ({@code 2011-12-01}), integers in decimal, text as it is, and NULL as an empty field. Text is never empty (an
 * empty field is NULL), so the rendering is unambiguous. Adapter tests render what they read back from a database the
 * same way and compare with the same files.
 */
public final class CanonicalValues {

    private CanonicalValues() {
    }

    /** One value's canonical text. */
    public static String render(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDate || value instanceof Long || value instanceof Integer || value instanceof String) {
            return value.toString();
        }
        throw new IllegalArgumentException("not a value a LoanRow holds: " + value.getClass().getName() + " " + value);
    }

    /** A loaded row: its line, then each value in the layout's column order. */
    public static List<String> render(LoanRow row) {
        List<String> fields = new ArrayList<>();
        fields.add(Long.toString(row.line()));
        for (Object value : row.values()) {
            fields.add(render(value));
        }
        return fields;
    }

    /** {@code line}, then the stored names of the layout's columns ({@code desc} is {@code description}). */
    public static List<String> header(FileLayout layout) {
        List<String> names = new ArrayList<>();
        names.add("line");
        layout.columns().stream().map(Column::storedName).forEach(names::add);
        return names;
    }

    /** A golden CSV file (UTF-8, RFC 4180), its header included, as lists of fields. */
    public static List<List<String>> readCsv(Path file) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            return csv.stream().map(CsvRecord::getFields).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
