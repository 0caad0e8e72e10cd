package org.loanetl.domain.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the text of a loans file: a header, then loans and raw lines in order. Quotes only where needed by default
 * (as Excel saves), or every field (as LendingClub's downloads); LF or CRLF; with or without a BOM.
 */
public final class LoanCsv {

    /** A small header that still has every kind of column, the filters' columns and {@code desc}. */
    public static final List<String> COLUMNS = List.of("id", "loan_amnt", "term", "int_rate", "issue_d",
            "loan_status", "desc", "purpose", "dti", "last_fico_range_low");

    private final List<String> header;
    private final List<Object> lines = new ArrayList<>();
    private boolean quoteEveryField;
    private String lineEnd = "\n";
    private boolean bom;
    private boolean finalLineEnd = true;

    private LoanCsv(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** A file with the {@link #COLUMNS} header. */
    public static LoanCsv aFile() {
        return new LoanCsv(COLUMNS);
    }

    /**
     * A file with a bit of everything: two loaded (ids 1 and 6, the second with a two-line description), one of each
     * filter (2 charged off, 3 purpose other, 4 a score of 650), one rejected on line 6 (id 5, int_rate "abc"), and a
     * blank line and a footer skipped.
     */
    public static LoanCsv mixed() {
        return aFile()
                .with(RawLoan.aLoan().with("id", "1"))
                .with(RawLoan.aLoan().with("id", "2").with("loan_status", "Charged Off"))
                .with(RawLoan.aLoan().with("id", "3").with("purpose", "other"))
                .with(RawLoan.aLoan().with("id", "4").with("last_fico_range_low", "650"))
                .with(RawLoan.aLoan().with("id", "5").with("int_rate", "abc"))
                .withLine("")
                .with(RawLoan.aLoan().with("id", "6").with("desc", "two\nlines"))
                .withLine("Total amount funded in policy code 1: 460296150");
    }

    /** A file with this header. */
    public static LoanCsv withHeader(String... names) {
        return new LoanCsv(List.of(names));
    }

    /** Adds loans, one line each (more where a quoted field holds a line break). */
    public LoanCsv with(RawLoan... loans) {
        lines.addAll(List.of(loans));
        return this;
    }

    /** Adds a line exactly as given. */
    public LoanCsv withLine(String raw) {
        lines.add(raw);
        return this;
    }

    /** Quotes every field of the header and the loans. */
    public LoanCsv quotingEveryField() {
        this.quoteEveryField = true;
        return this;
    }

    /** Ends lines with CRLF. */
    public LoanCsv withCrlf() {
        this.lineEnd = "\r\n";
        return this;
    }

    /** Starts the file with a UTF-8 byte order mark. */
    public LoanCsv withBom() {
        this.bom = true;
        return this;
    }

    /** Leaves the last line without a line break, as the reference sample is. */
    public LoanCsv withoutFinalLineBreak() {
        this.finalLineEnd = false;
        return this;
    }

    /** The file's text. */
    public String text() {
        StringBuilder out = new StringBuilder(bom ? "\uFEFF" : "");
        out.append(line(header));
        for (Object line : lines) {
            out.append(lineEnd);
            out.append(line instanceof RawLoan loan ? line(header.stream().map(loan::get).toList()) : line);
        }
        return finalLineEnd ? out.append(lineEnd).toString() : out.toString();
    }

    /** The file's bytes, UTF-8. */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** The line this file holds for a loan, without its line break. */
    public String line(RawLoan loan) {
        return line(header.stream().map(loan::get).toList());
    }

    private String line(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            boolean needs = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
            quoted.add(quoteEveryField || needs ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return String.join(",", quoted);
    }
}
