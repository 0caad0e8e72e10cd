package org.loanetl.app.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.ColumnCatalog;

/**
 * Writes a modern-layout (151-column) LendingClub file as LendingClub published them: the notice line, every field
 * quoted, a multi-line {@code desc} now and then, quotes and commas inside text, the two funding footers, and a
 * settable share of bad rows (a bad value, or a field missing). The same seed gives the same bytes.
 *
 * <p>Under the default rules about half the rows load; the rest are charged off (~12%), purpose other (~5%) or below
 * 700 / without a score (~35%), close to the shares of the real 2007-2018 data.
 */
public final class LoanFileGenerator {

    static final String NOTICE = "Notes offered by Prospectus (https://www.lendingclub.com/info/prospectus.action)";
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] STATES = {"CA", "NY", "TX", "FL", "IL", "NJ", "PA", "OH", "GA", "VA", "NC", "MI", "WA", "AZ"};
    private static final String[] TITLES = {"Registered Nurse", "Teacher", "Manager", "Driver", "Sales, Marketing",
        "Owner", "Engineer \"II\"", "Supervisor", "Project Manager", "Office Manager "};
    private static final String[] BAD_VALUES = {"int_rate=abc%", "loan_amnt=12,5OO", "term=thirty-six", "issue_d=Dex-2018",
        "last_fico_range_low=7O5", "open_acc=3.5"};

    private final List<String> header;
    private final Column[] columns;
    private final SplittableRandom random;
    private final double badShare;

    /**
     * @param seed     the seed: the same seed, rows and share give the same file
     * @param badShare the share of rows, 0 to 1, given a bad value or a missing field
     */
    public LoanFileGenerator(long seed, double badShare) {
        if (badShare < 0 || badShare > 1) {
            throw new IllegalArgumentException("bad-row share must be between 0 and 1, was " + badShare);
        }
        this.header = modernHeader();
        this.columns = header.stream().map(n -> ColumnCatalog.standard().find(n).orElseThrow()).toArray(Column[]::new);
        this.random = new SplittableRandom(seed);
        this.badShare = badShare;
    }

    /** Writes the whole file: notice, header, {@code rows} loans, footers. */
    public void write(long rows, Writer out) throws IOException {
        out.write(NOTICE);
        out.write('\n');
        out.write(quotedLine(header));
        long funded = 0;
        StringBuilder line = new StringBuilder(2048);
        String[] values = new String[columns.length];
        for (long i = 0; i < rows; i++) {
            funded += fillRow(1_000_000 + i, values);
            line.setLength(0);
            appendRow(line, values);
            out.append(line);
        }
        out.write("\n\"Total amount funded in policy code 1: " + funded + "\"\n");
        out.write("\"Total amount funded in policy code 2: 0\"\n");
    }

    private long fillRow(long id, String[] values) {
        Loan loan = Loan.random(random);
        for (int c = 0; c < columns.length; c++) {
            values[c] = value(columns[c], id, loan);
        }
        if (random.nextDouble() < badShare) {
            spoil(values);
        }
        return loan.amount;
    }

    private void spoil(String[] values) {
        if (random.nextInt(4) == 0) {
            values[values.length - 1] = null;
            return;
        }
        String[] bad = BAD_VALUES[random.nextInt(BAD_VALUES.length)].split("=", 2);
        values[header.indexOf(bad[0])] = bad[1];
    }

    private String value(Column column, long id, Loan loan) {
        return switch (column.name()) {
            case "id" -> Long.toString(id);
            case "member_id", "url", "mths_since_last_record", "dti_joint", "annual_inc_joint", "verification_status_joint",
                 "revol_bal_joint", "hardship_type", "hardship_reason", "hardship_status", "hardship_amount",
                 "hardship_start_date", "hardship_end_date", "payment_plan_start_date", "hardship_length", "hardship_dpd",
                 "hardship_loan_status", "deferral_term", "orig_projected_additional_accrued_interest",
                 "hardship_payoff_balance_amount", "hardship_last_payment_amount", "debt_settlement_flag_date",
                 "settlement_status", "settlement_date", "settlement_amount", "settlement_percentage", "settlement_term",
                 "next_pymnt_d" -> "";
            case "loan_amnt", "funded_amnt" -> Long.toString(loan.amount);
            case "funded_amnt_inv" -> loan.amount + ".0";
            case "term" -> " " + loan.term + " months";
            case "int_rate" -> " " + loan.rate + "%";
            case "installment" -> loan.installment();
            case "grade" -> loan.grade;
            case "sub_grade" -> loan.grade + (1 + random.nextInt(5));
            case "emp_title" -> random.nextInt(8) == 0 ? "" : TITLES[random.nextInt(TITLES.length)];
            case "emp_length" -> random.nextInt(10) == 0 ? "n/a" : random.nextInt(3) == 0 ? "10+ years" : (1 + random.nextInt(9)) + " years";
            case "home_ownership" -> random.nextBoolean() ? "MORTGAGE" : "RENT";
            case "annual_inc" -> Long.toString(25_000 + random.nextInt(175_000));
            case "verification_status" -> random.nextBoolean() ? "Source Verified" : "Not Verified";
            case "issue_d", "last_pymnt_d", "last_credit_pull_d" -> loan.month;
            case "earliest_cr_line", "sec_app_earliest_cr_line" -> MONTHS[random.nextInt(12)] + "-" + (1975 + random.nextInt(40));
            case "loan_status" -> loan.status;
            case "pymnt_plan" -> "n";
            case "desc" -> loan.desc(random);
            case "purpose" -> loan.purpose;
            case "title" -> loan.purpose.equals("other") ? "Other" : "Debt consolidation";
            case "zip_code" -> (100 + random.nextInt(899)) + "xx";
            case "addr_state" -> STATES[random.nextInt(STATES.length)];
            case "fico_range_low", "sec_app_fico_range_low" -> Integer.toString(loan.fico);
            case "fico_range_high", "sec_app_fico_range_high" -> Integer.toString(loan.fico + 4);
            case "last_fico_range_low" -> loan.lastFico < 0 ? "" : Integer.toString(loan.lastFico);
            case "last_fico_range_high" -> loan.lastFico < 0 ? "" : Integer.toString(loan.lastFico + 4);
            case "revol_util" -> random.nextInt(20) == 0 ? "" : random.nextInt(1000) / 10.0 + "%";
            case "sec_app_revol_util" -> "";
            case "initial_list_status" -> random.nextBoolean() ? "w" : "f";
            case "policy_code" -> "1";
            case "application_type" -> "Individual";
            case "hardship_flag", "debt_settlement_flag" -> "N";
            case "disbursement_method" -> "Cash";
            default -> byKind(column);
        };
    }

    private String byKind(Column column) {
        if (column.name().startsWith("sec_app_")) {
            return "";
        }
        return switch (column.kind()) {
            case MONEY -> random.nextInt(6) + "" + random.nextInt(10_000) + "." + random.nextInt(10) + random.nextInt(10)
                    + (random.nextInt(4) == 0 ? Integer.toString(random.nextInt(1000)) : "");
            case RATIO -> random.nextInt(100) + "." + random.nextInt(100);
            case PERCENT -> random.nextInt(100) + "." + random.nextInt(10) + "%";
            case INTEGER -> random.nextInt(5) == 0 ? "" : Integer.toString(random.nextInt(30));
            case MONTH -> MONTHS[random.nextInt(12)] + "-20" + (10 + random.nextInt(9));
            case TERM -> " 36 months";
            case TEXT -> "";
        };
    }

    private static void appendRow(StringBuilder line, String[] values) {
        boolean first = true;
        for (String value : values) {
            if (value == null) {
                continue;
            }
            if (!first) {
                line.append(',');
            }
            first = false;
            line.append('"');
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                line.append(ch);
                if (ch == '"') {
                    line.append('"');
                }
            }
            line.append('"');
        }
        line.append('\n');
    }

    private static String quotedLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        appendRow(line, values.toArray(String[]::new));
        return line.toString();
    }

    private static List<String> modernHeader() {
        try (InputStream in = LoanFileGenerator.class.getResourceAsStream("modern151-header.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return List.of(text.split(","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
