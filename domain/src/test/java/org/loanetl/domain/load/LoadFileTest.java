package org.loanetl.domain.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.Journal;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.domain.testing.RawLoan;

class LoadFileTest {

    private final Journal journal = new Journal();
    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource(journal);
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger(journal);
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger, journal);

    private LoadFile loadFile(AfterLoad after) {
        return new LoadFile(source, sink, ledger, LoadRules.defaults(), after, LoadListener.NONE);
    }

    /** Two loaded, one of each filter, one rejected on line 6, a blank line and a footer skipped. */
    private static LoanCsv mixedFile() {
        return LoanCsv.mixed();
    }

    @Test
    void commitsTheLoadedRowsTheRejectsAndTheCountsTogether() {
        SourceFile file = source.put("a.csv", mixedFile().text());

        FileResult result = loadFile(AfterLoad.KEEP).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.reason()).isNull();
        assertThat(result.counts()).isEqualTo(new LoadCounts(2, 1, 1, 1, 1, 2));
        assertThat(result.counts().dataRows()).isEqualTo(6);
        var committed = sink.committed(file).orElseThrow();
        assertThat(committed.rows()).extracting(r -> r.value(0)).containsExactly(1L, 6L);
        assertThat(committed.rows()).extracting(r -> r.line()).containsExactly(2L, 8L);
        assertThat(committed.counts()).isEqualTo(result.counts());
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::counts).isEqualTo(result.counts());
    }

    @Test
    void storesARejectWithItsLineReasonAndExactRawText() {
        LoanCsv csv = mixedFile();
        SourceFile file = source.put("a.csv", csv.withCrlf().text());

        loadFile(AfterLoad.KEEP).run(file);

        assertThat(sink.rejects()).containsExactly(new Reject(6, "int_rate: not a percentage: \"abc\"",
                csv.line(aLoan().with("id", "5").with("int_rate", "abc"))));
    }

    @Test
    void rejectsRowsWithTheWrongFieldCountAndKeepsCountingAfterThem() {
        String header = String.join(",", LoanCsv.COLUMNS);
        SourceFile file = source.put("a.csv", header + "\n1,2,3\n" + LoanCsv.aFile().line(aLoan()) + ",x,y\n"
                + LoanCsv.aFile().line(aLoan()) + "\n");

        FileResult result = loadFile(AfterLoad.KEEP).run(file);

        assertThat(sink.rejects()).containsExactly(
                new Reject(2, "row has 3 fields, header has 10", "1,2,3"),
                new Reject(3, "row has 12 fields, header has 10", LoanCsv.aFile().line(aLoan()) + ",x,y"));
        assertThat(result.counts()).isEqualTo(new LoadCounts(1, 0, 0, 0, 2, 0));
    }

    @Test
    void reportsTheColumnsItIgnored() {
        SourceFile file = source.put("a.csv", LoanCsv.withHeader("id", "loan_status", "purpose", "last_fico_range_low",
                "Favourite Colour").with(aLoan()).text());

        assertThat(loadFile(AfterLoad.KEEP).run(file).unknownColumns()).containsExactly("Favourite Colour");
    }

    @Test
    void loadsAHeaderOnlyFileAsZeroRows() {
        SourceFile file = source.put("a.csv", LoanCsv.aFile().text());

        FileResult result = loadFile(AfterLoad.KEEP).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.counts()).isEqualTo(LoadCounts.NONE);
        assertThat(ledger.find(file)).isPresent();
    }

    // ---- exactly once

    @Test
    void skipsAFileWhoseLedgerEntryHasTheSameVersionWithoutOpeningIt() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        ledger.record(new LedgerEntry(file, new LoadCounts(2, 1, 1, 1, 1, 2), InMemoryLoadLedger.LOADED_AT, AfterLoad.KEEP));

        FileResult result = loadFile(AfterLoad.KEEP).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo("loaded already at 2024-05-01T12:00:00Z");
        assertThat(result.counts()).isEqualTo(LoadCounts.NONE);
        assertThat(journal.entries("open")).isEmpty();
        assertThat(sink.committed()).isEmpty();
    }

    @Test
    void loadsTheSameFileOnceOverTwoRuns() {
        SourceFile file = source.put("a.csv", mixedFile().text());

        FileResult first = loadFile(AfterLoad.KEEP).run(file);
        FileResult second = loadFile(AfterLoad.KEEP).run(file);

        assertThat(first.status()).isEqualTo(FileStatus.LOADED);
        assertThat(second.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(sink.rows()).hasSize(2);
        assertThat(journal.entries("commit")).containsExactly("commit a.csv");
    }

    @Test
    void loadsAChangedFileUnderTheSameNameAsANewVersion() {
        SourceFile first = source.put("a.csv", mixedFile().text());
        loadFile(AfterLoad.KEEP).run(first);
        SourceFile changed = source.put("a.csv", mixedFile().with(aLoan().with("id", "7")).text());

        FileResult result = loadFile(AfterLoad.KEEP).run(changed);

        assertThat(changed.location()).isEqualTo(first.location());
        assertThat(changed.version()).isNotEqualTo(first.version());
        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.counts().loaded()).isEqualTo(3);
        assertThat(ledger.entries()).hasSize(2);
    }

    @Test
    void skipsAFileAnotherRunnerHasClaimed() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        var claim = sink.begin(file, null);

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(claim).isPresent();
        assertThat(result.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo("loaded already, or being loaded by another runner");
        assertThat(source.contains(file)).isTrue();
        assertThat(journal.entries("finish")).isEmpty();
        claim.get().close();
    }

    // ---- load and finish apart, as the Spark engine calls them

    @Test
    void loadsWithoutTouchingTheSourceUntilFinishIsCalled() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        LoadFile loadFile = loadFile(AfterLoad.DELETE);

        FileResult loaded = loadFile.load(file);

        assertThat(loaded.status()).isEqualTo(FileStatus.LOADED);
        assertThat(loaded.after()).isNull();
        assertThat(source.contains(file)).isTrue();
        assertThat(loadFile.finish(loaded).after()).isEqualTo("deleted");
        assertThat(source.contains(file)).isFalse();
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "commit a.csv",
                "finish a.csv delete", "cleanedUp a.csv delete");
    }

    @Test
    void finishesAFileTheLedgerHasButLeavesOneAnotherRunnerHoldsAlone() {
        SourceFile done = source.put("done.csv", mixedFile().text());
        SourceFile held = source.put("held.csv", mixedFile().text());
        loadFile(AfterLoad.KEEP).run(done);
        var claim = sink.begin(held, null);
        LoadFile loadFile = loadFile(AfterLoad.ARCHIVE);

        FileResult doneAgain = loadFile.finish(loadFile.load(done));
        FileResult heldElsewhere = loadFile.finish(loadFile.load(held));

        assertThat(doneAgain.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(doneAgain.after()).isEqualTo("archived");
        assertThat(heldElsewhere.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(heldElsewhere.after()).isNull();
        assertThat(source.contains(held)).isTrue();
        claim.get().close();
    }

    @Test
    void passesARefusedResultThroughFinishUntouched() {
        SourceFile file = source.put("a.csv", "no,header,here\n1,2,3\n");
        LoadFile loadFile = loadFile(AfterLoad.DELETE);

        FileResult refused = loadFile.load(file);

        assertThat(loadFile.finish(refused)).isSameAs(refused);
        assertThat(source.contains(file)).isTrue();
    }

    @Test
    void skipsAFileItCouldNotReadBecauseAnotherRunnerCommittedAndMovedItMeanwhile() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        source.failOpening(file);
        ledger.record(new LedgerEntry(file, LoadCounts.NONE, InMemoryLoadLedger.LOADED_AT, null));
        LoadLedger lateLedger = new LoadLedger() {
            private boolean asked;

            @Override
            public java.util.Optional<LedgerEntry> find(SourceFile f) {
                // the first look, before reading, finds nothing: the other runner commits right after it
                boolean first = !asked;
                asked = true;
                return first ? java.util.Optional.empty() : ledger.find(f);
            }

            @Override
            public void cleaningUp(SourceFile f, AfterLoad after) {
                ledger.cleaningUp(f, after);
            }

            @Override
            public void cleanedUp(SourceFile f, AfterLoad after) {
                ledger.cleanedUp(f, after);
            }

            @Override
            public List<UnfinishedCleanup> unfinishedCleanups() {
                return ledger.unfinishedCleanups();
            }
        };

        FileResult result = new LoadFile(source, sink, lateLedger, LoadRules.defaults(), AfterLoad.KEEP,
                LoadListener.NONE).load(file);

        assertThat(result.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(result.reason()).startsWith("loaded by another runner at ");
    }

    // ---- refusals and failures

    @ParameterizedTest
    @EnumSource(AfterLoad.class)
    void leavesARefusedFileInPlaceWithNothingCommitted(AfterLoad after) {
        SourceFile file = source.put("a.csv", "id,purpose,last_fico_range_low\n1,car,700\n");

        FileResult result = loadFile(after).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.REFUSED);
        assertThat(result.reason()).isEqualTo("header lacks column loan_status; to load it anyway: --no-filter charged_off");
        assertThat(result.after()).isNull();
        assertThat(source.contains(file)).isTrue();
        assertThat(source.archived()).isEmpty();
        assertThat(sink.committed()).isEmpty();
        assertThat(ledger.entries()).isEmpty();
        assertThat(journal.entries("finish")).isEmpty();
        assertThat(journal.entries("cleanedUp")).isEmpty();
    }

    @Test
    void rollsBackAFileRefusedAfterSomeOfItsRowsWereRead() {
        StringBuilder text = new StringBuilder(LoanCsv.aFile().text());
        for (int i = 0; i < 2000; i++) {
            text.append(LoanCsv.aFile().line(aLoan().with("id", Integer.toString(i)))).append('\n');
        }
        text.append("1,2,\u0000\n");
        SourceFile file = source.put("a.csv", text.toString());

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.REFUSED);
        assertThat(result.reason()).isEqualTo("not CSV text: NUL character on line 2002 (a binary file?)");
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "rollback a.csv");
        assertThat(sink.committed()).isEmpty();
        assertThat(source.contains(file)).isTrue();
    }

    @Test
    void commitsNothingWhenTheSourceFailsMidFile() {
        StringBuilder text = new StringBuilder(LoanCsv.aFile().text());
        for (int i = 0; i < 2000; i++) {
            text.append(LoanCsv.aFile().line(aLoan().with("id", Integer.toString(i)))).append('\n');
        }
        SourceFile file = source.put("a.csv", text.toString());
        source.failReadingAfter(file, text.length() / 2);

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo("a.csv: read failed: connection reset");
        assertThat(result.counts()).isEqualTo(LoadCounts.NONE);
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "rollback a.csv");
        assertThat(sink.hasOpenLoads()).isFalse();
        assertThat(ledger.entries()).isEmpty();
        assertThat(source.contains(file)).isTrue();
    }

    @Test
    void commitsNothingOfAFileThatChangedWhileItWasRead() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        source.changeWhileRead(file);

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo("a.csv: changed while being read");
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "rollback a.csv");
        assertThat(ledger.entries()).isEmpty();
        assertThat(source.contains(file)).isTrue();
    }

    @Test
    void finishesAnInterruptedDeleteWithoutTouchingANewFileUnderTheSameName() {
        SourceFile loaded = source.put("a.csv", mixedFile().text());
        loadFile(AfterLoad.KEEP).load(loaded);
        ledger.cleaningUp(loaded, AfterLoad.DELETE);
        SourceFile replacement = source.put("a.csv", LoanCsv.aFile().with(aLoan().with("id", "9")).text());

        List<FileResult> finished = loadFile(AfterLoad.KEEP).finishInterruptedCleanups();
        FileResult next = loadFile(AfterLoad.KEEP).run(replacement);

        assertThat(finished).singleElement().extracting(FileResult::after).isEqualTo("deleted");
        assertThat(ledger.unfinishedCleanups()).isEmpty();
        assertThat(next.status()).isEqualTo(FileStatus.LOADED);
        assertThat(source.contains(replacement)).isTrue();
    }

    @Test
    void failsAFileTheSourceCannotOpen() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        source.failOpening(file);

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo("a.csv: read failed: cannot open a.csv: access denied");
        assertThat(journal.entries()).containsExactly("open a.csv");
    }

    @Test
    void leavesTheSourceInPlaceWhenTheCommitFails() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        sink.failCommitting(file);

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo("a.csv: commit failed: connection lost");
        assertThat(source.contains(file)).isTrue();
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "rollback a.csv");
    }

    @Test
    void failsAFileWhenTheDatabaseCannotBeReached() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        sink.failBeginning(file);

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.FAILED);
        assertThat(result.reason()).isEqualTo("cannot reach the database");
        assertThat(source.contains(file)).isTrue();
    }

    // ---- cleanup

    @Test
    void keepsTheSourceWithoutAskingTheSourceToDoAnything() {
        SourceFile file = source.put("a.csv", mixedFile().text());

        FileResult result = loadFile(AfterLoad.KEEP).run(file);

        assertThat(result.after()).isEqualTo("kept");
        assertThat(source.contains(file)).isTrue();
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "commit a.csv");
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::cleanup).isEqualTo(AfterLoad.KEEP);
    }

    @Test
    void recordsTheComingCleanupWithTheCommitSoACrashBeforeItLeavesItToFinish() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        LoadFile loadFile = loadFile(AfterLoad.ARCHIVE);

        FileResult loaded = loadFile.load(file);

        assertThat(loaded.status()).isEqualTo(FileStatus.LOADED);
        assertThat(ledger.unfinishedCleanups()).containsExactly(new LoadLedger.UnfinishedCleanup(file, AfterLoad.ARCHIVE));
        // the process dies here; the next run finishes the archive before it lists anything
        List<FileResult> finished = loadFile(AfterLoad.KEEP).finishInterruptedCleanups();
        assertThat(finished).extracting(FileResult::after).containsExactly("archived");
        assertThat(source.contains(file)).isFalse();
        assertThat(ledger.unfinishedCleanups()).isEmpty();
    }

    @Test
    void writesNothingToTheLedgerForAKeptFileOnARerun() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        loadFile(AfterLoad.KEEP).run(file);
        int before = journal.entries().size();

        int finds = ledger.finds();

        FileResult again = loadFile(AfterLoad.KEEP).run(file);

        assertThat(again.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(again.after()).isEqualTo("kept");
        assertThat(journal.entries().subList(before, journal.entries().size())).isEmpty();
        assertThat(ledger.finds() - finds).as("ledger queries for a file loaded before").isEqualTo(1);
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::cleanup).isEqualTo(AfterLoad.KEEP);
    }

    @Test
    void stillArchivesOnARerunAFileAnEarlierRunKept() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        loadFile(AfterLoad.KEEP).run(file);

        FileResult again = loadFile(AfterLoad.ARCHIVE).run(file);

        assertThat(again.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(again.after()).isEqualTo("archived");
        assertThat(source.contains(file)).isFalse();
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::cleanup).isEqualTo(AfterLoad.ARCHIVE);
    }

    @Test
    void archivesTheSourceOnlyAfterTheCommit() {
        SourceFile file = source.put("a.csv", mixedFile().text());

        FileResult result = loadFile(AfterLoad.ARCHIVE).run(file);

        assertThat(result.after()).isEqualTo("archived");
        assertThat(source.contains(file)).isFalse();
        assertThat(source.archived()).containsExactly("mem:/archive/a.csv");
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "commit a.csv",
                "finish a.csv archive", "cleanedUp a.csv archive");
    }

    @Test
    void deletesTheSourceOnlyAfterTheCommit() {
        SourceFile file = source.put("a.csv", mixedFile().text());

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.after()).isEqualTo("deleted");
        assertThat(source.contains(file)).isFalse();
        assertThat(source.archived()).isEmpty();
        assertThat(journal.entries()).containsExactly("open a.csv", "begin a.csv", "commit a.csv",
                "finish a.csv delete", "cleanedUp a.csv delete");
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::cleanup).isEqualTo(AfterLoad.DELETE);
    }

    @Test
    void leavesTheLoadCommittedWhenTheCleanupFailsAndSaysSo() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        source.failFinishing(file);

        FileResult result = loadFile(AfterLoad.DELETE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.after()).isNull();
        assertThat(result.reason())
                .isEqualTo("committed, but delete failed: cannot delete a.csv: access denied (the next run retries it)");
        assertThat(result.counts()).isEqualTo(new LoadCounts(2, 1, 1, 1, 1, 2));
        assertThat(sink.committed(file)).isPresent();
        assertThat(source.contains(file)).isTrue();
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::cleanup).isNull();
        assertThat(new LoadReport(List.of(result), List.of()).cleanupFailed()).isTrue();
    }

    @Test
    void leavesTheLoadCommittedWhenTheCleanupThrowsAnUncheckedException() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        source.finishThrows(new IllegalStateException("S3 is throttling"));

        FileResult result = loadFile(AfterLoad.ARCHIVE).run(file);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.reason()).isEqualTo("committed, but archive failed: S3 is throttling (the next run retries it)");
        assertThat(sink.committed(file)).isPresent();
    }

    @Test
    void retriesAFailedCleanupOnTheNextRunWithoutLoadingAgain() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        source.failFinishing(file);
        loadFile(AfterLoad.DELETE).run(file);

        FileResult rerun = new LoadFile(source, sink, ledger, LoadRules.defaults(), AfterLoad.ARCHIVE, LoadListener.NONE)
                .run(file);

        // The fake keeps failing this file's finish, so the rerun reports the retry failing again, still committed once.
        assertThat(rerun.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(rerun.reason()).startsWith("committed, but archive failed");
        assertThat(journal.entries("commit")).hasSize(1);
        assertThat(journal.entries("finish")).containsExactly("finish a.csv delete", "finish a.csv archive");
    }

    @Test
    void deletesOnTheNextRunAFileWhoseDeleteWasInterrupted() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        ledger.record(new LedgerEntry(file, LoadCounts.NONE, InMemoryLoadLedger.LOADED_AT, null));

        FileResult rerun = loadFile(AfterLoad.DELETE).run(file);

        assertThat(rerun.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(rerun.after()).isEqualTo("deleted");
        assertThat(source.contains(file)).isFalse();
        assertThat(journal.entries()).containsExactly("cleaningUp a.csv delete", "finish a.csv delete",
                "cleanedUp a.csv delete");
    }

    @Test
    void finishesACleanupThatACrashInterruptedAfterTheFileWasMoved() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        ledger.record(new LedgerEntry(file, LoadCounts.NONE, InMemoryLoadLedger.LOADED_AT, null));
        ledger.cleaningUp(file, AfterLoad.ARCHIVE);
        journal.clear();

        List<FileResult> finished = loadFile(AfterLoad.KEEP).finishInterruptedCleanups();

        assertThat(finished).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.SKIPPED);
            assertThat(r.after()).isEqualTo("archived");
            assertThat(r.reason()).isEqualTo("loaded by an earlier run whose archive a crash interrupted");
        });
        assertThat(journal.entries()).containsExactly("cleaningUp a.csv archive", "finish a.csv archive",
                "cleanedUp a.csv archive");
        assertThat(ledger.unfinishedCleanups()).isEmpty();
        assertThat(ledger.find(file)).get().extracting(LedgerEntry::cleanup).isEqualTo(AfterLoad.ARCHIVE);
    }

    @Test
    void leavesAnInterruptedCleanupToTheSourceThatOwnsTheFile() {
        SourceFile file = new SourceFile("s3://elsewhere/a.csv", "etag", 10);
        ledger.record(new LedgerEntry(file, LoadCounts.NONE, InMemoryLoadLedger.LOADED_AT, null));
        ledger.cleaningUp(file, AfterLoad.DELETE);

        assertThat(loadFile(AfterLoad.KEEP).finishInterruptedCleanups()).isEmpty();
        assertThat(journal.entries("finish")).isEmpty();
        assertThat(ledger.unfinishedCleanups()).hasSize(1);
    }

    // ---- listener and dry run

    @Test
    void tellsTheListenerWhenAFileStartsHowMuchWasReadAndHowItEnded() {
        SourceFile file = source.put("a.csv", mixedFile().text());
        List<String> heard = new ArrayList<>();
        AtomicLong bytes = new AtomicLong();
        LoadListener listener = new LoadListener() {
            @Override
            public void started(SourceFile f) {
                heard.add("started " + f.name());
            }

            @Override
            public void read(SourceFile f, long n) {
                bytes.addAndGet(n);
            }

            @Override
            public void finished(FileResult result) {
                heard.add("finished " + result.status().label());
            }
        };

        new LoadFile(source, sink, ledger, LoadRules.defaults(), AfterLoad.KEEP, listener).run(file);

        assertThat(heard).containsExactly("started a.csv", "finished loaded");
        assertThat(bytes.get()).isEqualTo(mixedFile().text().getBytes(UTF_8).length);
    }

    @Test
    void sumsTheCountsOfAllFilesInTheReport() {
        SourceFile a = source.put("a.csv", mixedFile().text());
        SourceFile b = source.put("b.csv", LoanCsv.aFile().with(aLoan(), aLoan().with("purpose", "other")).text());
        SourceFile c = source.put("c.csv", "nothing,here\n");

        LoadFile load = loadFile(AfterLoad.KEEP);
        LoadReport report = new LoadReport(List.of(load.run(a), load.run(b), load.run(c)), List.of());

        assertThat(report.totals()).isEqualTo(new LoadCounts(3, 1, 2, 1, 1, 2));
        assertThat(report.count(FileStatus.LOADED)).isEqualTo(2);
        assertThat(report.count(FileStatus.REFUSED)).isEqualTo(1);
        assertThat(report.cleanupFailed()).isFalse();
    }

    @Test
    void loadsAnAllQuotedFileWithABomAndAnIsoIssueDate() {
        RawLoan loan = aLoan().with("issue_d", "2011-12-01 00:00").with("term", "60 months").with("int_rate", "7.9");
        SourceFile file = source.put("a.csv", LoanCsv.aFile().with(loan).quotingEveryField().withBom().text());

        FileResult result = loadFile(AfterLoad.KEEP).run(file);

        assertThat(result.counts().loaded()).isEqualTo(1);
        assertThat(sink.rows().get(0).values()).contains(60, java.time.LocalDate.of(2011, 12, 1),
                new java.math.BigDecimal("7.90"));
    }
}
