package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.Journal;
import org.loanetl.domain.testing.LoanCsv;

/** Small files loaded in one transaction: each still exactly once and all or nothing, cleaned up after the commit. */
class LoadFileGroupTest {

    private final Journal journal = new Journal();
    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource(journal);
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger(journal);
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger, journal);

    private LoadFile loadFile(AfterLoad after) {
        return new LoadFile(source, sink, ledger, LoadRules.defaults(), after, LoadListener.NONE);
    }

    private SourceFile file(String name, int firstId) {
        return source.put(name, LoanCsv.aFile().with(aLoan().with("id", String.valueOf(firstId)))
                .with(aLoan().with("id", String.valueOf(firstId + 1))).text());
    }

    @Test
    void commitsTheFilesTogetherThenCleansEachUp() {
        List<SourceFile> files = List.of(file("a.csv", 1), file("b.csv", 10), file("c.csv", 20));

        List<FileResult> results = loadFile(AfterLoad.ARCHIVE).runGroup(files, null);

        assertThat(results).extracting(FileResult::status).containsOnly(FileStatus.LOADED);
        assertThat(results).extracting(FileResult::after).containsOnly("archived");
        assertThat(sink.committed()).hasSize(3);
        assertThat(sink.rows()).hasSize(6);
        List<String> entries = journal.entries();
        assertThat(entries.indexOf("group commit")).isGreaterThan(entries.indexOf("commit c.csv"))
                .isLessThan(entries.indexOf("finish a.csv archive"));
        assertThat(journal.entries("commit")).containsExactly("commit a.csv", "commit b.csv", "commit c.csv");
        assertThat(sink.hasOpenLoads()).isFalse();
    }

    @Test
    void rollsBackOnlyTheFileThatFailsAndCommitsTheRest() {
        SourceFile a = file("a.csv", 1);
        LoanCsv many = LoanCsv.aFile();
        for (int id = 100; id < 400; id++) {
            many = many.with(aLoan().with("id", String.valueOf(id)));
        }
        SourceFile broken = source.put("b.csv", many.text());
        SourceFile c = file("c.csv", 20);
        // far enough in that its load has begun (and part of it gone to the sink) when the read fails
        source.failReadingAfter(broken, broken.size() / 2);

        List<FileResult> results = loadFile(AfterLoad.KEEP).runGroup(List.of(a, broken, c), null);

        assertThat(results).extracting(FileResult::status)
                .containsExactly(FileStatus.LOADED, FileStatus.FAILED, FileStatus.LOADED);
        assertThat(sink.committed()).extracting(load -> load.file().name()).containsExactly("a.csv", "c.csv");
        assertThat(ledger.find(broken)).isEmpty();
        assertThat(journal.entries("rollback")).containsExactly("rollback b.csv");
    }

    @Test
    void loadsEachFileAgainOnItsOwnWhenTheGroupCommitFails() {
        List<SourceFile> files = List.of(file("a.csv", 1), file("b.csv", 10));
        sink.failGroupCommitting(files.get(1));

        List<FileResult> results = loadFile(AfterLoad.KEEP).runGroup(files, null);

        assertThat(results).extracting(FileResult::status).containsOnly(FileStatus.LOADED);
        assertThat(sink.committed()).extracting(load -> load.file().name()).containsExactly("a.csv", "b.csv");
        assertThat(sink.rows()).hasSize(4);
        assertThat(journal.entries()).contains("group rollback");
        assertThat(journal.entries("begin")).containsExactly("begin a.csv", "begin b.csv", "begin a.csv", "begin b.csv");
    }

    @Test
    void leavesEveryCleanupOfACommittedGroupToFinishWhenTheProcessDiesBeforeIt() {
        List<SourceFile> files = List.of(file("a.csv", 1), file("b.csv", 10));

        List<FileResult> loaded = loadFile(AfterLoad.DELETE).loadGroup(files, null);

        assertThat(loaded).extracting(FileResult::status).containsOnly(FileStatus.LOADED);
        assertThat(ledger.unfinishedCleanups()).containsExactlyInAnyOrder(
                new LoadLedger.UnfinishedCleanup(files.get(0), AfterLoad.DELETE),
                new LoadLedger.UnfinishedCleanup(files.get(1), AfterLoad.DELETE));
        assertThat(loadFile(AfterLoad.KEEP).finishInterruptedCleanups()).extracting(FileResult::after)
                .containsOnly("deleted");
        assertThat(files).noneMatch(source::contains);
    }

    @Test
    void skipsTheFilesTheLedgerHasWithoutBeginningThem() {
        SourceFile old = file("a.csv", 1);
        loadFile(AfterLoad.KEEP).run(old);
        SourceFile fresh = file("b.csv", 10);
        Map<SourceFile, LedgerEntry> lookedUp = loadFile(AfterLoad.KEEP).lookUp(List.of(old, fresh));
        int begun = journal.entries("begin").size();

        List<FileResult> results = loadFile(AfterLoad.KEEP).runGroup(List.of(old, fresh), lookedUp);

        assertThat(results).extracting(FileResult::status).containsExactly(FileStatus.SKIPPED, FileStatus.LOADED);
        assertThat(journal.entries("begin").subList(begun, journal.entries("begin").size()))
                .containsExactly("begin b.csv");
    }

    @Test
    void skipsAFileAnotherRunnerHoldsAndLoadsTheRest() {
        SourceFile held = file("a.csv", 1);
        SourceFile free = file("b.csv", 10);
        var other = sink.begin(held, null).orElseThrow();

        List<FileResult> results = loadFile(AfterLoad.KEEP).runGroup(List.of(held, free), null);

        assertThat(results).extracting(FileResult::status).containsExactly(FileStatus.SKIPPED, FileStatus.LOADED);
        other.close();
        assertThat(ledger.find(held)).isEmpty();
    }

    @Test
    void opensTheNextFilesAheadOnlyFromASourceThatIsSlowToOpen() {
        List<SourceFile> files = List.of(file("a.csv", 1), file("b.csv", 10), file("c.csv", 20));
        java.util.Map<String, String> openedOn = new java.util.concurrent.ConcurrentHashMap<>();
        for (boolean slow : List.of(false, true)) {
            LoanFileSource recording = new LoanFileSource() {
                @Override
                public java.util.stream.Stream<SourceFile> files(java.util.function.Consumer<String> ignored) {
                    return source.files(ignored);
                }

                @Override
                public java.io.InputStream open(SourceFile file) throws java.io.IOException {
                    openedOn.put(file.name() + (slow ? " slow" : " fast"), Thread.currentThread().getName());
                    return source.open(file);
                }

                @Override
                public void finish(SourceFile file, AfterLoad after) throws java.io.IOException {
                    source.finish(file, after);
                }

                @Override
                public boolean slowToOpen(SourceFile file) {
                    return slow;
                }
            };
            InMemoryLoadLedger fresh = new InMemoryLoadLedger();
            List<FileResult> results = new LoadFile(recording, new InMemoryLoadSink(fresh), fresh, LoadRules.defaults(),
                    AfterLoad.KEEP, LoadListener.NONE).runGroup(files, null);
            assertThat(results).extracting(FileResult::status).containsOnly(FileStatus.LOADED);
        }

        assertThat(openedOn).containsEntry("b.csv fast", Thread.currentThread().getName())
                .containsEntry("c.csv fast", Thread.currentThread().getName())
                .containsEntry("a.csv slow", Thread.currentThread().getName())
                .containsEntry("b.csv slow", "loan-etl-open").containsEntry("c.csv slow", "loan-etl-open");
    }

    @Test
    void loadsEachFileOnItsOwnWhenTheSinkCannotGroup() {
        sink.groups(false);
        List<SourceFile> files = List.of(file("a.csv", 1), file("b.csv", 10));

        List<FileResult> results = loadFile(AfterLoad.KEEP).runGroup(files, null);

        assertThat(results).extracting(FileResult::status).containsOnly(FileStatus.LOADED);
        assertThat(journal.entries()).doesNotContain("group commit");
        assertThat(sink.committed()).hasSize(2);
    }
}
