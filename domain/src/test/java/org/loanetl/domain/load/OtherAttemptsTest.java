package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.LoanCsv;

/** A retried or speculative attempt beside the attempt that holds (and commits, or drops) a file's claim. */
class OtherAttemptsTest {

    private static final Duration LONG = Duration.ofHours(1);

    private final InMemoryLoanFileSource source = new InMemoryLoanFileSource();
    private final InMemoryLoadLedger ledger = new InMemoryLoadLedger();
    private final InMemoryLoadSink sink = new InMemoryLoadSink(ledger);
    private final LoadFile loadFile = new LoadFile(source, sink, ledger, LoadRules.defaults(), AfterLoad.KEEP,
            LoadListener.NONE);
    private final SourceFile file = source.put("a.csv", LoanCsv.mixed().text());

    @Test
    void waitsForTheAttemptHoldingTheFileAndOnceItCommittedHoldsItsSkipBackUntilKilled() throws Exception {
        FileTransaction first = sink.begin(file, null).orElseThrow();
        OtherAttempts copy = new OtherAttempts(loadFile, LONG, LONG);
        FileResult tried = loadFile.load(file);
        assertThat(LoadFile.heldElsewhere(tried)).isTrue();

        CompletableFuture<FileResult> waiting = CompletableFuture.supplyAsync(() -> copy.file(tried));
        Thread.sleep(600);
        assertThat(waiting).as("still waiting while the other attempt holds the file").isNotDone();
        first.commit(new LoadCounts(2, 0, 0, 0, 0, 0), AfterLoad.KEEP);
        FileResult result = waiting.get(10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(LoadFile.heldElsewhere(result)).isFalse();
        assertThat(sink.committed()).hasSize(1);
        // its "loaded already" must not beat the committing attempt's result to the driver: it waits to be killed
        Thread holding = new Thread(copy::holdBackSkips);
        holding.start();
        holding.join(600);
        assertThat(holding.isAlive()).isTrue();
        holding.interrupt();
        holding.join(10_000);
        assertThat(holding.isAlive()).isFalse();
    }

    @Test
    void holdsItsSkipBackNoLongerThanTheGraceWhenTheCommittingAttemptsResultNeverComes() throws Exception {
        FileTransaction first = sink.begin(file, null).orElseThrow();
        OtherAttempts copy = new OtherAttempts(loadFile, LONG, Duration.ofMillis(300));
        FileResult tried = loadFile.load(file);
        CompletableFuture<FileResult> waiting = CompletableFuture.supplyAsync(() -> copy.file(tried));
        Thread.sleep(300);
        first.commit(new LoadCounts(2, 0, 0, 0, 0, 0), AfterLoad.KEEP);
        assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(FileStatus.SKIPPED);

        assertTimeoutPreemptively(Duration.ofSeconds(10), copy::holdBackSkips);
    }

    @Test
    void loadsTheFileItselfWhenTheAttemptHoldingItWasKilledAndHoldsNothingBack() throws Exception {
        FileTransaction first = sink.begin(file, null).orElseThrow();
        OtherAttempts copy = new OtherAttempts(loadFile, LONG, LONG);
        FileResult tried = loadFile.load(file);
        CompletableFuture<FileResult> waiting = CompletableFuture.supplyAsync(() -> copy.file(tried));
        Thread.sleep(300);
        first.close(); // killed: its transaction rolled back, its claim let go

        FileResult result = waiting.get(10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.counts()).isEqualTo(new LoadCounts(2, 1, 1, 1, 1, 2));
        assertThat(sink.committed()).hasSize(1);
        assertTimeoutPreemptively(Duration.ofSeconds(10), copy::holdBackSkips);
    }

    @Test
    void reportsAFileLoadedBeforeItsFirstTryAsSkippedAtOnce() {
        loadFile.run(file);
        OtherAttempts copy = new OtherAttempts(loadFile, LONG, LONG);

        FileResult result = copy.file(loadFile.load(file));

        assertThat(result.status()).isEqualTo(FileStatus.SKIPPED);
        // nothing was waited for, so no attempt's result is on its way: nothing to hold back
        assertTimeoutPreemptively(Duration.ofSeconds(10), copy::holdBackSkips);
    }

    @Test
    void givesUpWaitingAtItsLimitAndReportsTheFileHeld() {
        sink.begin(file, null).orElseThrow();
        OtherAttempts copy = new OtherAttempts(loadFile, Duration.ofMillis(600), LONG);

        FileResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> copy.file(loadFile.load(file)));

        assertThat(LoadFile.heldElsewhere(result)).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(10), copy::holdBackSkips);
    }
}
