package org.loanetl.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;

class ConsoleReportTest {

    @Test
    void listsEverySkippedFileWhenThereAreFew() {
        List<FileResult> files = skipped(ConsoleReport.LISTED_SKIPS);

        String printed = print(files);

        assertThat(printed.lines().filter(l -> l.matches("f\\d+\\.csv +skipped .*"))).hasSize(ConsoleReport.LISTED_SKIPS);
        assertThat(printed).contains("f0.csv: skipped: loaded already at 2026-12-01T00:00:00Z");
    }

    @Test
    void givesManyFilesLoadedBeforeOneRowAndOneLineAndListsTheFilesWithSomethingToSay() {
        List<FileResult> files = new ArrayList<>(skipped(10_000));
        files.add(new FileResult(file("new.csv"), FileStatus.LOADED, null, new LoadCounts(7, 1, 0, 0, 2, 0), List.of(),
                "kept", "fico_range_low"));
        files.add(FileResult.failed(file("broken.csv"), "read failed: disk on fire"));
        files.add(new FileResult(file("stuck.csv"), FileStatus.SKIPPED,
                "loaded already, but archive failed: permission denied (the next run retries it)", LoadCounts.NONE,
                List.of(), null, null));

        String printed = print(files);

        assertThat(printed.lines().filter(l -> l.matches("f\\d+\\.csv.*"))).isEmpty();
        assertThat(printed).containsPattern("\\(10,000 files loaded before\\) +skipped .* kept")
                .contains("10,000 files skipped: loaded already")
                .containsPattern("new\\.csv +loaded +10 ")
                .contains("broken.csv: failed: read failed: disk on fire")
                .containsPattern("stuck\\.csv +skipped")
                .contains("total (10,003 files)");
        assertThat(printed.lines().count()).isLessThan(15);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 1_234_567_890_123L, Long.MAX_VALUE})
    void groupsTheDigitsOfCountsAsFormatDoes(long count) {
        List<FileResult> files = List.of(new FileResult(file("a.csv"), FileStatus.LOADED, null,
                new LoadCounts(count, 0, 0, 0, 0, 0), List.of(), "kept", "fico_range_low"));

        assertThat(print(files)).contains(" " + String.format("%,d", count) + " ");
    }

    private static List<FileResult> skipped(int count) {
        List<FileResult> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(new FileResult(file("f" + i + ".csv"), FileStatus.SKIPPED,
                    "loaded already at 2026-12-01T00:00:00Z", LoadCounts.NONE, List.of(), "kept", null));
        }
        return files;
    }

    private static SourceFile file(String name) {
        return new SourceFile("file:/data/" + name, "v1", 10);
    }

    private static String print(List<FileResult> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(new LoadReport(files, List.of()), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
