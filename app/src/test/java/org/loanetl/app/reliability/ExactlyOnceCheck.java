package org.loanetl.app.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.CommittedLoad;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;

/**
 * The promise, checked: for each input file, the database holds exactly one ledger entry with the right counts, its
 * loaded rows once (the same lines the rules load), its rejects once (the same lines), and nothing else; and the
 * source was cleaned up exactly once. The expected outcome of each file comes from loading its bytes in memory with
 * the same rules, so the check knows nothing of the database adapter's code.
 */
final class ExactlyOnceCheck {

    /** Where to check. */
    interface Database {
        Connection connect() throws SQLException;
    }

    /** What one file must end as. */
    record Expected(String name, LoadCounts counts, TreeSet<Long> loadedLines, TreeSet<Long> rejectedLines) {
    }

    private final Map<String, Expected> expected = new TreeMap<>();

    /** Computes each file's expected outcome from its bytes. */
    static ExactlyOnceCheck of(Map<String, byte[]> files) {
        ExactlyOnceCheck check = new ExactlyOnceCheck();
        files.forEach((name, bytes) -> check.expected.put(name, expect(name, bytes)));
        return check;
    }

    private static Expected expect(String name, byte[] bytes) {
        SourceFile file = new SourceFile("mem:/" + name, "v", bytes.length);
        InMemoryLoadLedger ledger = new InMemoryLoadLedger();
        InMemoryLoadSink sink = new InMemoryLoadSink(ledger);
        LoanFileSource source = new LoanFileSource() {
            @Override
            public Stream<SourceFile> files(Consumer<String> ignored) {
                return Stream.of(file);
            }

            @Override
            public InputStream open(SourceFile f) {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public void finish(SourceFile f, AfterLoad after) {
            }
        };
        FileResult result = new LoadFile(source, sink, ledger, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE)
                .run(file);
        CommittedLoad load = sink.committed(file).orElseThrow(() -> new IllegalStateException(name + ": " + result));
        TreeSet<Long> loaded = new TreeSet<>();
        load.rows().forEach(r -> loaded.add(r.line()));
        TreeSet<Long> rejected = new TreeSet<>();
        load.rejects().forEach(r -> rejected.add(r.line()));
        return new Expected(name, result.counts(), loaded, rejected);
    }

    /** What the named file must end as: its counts. */
    LoadCounts counts(String name) {
        return expected.get(name).counts();
    }

    /** The files' total data rows, for the summary. */
    long dataRows() {
        return expected.values().stream().mapToLong(e -> e.counts().dataRows()).sum();
    }

    /**
     * Every way the database and the folders break the promise; empty when they keep it.
     *
     * @param after   what the run was told to do with loaded files
     * @param input   the folder the files were loaded from
     * @param archive the archive folder
     */
    List<String> violations(Database db, String schema, AfterLoad after, Path input, Path archive)
            throws SQLException, IOException {
        List<String> violations = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (Expected e : expected.values()) {
                checkFile(c, schema, e, after, violations);
                checkSource(e.name(), after, input, archive, violations);
            }
            // a file loaded in chunks has an entry of its own besides its chunks' (docs/spark.md)
            long entries = single(c, "SELECT count(*) FROM " + schema + ".loaded_files WHERE source NOT LIKE"
                    + " '%#bytes=%'", null);
            if (entries != expected.size()) {
                violations.add("the ledger has " + entries + " entries for " + expected.size() + " files");
            }
            List<String> orphans = strings(c, "SELECT c.source FROM " + schema + ".loaded_files c WHERE c.source"
                    + " LIKE '%#bytes=%' AND NOT EXISTS (SELECT 1 FROM " + schema + ".loaded_files f WHERE f.source"
                    + " = split_part(c.source, '#bytes=', 1) AND f.version = c.version AND f.chunks IS NOT NULL)",
                    null);
            if (!orphans.isEmpty()) {
                violations.add("chunks committed whose file was never recorded: " + orphans);
            }
        }
        return violations;
    }

