package org.loanetl.domain;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.ColumnKind;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.rules.NullTokens;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.OneFileLoad;
import org.loanetl.domain.testing.RealFiles;

/**
 * Each real file written again as the tools people use would write it (R's {@code write.csv}, pandas'
 * {@code to_csv}, an Excel save, a trailing delimiter) loads the same loans as the original: the same values in every
 * column, the same filtered and rejected rows. The rewriting follows what each tool is known to do: R quotes text and
 * writes {@code NA} for a missing number, {@code 1e+05} for a round hundred thousand, CRLF, and row numbers under an
 * empty name; pandas writes its index the same way, {@code 5000.0} for whole numbers of a column with gaps, an empty
 * field for a gap; Excel quotes only where it must, shows {@code Dec-2011} as {@code 11-Dec} and {@code Feb-2005} as
 * {@code 5-Feb} (a year it takes for a day) but {@code Oct-1999} as {@code Oct-99}, drops the zeros of
 * {@code 5000.00}, ends lines with CRLF, leaves comma-only rows and its footers at the end, and no final newline.
 */
class RewrittenRealFilesTest {

    private static final LoadRules RULES = LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER);
    private static final NullTokens.Matcher NULLS = NullTokens.DEFAULT.matcher();
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern MONTH_YEAR = Pattern.compile("([A-Za-z]{3})-(\\d{4})");

    /** One rewriting tool: the header, the rows, and the kind of each column (null where a field holds two). */
    private interface Tool extends BiFunction<Table, StringBuilder, String> {
    }

    static Stream<Arguments> rewrites() {
        List<Arguments> cases = new ArrayList<>();
        for (RealFiles.Expected file : RealFiles.expected()) {
            cases.add(Arguments.of(file, "R write.csv", (Tool) RewrittenRealFilesTest::writeCsvAsR));
            cases.add(Arguments.of(file, "pandas to_csv", (Tool) RewrittenRealFilesTest::toCsvAsPandas));
            cases.add(Arguments.of(file, "Excel save", (Tool) RewrittenRealFilesTest::saveAsExcel));
            cases.add(Arguments.of(file, "trailing delimiter", (Tool) RewrittenRealFilesTest::withTrailingDelimiter));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("rewrites")
    void loadsTheSameLoansAsTheOriginal(RealFiles.Expected file, String tool, Tool rewrite) {
        byte[] original = Fixtures.bytes(file.fixture());
        OneFileLoad expected = OneFileLoad.of(file.file(), original, RULES);
        String rewritten = rewrite.apply(Table.of(original), new StringBuilder());

        OneFileLoad actual = OneFileLoad.of(file.file(), rewritten.getBytes(StandardCharsets.UTF_8), RULES);

        assertThat(actual.result().status()).as(actual.result().reason()).isEqualTo(FileStatus.LOADED);
        assertThat(withoutSkipped(actual.counts())).isEqualTo(withoutSkipped(expected.counts()));
        assertThat(valuesOnly(actual)).containsExactlyElementsOf(valuesOnly(expected));
        assertThat(expected.rows()).isNotEmpty();
    }

    private static LoadCounts withoutSkipped(LoadCounts counts) {
        return new LoadCounts(counts.loaded(), counts.chargedOff(), counts.purposeOther(), counts.lowCreditScore(),
                counts.rejected(), 0);
    }

    /** The rows without their line numbers, which move when a tool drops a notice line. */
    private static List<List<String>> valuesOnly(OneFileLoad load) {
        return load.renderedRows().stream().map(row -> row.subList(1, row.size())).toList();
    }

    // ---- the tools

    private static String writeCsvAsR(Table table, StringBuilder out) {
        out.append("\"\"");
        for (String name : table.header) {
            out.append(",\"").append(name.replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
        int number = 1;
        for (List<String> row : table.rows) {
            out.append('"').append(number++).append('"');
            for (int i = 0; i < row.size(); i++) {
                out.append(',');
                String value = row.get(i);
                ColumnKind kind = table.kinds.get(i);
                if (kind == ColumnKind.TEXT || kind == null) {
                    out.append('"').append(value.replace("\"", "\"\"")).append('"');
                } else if (missing(value)) {
                    out.append("NA");
                } else if (PLAIN_NUMBER.matcher(value.trim()).matches()) {
                    out.append(rNumber(value.trim()));
                } else {
                    out.append('"').append(value.replace("\"", "\"\"")).append('"'); // a character column in R
                }
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** As R prints a number: in scientific notation when that is shorter ({@code 100000} is {@code 1e+05}). */
    private static String rNumber(String plain) {
        BigDecimal value = new BigDecimal(plain).stripTrailingZeros();
        String fixed = value.scale() <= 0 ? value.toBigInteger().toString() : value.toPlainString();
        if (value.scale() >= 0 || value.signum() == 0) {
            return fixed;
        }
        String digits = value.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - value.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String scientific = (value.signum() < 0 ? "-" : "") + mantissa + "e+" + (exponent < 10 ? "0" : "") + exponent;
        return scientific.length() < fixed.length() ? scientific : fixed;
    }

    private static String toCsvAsPandas(Table table, StringBuilder out) {
        out.append("");
        for (String name : table.header) {
            out.append(',').append(minimalQuote(name));
        }
        out.append('\n');
        int index = 0;
        for (List<String> row : table.rows) {
            out.append(index++);
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                ColumnKind kind = table.kinds.get(i);
                boolean numeric = kind == ColumnKind.MONEY || kind == ColumnKind.INTEGER;
                if (kind != ColumnKind.TEXT && kind != null && missing(value)) {
                    value = "";
                } else if (numeric && value.trim().matches("-?\\d+")) {
                    value = value.trim() + ".0"; // a column with gaps is float64 in pandas
                }
                out.append(',').append(minimalQuote(value));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String saveAsExcel(Table table, StringBuilder out) {
        out.append(String.join(",", table.header.stream().map(RewrittenRealFilesTest::minimalQuote).toList()));
        for (List<String> row : table.rows) {
            out.append("\r\n");
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                ColumnKind kind = table.kinds.get(i);
                if (kind == ColumnKind.MONTH) {
                    value = excelMonth(value);
                } else if (kind == ColumnKind.MONEY && value.trim().matches("-?\\d+\\.\\d+")) {
                    value = new BigDecimal(value.trim()).stripTrailingZeros().toPlainString();
                }
                out.append(i == 0 ? "" : ",").append(minimalQuote(value));
            }
        }
        String commas = ",".repeat(table.header.size() - 1);
        out.append("\r\n").append(commas).append("\r\n").append(commas);
        out.append("\r\nTotal amount funded in policy code 1: 460296150").append(commas);
        out.append("\r\nTotal amount funded in policy code 2: 95982900").append(commas);
        return out.toString(); // no final newline
    }

    /** {@code Dec-2011} as Excel shows it once it took it for a date: {@code 11-Dec}, {@code 5-Feb}, {@code Oct-99}. */
    private static String excelMonth(String value) {
        var month = MONTH_YEAR.matcher(value.trim());
        if (!month.matches()) {
            return value; // ISO dates and anything else are left as they are
        }
        int year = Integer.parseInt(month.group(2));
        String name = month.group(1);
        if (year >= 2000 && year <= 2030) {
            return (year - 2000) + "-" + name; // "Feb-05" is read as 5 February: shown as 5-Feb
        }
        if (year >= 1931 && year <= 1999) {
            return name + "-" + String.format(Locale.ROOT, "%02d", year - 1900);
        }
        return value;
    }

    private static String withTrailingDelimiter(Table table, StringBuilder out) {
        out.append(String.join(",", table.header.stream().map(RewrittenRealFilesTest::minimalQuote).toList())).append(",\n");
        for (List<String> row : table.rows) {
            out.append(String.join(",", row.stream().map(RewrittenRealFilesTest::minimalQuote).toList())).append(",\n");
        }
        return out.toString();
    }

    private static boolean missing(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() || NULLS.matches(trimmed.toCharArray(), 0, trimmed.length());
    }

    private static String minimalQuote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** A real file's header and loan rows as a tool reads them: notice, blank and footer lines are gone. */
    private record Table(List<String> header, List<ColumnKind> kinds, List<List<String>> rows) {

        static Table of(byte[] content) {
            List<List<String>> records = new ArrayList<>();
            try (CsvReader<CsvRecord> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                    .ofCsvRecord(new String(content, StandardCharsets.UTF_8))) {
                csv.forEach(record -> records.add(record.getFields()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ColumnCatalog catalog = ColumnCatalog.standard();
            int at = 0;
            while (records.get(at).stream().filter(name -> !catalog.resolve(name).isEmpty()).count() < 2) {
                at++;
            }
            List<String> header = records.get(at);
            List<ColumnKind> kinds = header.stream().map(name -> {
                List<Column> columns = catalog.resolve(name);
                return columns.size() == 1 ? columns.get(0).kind() : columns.isEmpty() ? ColumnKind.TEXT : null;
            }).toList();
            List<List<String>> rows = records.subList(at + 1, records.size()).stream()
                    .filter(row -> row.size() == header.size())
                    .filter(row -> row.stream().filter(field -> !field.isBlank()).count() > 1)
                    .toList();
            return new Table(header, kinds, rows);
        }
    }
}
