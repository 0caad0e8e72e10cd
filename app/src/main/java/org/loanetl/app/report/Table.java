package org.loanetl.app.report;

import java.io.PrintStream;
import java.util.List;

/** A plain-text table: the first column left-aligned, the others right-aligned, widths fitted to the content. */
public final class Table {

    private Table() {
    }

    /** Prints headings, a rule, and the rows. */
    public static void print(String[] headings, List<String[]> rows, PrintStream out) {
        int[] widths = new int[headings.length];
        for (int i = 0; i < headings.length; i++) {
            widths[i] = headings[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
            }
        }
        line(headings, widths, out);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        rows.forEach(row -> line(row, widths, out));
    }

    private static void line(String[] cells, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i] == null ? "" : cells[i];
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? cell + pad : pad + cell).append("  ");
        }
        out.println(line.toString().stripTrailing());
    }
}
