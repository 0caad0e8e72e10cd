package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.ControlTotalMismatch;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.rules.NullTokens;
import org.loanetl.domain.testing.CanonicalValues;
import org.loanetl.domain.testing.CommittedLoad;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.Journal;

/**
 * A file larger than the chunk size loads as chunks ({@link LoadFile#planChunks}, {@link LoadFile#loadChunk},
 * {@link LoadFile#completeChunks}): exactly the rows, rejects, line numbers, counts and control totals of the same file
 * loaded whole, each chunk committed once under its own ledger entry, the file recorded and cleaned up once all are; a
 * load stopped at a chunk resumes with the chunks not yet committed.
 */
class LoadFileChunkTest {

    private static final LoadRules RULES = new LoadRules(EnumSet.allOf(FilterReason.class), 700,
            LoadRules.DEFAULT_SCORE_COLUMNS, NoCreditScore.SKIP_FILTER, NullTokens.DEFAULT);

    private final Journal journal = new Journal();
    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource(journal);
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger(journal);
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger, journal);

    static Stream<String> fixtures() {
        List<String> names = new ArrayList<>();
        for (String folder : List.of("real", "reference")) {
            names.addAll(Fixtures.csvFiles(folder));
        }
        return names.stream();
    }

    private LoadFile loadFile(LoadRules rules, AfterLoad after, long chunkSize) {
        return new LoadFile(source, sink, ledger, rules, after, LoadListener.NONE, RetryPolicy.NONE, chunkSize);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aFileLoadedInChunksHoldsExactlyWhatItsWholeLoadHolds(String fixture) {
        byte[] bytes = Fixtures.bytes(fixture);
        Whole whole = whole(fixture, bytes);
        Random random = new Random(fixture.hashCode());
        for (int trial = 0; trial < 4; trial++) {
            InMemoryLoanFileSource chunkedSource = new InMemoryLoanFileSource();
            InMemoryLoadLedger chunkedLedger = new InMemoryLoadLedger();
            InMemoryLoadSink chunkedSink = new InMemoryLoadSink(chunkedLedger);
            SourceFile file = chunkedSource.put(fixture.replace('/', '-'), bytes);
            long chunkSize = 1 + random.nextInt(bytes.length / 3);
            LoadFile load = new LoadFile(chunkedSource, chunkedSink, chunkedLedger, RULES, AfterLoad.KEEP,
                    LoadListener.NONE, RetryPolicy.NONE, chunkSize);

            FileResult result = load.run(file);

            if (whole.result.status() == FileStatus.REFUSED) {
                // refused for its header (a filter's column missing): refused alike, and nothing of it committed
                assertThat(result.status()).isEqualTo(FileStatus.REFUSED);
                assertThat(result.reason()).isEqualTo(whole.result.reason());
                assertThat(chunkedSink.committed()).isEmpty();
                continue;
            }
            assertThat(result.status()).as("%s", result).isEqualTo(FileStatus.LOADED);
            assertThat(result.chunks()).as("chunk size %d", chunkSize).isGreaterThan(1);
            assertThat(result.counts()).isEqualTo(whole.result.counts());
            assertThat(result.controlTotals()).isEqualTo(whole.result.controlTotals());
            assertThat(result.loadedWithoutId()).isEqualTo(whole.result.loadedWithoutId());
            assertThat(result.creditScoreColumn()).isEqualTo(whole.result.creditScoreColumn());
            List<CommittedLoad> chunks = chunkedSink.committed();
            assertThat(chunks).hasSize(result.chunks());
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.file().location()).startsWith(file.location()
                    + FileChunk.RANGE));
            assertThat(rows(chunks)).isEqualTo(whole.rows);
            assertThat(chunks.stream().flatMap(c -> c.rejects().stream()).toList()).isEqualTo(whole.rejects);
            assertThat(chunkedLedger.find(file)).get().extracting(LedgerEntry::counts)
                    .isEqualTo(whole.result.counts());
        }
    }

    @Test
    void aLoadStoppedAtAChunkResumesWithTheChunksNotYetCommitted() {
        byte[] bytes = Fixtures.bytes("real/securev1-2014-96col-notice.csv");
        Whole whole = whole("real/securev1-2014-96col-notice.csv", bytes);
        SourceFile file = source.put("big.csv", bytes);
        LoadFile load = loadFile(RULES, AfterLoad.ARCHIVE, bytes.length / 6);
        List<FileChunk> chunks = load.planChunks(file);
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(5);
        sink.failCommitting(chunks.get(3).ledgerFile());

        FileResult stopped = load.run(file);

        assertThat(stopped.status()).isEqualTo(FileStatus.FAILED);
        assertThat(stopped.reason()).contains("3 of " + chunks.size() + " chunks committed");
        assertThat(ledger.find(file)).isEmpty();
        assertThat(source.contains(file)).as("a file not loaded whole is not archived").isTrue();
        assertThat(journal.entries("commit")).hasSize(3);

        sink.commitAgain();
        journal.clear();
        FileResult resumed = loadFile(RULES, AfterLoad.ARCHIVE, bytes.length / 6).run(file);

        assertThat(resumed.status()).isEqualTo(FileStatus.LOADED);
        assertThat(resumed.chunks()).isEqualTo(chunks.size());
        assertThat(journal.entries("open")).as("the saved plan serves: the file is not read whole to cut it again")
                .isEmpty();
        assertThat(journal.entries("plan")).isEmpty();
        // only the chunks the first run did not commit are read and committed again
        assertThat(journal.entries("commit")).hasSize(chunks.size() - 3);
        assertThat(resumed.counts().dataRows()).isLessThan(whole.result.counts().dataRows());
        assertThat(rows(sink.committed())).isEqualTo(whole.rows);
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::counts).isEqualTo(whole.result.counts());
        assertThat(journal.entries("complete")).hasSize(1);
        assertThat(journal.entries("finish")).containsExactly("finish big.csv archive");
        assertThat(source.contains(file)).isFalse();

        journal.clear();
        FileResult again = loadFile(RULES, AfterLoad.ARCHIVE, bytes.length / 6).run(file);
        assertThat(again.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(journal.entries("commit")).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 8})
    void chunksLoadedOnSeveralThreadsHoldWhatTheWholeLoadHolds(int threads) {
        byte[] bytes = Fixtures.bytes("real/loanstats-2016Q2-99col-excel-footers.csv");
        Whole whole = whole("real/loanstats-2016Q2-99col-excel-footers.csv", bytes);
        SourceFile file = source.put("q2.csv", bytes);

        FileResult result = loadFile(RULES, AfterLoad.KEEP, bytes.length / 7).chunkThreads(threads).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.chunks()).isGreaterThanOrEqualTo(7);
        assertThat(result.counts()).isEqualTo(whole.result.counts());
        assertThat(result.controlTotals()).isEqualTo(whole.result.controlTotals()).isNotEmpty();
        List<List<String>> rows = new ArrayList<>(rows(sink.committed()));
        List<List<String>> expected = new ArrayList<>(whole.rows);
        java.util.Comparator<List<String>> byLine = java.util.Comparator.comparing(r -> Long.parseLong(r.get(0)));
        rows.sort(byLine);
        expected.sort(byLine);
        assertThat(rows).isEqualTo(expected);
    }

    @Test
    void chunksOnSeveralThreadsStopStartingOnceOneFails() {
        byte[] bytes = Fixtures.bytes("real/securev1-2014-96col-notice.csv");
        SourceFile file = source.put("big.csv", bytes);
        LoadFile load = loadFile(RULES, AfterLoad.KEEP, bytes.length / 10).chunkThreads(2);
        List<FileChunk> chunks = load.planChunks(file);
        sink.failCommitting(chunks.get(0).ledgerFile());

        FileResult failed = load.run(file);

        assertThat(failed.status()).isEqualTo(FileStatus.FAILED);
        assertThat(journal.entries("commit").size()).isLessThan(chunks.size());
        assertThat(ledger.find(file)).isEmpty();
        sink.commitAgain();
        assertThat(loadFile(RULES, AfterLoad.KEEP, bytes.length / 10).chunkThreads(2).run(file).status())
                .isEqualTo(FileStatus.LOADED);
        assertThat(ledger.find(file)).isPresent();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 5, 11})
    void aLoadResumedWithAnotherChunkSizeKeepsTheChunksCommittedBefore(int divisor) {
        byte[] bytes = Fixtures.bytes("real/securev1-2014-96col-notice.csv");
        Whole whole = whole("real/securev1-2014-96col-notice.csv", bytes);
        SourceFile file = source.put("big.csv", bytes);
        List<FileChunk> first = loadFile(RULES, AfterLoad.KEEP, bytes.length / 7).planChunks(file);
        sink.failCommitting(first.get(4).ledgerFile());
        assertThat(loadFile(RULES, AfterLoad.KEEP, bytes.length / 7).run(file).status()).isEqualTo(FileStatus.FAILED);
        sink.commitAgain();

        ledger.forgetPlans(); // a ledger without the plan: the chunks committed are kept all the same
        LoadFile resumed = loadFile(RULES, AfterLoad.KEEP, bytes.length / divisor);
        List<FileChunk> plan = resumed.planChunks(file);
        FileResult result = resumed.run(file);

        assertThat(result.status()).as("%s", result).isEqualTo(FileStatus.LOADED);
        assertThat(plan.stream().map(FileChunk::ledgerFile).toList())
                .as("the four chunks committed before are chunks of the new plan")
                .containsAll(first.subList(0, 4).stream().map(FileChunk::ledgerFile).toList());
        assertThat(rows(sink.committed())).isEqualTo(whole.rows);
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::counts).isEqualTo(whole.result.counts());
    }

    @Test
    void aFileWithCommittedChunksNeverLoadsWhole() {
        // over 1 MiB, the smallest chunk size there is: a smaller file loaded whole is never asked about chunks
        byte[] bytes = repeatedRows("real/securev1-2014-96col-notice.csv", 8);
        assertThat(bytes.length).isGreaterThan((int) LoadFile.CHUNKED_FROM);
        Whole whole = whole("big.csv", bytes);
        SourceFile file = source.put("big.csv", bytes);
        List<FileChunk> chunks = loadFile(RULES, AfterLoad.KEEP, bytes.length / 4).planChunks(file);
        sink.failCommitting(chunks.get(2).ledgerFile());
        loadFile(RULES, AfterLoad.KEEP, bytes.length / 4).run(file);
        sink.commitAgain();
        int committed = sink.committed().size();

        FileResult whole0 = loadFile(RULES, AfterLoad.KEEP, 0).load(file);
        assertThat(whole0.status()).isEqualTo(FileStatus.FAILED);
        assertThat(whole0.reason()).contains("2 chunks of it committed by an earlier load in chunks");
        assertThat(sink.committed()).hasSize(committed);

        // run() with chunks off finishes it in the chunks it has
        FileResult result = loadFile(RULES, AfterLoad.KEEP, 0).run(file);
        assertThat(result.status()).as("%s", result).isEqualTo(FileStatus.LOADED);
        assertThat(rows(sink.committed())).isEqualTo(whole.rows);
        source.readsNoRanges();
        assertThat(ledger.find(file)).isPresent();
    }

    @Test
    void aFileTheReaderRefusesNearItsEndCommitsNoChunkThoughItsFirstChunksLoadWhileItIsCut() {
        byte[] good = repeatedRows("real/securev1-2014-96col-notice.csv", 3);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 12);
        System.arraycopy("99,\u0000bad\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, bytes, good.length, 8);
        bytes = java.util.Arrays.copyOf(bytes, good.length + 8);
        SourceFile file = source.put("nul.csv", bytes);

        FileResult result = loadFile(RULES, AfterLoad.KEEP, bytes.length / 8).chunkThreads(2).run(file);

        assertThat(result.status()).as("%s", result).isEqualTo(FileStatus.REFUSED);
        assertThat(result.reason()).contains("NUL");
        assertThat(sink.committed()).as("no chunk committed").isEmpty();
        assertThat(sink.hasOpenLoads()).isFalse();
        assertThat(ledger.savedPlan(file)).isEmpty();
    }

    @Test
    void aPlanSavedByAnotherRunnerIsTheOneLoaded() {
        byte[] bytes = Fixtures.bytes("real/securev1-2014-96col-notice.csv");
        Whole whole = whole("real/securev1-2014-96col-notice.csv", bytes);
        SourceFile file = source.put("big.csv", bytes);
        List<FileChunk> theirs = loadFile(RULES, AfterLoad.KEEP, bytes.length / 3).planChunks(file);

        FileResult result = loadFile(RULES, AfterLoad.KEEP, bytes.length / 9).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.chunks()).isEqualTo(theirs.size());
        assertThat(sink.committed()).extracting(CommittedLoad::file)
                .containsExactlyElementsOf(theirs.stream().map(FileChunk::ledgerFile).toList());
        assertThat(rows(sink.committed())).isEqualTo(whole.rows);
    }

    @Test
    void aFileLoadsWholeWhereChunksCannotServe() {
        byte[] bytes = Fixtures.bytes("real/loanstats-2016Q2-99col-excel-footers.csv");
        SourceFile file = source.put("q2.csv", bytes);
        long small = bytes.length / 4;
        assertThat(loadFile(RULES, AfterLoad.KEEP, small).planChunks(file)).hasSizeGreaterThan(1);
        ledger.forgetPlans(); // else the plan saved just now stands, whatever the chunk size
        assertThat(loadFile(RULES, AfterLoad.KEEP, 0).planChunks(file)).as("chunks off").isEmpty();
        assertThat(loadFile(RULES, AfterLoad.KEEP, bytes.length).planChunks(file)).as("not larger").isEmpty();
        LoadRules refuse = new LoadRules(RULES.filters(), 700, LoadRules.DEFAULT_SCORE_COLUMNS,
                NoCreditScore.SKIP_FILTER, NullTokens.DEFAULT, ControlTotalMismatch.REFUSE);
        assertThat(loadFile(refuse, AfterLoad.KEEP, small).planChunks(file))
                .as("footers that refuse a file are checked before anything of it commits").isEmpty();
        source.readsNoRanges();
        assertThat(loadFile(RULES, AfterLoad.KEEP, small).planChunks(file)).as("no ranges").isEmpty();

        FileResult result = loadFile(RULES, AfterLoad.KEEP, small).run(file);
        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.chunks()).isZero();
        assertThat(sink.committed()).extracting(CommittedLoad::file).containsExactly(file);
    }

    @Test
    void aChunkAnotherRunnerHoldsLeavesTheFileToThatRunner() {
        byte[] bytes = Fixtures.bytes("real/kaggle-accepted-151col.csv");
        SourceFile file = source.put("held.csv", bytes);
        LoadFile load = loadFile(RULES, AfterLoad.KEEP, bytes.length / 3);
        List<FileChunk> chunks = load.planChunks(file);
        var held = sink.begin(chunks.get(1).ledgerFile(), null).orElseThrow();
        try (held) {
            FileResult result = load.run(file);
            assertThat(result.status()).isEqualTo(FileStatus.SKIPPED);
            assertThat(LoadFile.heldElsewhere(result)).isTrue();
            assertThat(ledger.find(file)).isEmpty();
        }
    }

    /**
     * A fixture whose first line is a notice and second its header, with its data rows (everything after the header)
     * written {@code times} times over.
     */
    private static byte[] repeatedRows(String fixture, int times) {
        String text = new String(Fixtures.bytes(fixture), java.nio.charset.StandardCharsets.UTF_8);
        int header = text.indexOf('\n') + 1;
        assertThat(text.substring(header)).startsWith("\"id\",");
        int rows = text.indexOf('\n', header) + 1;
        String body = text.substring(rows);
        body = body.endsWith("\n") ? body : body + "\n";
        return (text.substring(0, rows) + body.repeat(times)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private record Whole(FileResult result, List<List<String>> rows, List<org.loanetl.domain.model.Reject> rejects) {
    }

    private static Whole whole(String fixture, byte[] bytes) {
        InMemoryLoanFileSource wholeSource = new InMemoryLoanFileSource();
        InMemoryLoadLedger wholeLedger = new InMemoryLoadLedger();
        InMemoryLoadSink wholeSink = new InMemoryLoadSink(wholeLedger);
        SourceFile file = wholeSource.put(fixture.replace('/', '-'), bytes);
        FileResult result = new LoadFile(wholeSource, wholeSink, wholeLedger, RULES, AfterLoad.KEEP,
                LoadListener.NONE).run(file);
        if (result.status() == FileStatus.REFUSED) {
            return new Whole(result, List.of(), List.of());
        }
        assertThat(result.status()).as("%s", result).isEqualTo(FileStatus.LOADED);
        CommittedLoad loaded = wholeSink.committed(file).orElseThrow();
        return new Whole(result, rows(List.of(loaded)), loaded.rejects());
    }

    private static List<List<String>> rows(List<CommittedLoad> loads) {
        return loads.stream().flatMap(l -> l.rows().stream()).map(CanonicalValues::render).toList();
    }
}
