package org.loanetl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.model.SourceFile;

class FileGroupsTest {

    private static final long MB = 1L << 20;

    @Test
    void packsAThousandSmallFilesIntoAFewTasksPerSlot() {
        List<SourceFile> files = files(1_000, 25_000);

        List<List<SourceFile>> tasks = FileGroups.pack(files, 2);

        assertThat(tasks).hasSizeBetween(2, 2 * FileGroups.TASKS_PER_SLOT + 1);
        assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(1_000);
    }

    @Test
    void givesEachLargeFileATaskOfItsOwn() {
        List<SourceFile> files = new ArrayList<>(files(3, 500 * MB));
        files.addAll(files(10, 1_000));

        List<List<SourceFile>> tasks = FileGroups.pack(files, 4);

        assertThat(tasks.subList(0, 3)).allSatisfy(task -> assertThat(task).hasSize(1)
                .allSatisfy(f -> assertThat(f.size()).isEqualTo(500 * MB)));
        assertThat(tasks.subList(3, tasks.size()).stream().flatMap(List::stream))
                .allSatisfy(f -> assertThat(f.size()).isEqualTo(1_000));
    }

    @Test
    void makesNoTaskOfNoFiles() {
        assertThat(FileGroups.pack(List.of(), 8)).isEmpty();
    }

    /** Random sizes: every file in exactly one task; no task over the largest target but a lone file. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void putsEveryFileInExactlyOneTaskWithinTheTarget(long seed) {
        Random random = new Random(seed);
        List<SourceFile> files = new ArrayList<>();
        int count = random.nextInt(500);
        for (int i = 0; i < count; i++) {
            long size = random.nextInt(10) == 0 ? random.nextLong(300 * MB) : random.nextInt(200_000);
            files.add(new SourceFile("mem:/f" + i + ".csv", "v" + i, size));
        }

        List<List<SourceFile>> tasks = FileGroups.pack(files, 1 + random.nextInt(16));

        assertThat(tasks.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(files);
        for (List<SourceFile> task : tasks) {
            long cost = task.stream().mapToLong(f -> f.size() + FileGroups.OPEN_COST_BYTES).sum();
            assertThat(task.size() == 1 || cost <= FileGroups.MAX_TARGET_BYTES).as("task %s", task).isTrue();
        }
    }

    private static List<SourceFile> files(int count, long size) {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(new SourceFile("mem:/" + size + "/f" + i + ".csv", "v" + i, size));
        }
        return files;
    }
}
