package org.loanetl.domain.load;

import java.util.List;
import java.util.Map;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.rules.Column;
import org.loanetl.domain.rules.LayoutFamilies;

/**
 * What a file would give if it were loaded under some rules, and why: how its header maps onto the catalog, the
 * credit-score column, the null words it holds, and its first rejects. Made by {@link InspectFile}; nothing is
 * written anywhere.
 *
 * @param file              the file's name
 * @param refusal           why a load would refuse the file, or {@code null}; when the header itself is unusable
 *                          (no header, repeated names, not CSV text) nothing else is known
 * @param layout            the family the header looks like; {@code null} when no header was found
 * @param headerLine        the line the header starts on (0 when none was found)
 * @param header            each header name and what it maps to, in the file's order
 * @param creditScoreColumn the column the score would be read from, {@code not applied}, or {@code null} when the
 *                          file would be refused
 * @param nullWords         each null word seen in a column that is not text, as written, with how often
 * @param counts            what a load would do with its rows; for a file that would be refused, what loading it
 *                          anyway with the fixes the refusal names would do (without the filters it lacks columns for)
 * @param rejects           the first rejected rows, with their reasons
 * @param rowsRead          data rows read; fewer than the file has when the inspection was limited
 * @param complete          whether the whole file was read
 */
public record Inspection(String file, String refusal, LayoutFamilies.Recognition layout, long headerLine,
                         List<HeaderColumn> header, String creditScoreColumn, Map<String, Long> nullWords,
                         LoadCounts counts, List<Reject> rejects, long rowsRead, boolean complete) {

    public Inspection {
        header = List.copyOf(header);
        nullWords = Map.copyOf(nullWords);
        rejects = List.copyOf(rejects);
    }

    /**
     * One header name.
     *
     * @param position its position, counted from 1
     * @param name     as read
     * @param columns  the catalog columns it fills (two for {@code FICO Range}); empty when it is ignored
     * @param note     why it is ignored ({@code unknown, ignored}), or how it is read; empty for a plain column
     */
    public record HeaderColumn(int position, String name, List<Column> columns, String note) {
        public HeaderColumn {
            columns = List.copyOf(columns);
        }
    }
}
