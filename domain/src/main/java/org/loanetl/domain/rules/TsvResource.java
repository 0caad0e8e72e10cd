package org.loanetl.domain.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tab-separated tables the rules ship beside their classes ({@code columns.tsv}, {@code readable-names.tsv},
 * {@code layout-families.tsv}): lines starting with {@code #} are comments, the first other line names the fields,
 * blank lines are skipped.
 */
final class TsvResource {

    private TsvResource() {
    }

    /**
     * One row.
     *
     * @param where  {@code file:line}, for a message about the row
     * @param fields its fields (a missing trailing field is an empty string only if its tab is there)
     */
    record Row(String where, String[] fields) {
    }

    /** Every row of a resource beside this class, the field names left out. */
    static List<Row> rows(String resource) {
        InputStream in = TsvResource.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Row> rows = new ArrayList<>();
            boolean named = false;
            int number = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (named) {
                    rows.add(new Row(resource + ":" + number, line.split("\t", -1)));
                }
                named = true;
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