    private static void checkFile(Connection c, String schema, Expected e, AfterLoad after, List<String> violations)
            throws SQLException {
        String like = "%/" + e.name();
        long entries = single(c, "SELECT count(*) FROM " + schema + ".loaded_files WHERE source LIKE ?", like);
        if (entries != 1) {
            violations.add(e.name() + ": " + entries + " ledger entries");
            return;
        }
        List<Long> ledger = longs(c, "SELECT loaded, charged_off, purpose_other, low_credit_score, rejected,"
                + " skipped_lines FROM " + schema + ".loaded_files WHERE source LIKE ?", like);
        LoadCounts counts = new LoadCounts(ledger.get(0), ledger.get(1), ledger.get(2), ledger.get(3), ledger.get(4),
                ledger.get(5));
        if (!counts.equals(e.counts())) {
            violations.add(e.name() + ": ledger counts " + counts + ", expected " + e.counts());
        }
        // rows of a file loaded in chunks are under its chunks' entries: <location>#bytes=<start>-<end>
        List<Long> loaded = longs(c, "SELECT l.line FROM " + schema + ".loans l JOIN " + schema
                + ".loaded_files f ON f.id = l.file_id WHERE split_part(f.source, '#bytes=', 1) LIKE ?"
                + " ORDER BY l.line", like);
        if (!loaded.equals(new ArrayList<>(e.loadedLines()))) {
            violations.add(e.name() + ": loans hold " + loaded.size() + " rows (lines " + abbreviate(loaded)
                    + "), expected " + e.loadedLines().size());
        }
        List<Long> rejected = longs(c, "SELECT r.line FROM " + schema + ".loan_rejects r JOIN " + schema
                + ".loaded_files f ON f.id = r.file_id WHERE split_part(f.source, '#bytes=', 1) LIKE ?"
                + " ORDER BY r.line", like);
        if (!rejected.equals(new ArrayList<>(e.rejectedLines()))) {
            violations.add(e.name() + ": loan_rejects hold " + rejected.size() + " rows, expected "
                    + e.rejectedLines().size());
        }
        List<String> cleanup = strings(c, "SELECT coalesce(cleanup, 'pending') FROM " + schema
                + ".loaded_files WHERE source LIKE ?", like);
        if (!cleanup.equals(List.of(after.label()))) {
            violations.add(e.name() + ": ledger says cleanup " + cleanup + ", expected " + after.label());
        }
    }

    private static void checkSource(String name, AfterLoad after, Path input, Path archive, List<String> violations)
            throws IOException {
        boolean inInput = Files.exists(input.resolve(name));
        long archived;
        try (Stream<Path> files = Files.exists(archive) ? Files.walk(archive) : Stream.empty()) {
            archived = files.filter(p -> p.getFileName().toString().startsWith(name.replace(".csv", ""))).count();
        }
        boolean ok = switch (after) {
            case KEEP -> inInput && archived == 0;
            case ARCHIVE -> !inInput && archived == 1;
            case DELETE -> !inInput && archived == 0;
        };
        if (!ok) {
            violations.add(name + ": after " + after.label() + ", in input folder: " + inInput + ", copies in archive: "
                    + archived);
        }
    }

    private static String abbreviate(List<Long> lines) {
        return lines.size() <= 6 ? lines.toString() : lines.subList(0, 6) + "...";
    }

    private static long single(Connection c, String sql, String arg) throws SQLException {
        return longs(c, sql, arg).get(0);
    }

    private static List<Long> longs(Connection c, String sql, String arg) throws SQLException {
        List<Long> values = new ArrayList<>();
        for (String s : strings(c, sql, arg)) {
            values.add(Long.parseLong(s));
        }
        return values;
    }

    private static List<String> strings(Connection c, String sql, String arg) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        values.add(rs.getString(i));
                    }
                }
            }
        }
        return values;
    }
}
