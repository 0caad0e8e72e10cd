package org.loanetl.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.ControlSums;
import org.loanetl.domain.model.ControlTotal;

/**
 * What a commit writes beside the rows, and checks before it: the control totals as the ledger stores them, and, in
 * the transaction that is about to commit, that the database holds for each file exactly the rows and rejects its
 * counts say. A difference would be a loan-etl bug; it fails the file loudly and nothing of it commits.
 */
final class CommitChecks {

    /** A file about to commit: its ledger id, its name for messages, and what its counts say it added. */
    record Expected(long fileId, String name, long loaded, long rejected) {
    }

    private CommitChecks() {
    }

    /**
     * Checks, in one query inside the open transaction, that {@code loans} and {@code loan_rejects} hold each file's
     * counted rows and rejects.
     *
     * @throws SinkException naming the file and both figures when they differ
     */
    static void holdWhatWasCounted(Handle handle, String schema, List<Expected> files) {
        if (files.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(files.size());
        files.forEach(f -> ids.add(f.fileId()));
        List<long[]> held = handle.createQuery("SELECT v.id,"
                        + " (SELECT count(*) FROM " + schema + ".loans l WHERE l.file_id = v.id),"
                        + " (SELECT count(*) FROM " + schema + ".loan_rejects r WHERE r.file_id = v.id)"
                        + " FROM unnest(:ids) WITH ORDINALITY AS v(id, n) ORDER BY v.n")
                .bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .list();
        for (int i = 0; i < files.size(); i++) {
            Expected file = files.get(i);
            long[] row = held.get(i);
            if (row[1] != file.loaded() || row[2] != file.rejected()) {
                throw new SinkException(file.name() + ": the database holds " + row[1] + " rows and " + row[2]
                        + " rejects for this file, but its load counted " + file.loaded() + " and " + file.rejected()
                        + "; nothing of it was committed (a loan-etl bug: please report it with this line)", null);
            }
        }
    }

    /** The control totals as the ledger's {@code control_totals} column holds them, or {@code null} for none. */
    static String json(List<ControlTotal> totals) {
        if (totals == null || totals.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("[");
        for (ControlTotal total : totals) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"policy_code\":").append(total.policyCode())
                    .append(",\"footer\":").append(total.footer().toPlainString())
                    .append(",\"rows\":").append(total.rows().toPlainString())
                    .append(",\"match\":").append(total.matches()).append('}');
        }
        return json.append(']').toString();
    }

    /**
     * A chunk's control sums as the ledger's {@code chunk_sums} column holds them, {@code {"rows": {"1": "123.45"},
     * "footers": {"1": "999"}}}, or {@code null} for none (a file loaded whole). The amounts are strings, which JSON
     * readers keep exact; {@link ChunkRollUp} adds them up as {@code numeric}.
     */
    static String json(ControlSums sums) {
        if (sums == null) {
            return null;
        }
        return "{\"rows\":" + json(sums.rows()) + ",\"footers\":" + json(sums.footers()) + "}";
    }

    private static String json(Map<Integer, java.math.BigDecimal> byCode) {
        StringBuilder json = new StringBuilder("{");
        byCode.forEach((code, amount) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(code).append("\":\"").append(amount.toPlainString()).append('"');
        });
        return json.append('}').toString();
    }
}
