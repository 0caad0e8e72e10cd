package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.model.SourceFile;

class CommitGroupsTest {

    @Test
    void groupsSmallFilesUpToTheFilesPerCommit() {
        List<List<SourceFile>> groups = CommitGroups.of(files(120, 25_000), 50);

        assertThat(groups).extracting(List::size).containsExactly(50, 50, 20);
    }

    @Test
    void givesALargeFileATransactionOfItsOwnWithoutBreakingTheRunAroundIt() {
        List<SourceFile> files = new ArrayList<>(files(3, 1_000));
        files.add(1, new SourceFile("mem:/big.csv", "v", CommitGroups.SMALL_FILE_BYTES));

        List<List<SourceFile>> groups = CommitGroups.of(files, 50);

        assertThat(groups).extracting(g -> g.stream().map(f -> f.location()).toList()).containsExactly(
                List.of("mem:/big.csv"), List.of("mem:/1000/f0.csv", "mem:/1000/f1.csv", "mem:/1000/f2.csv"));
    }

    @Test
    void oneFilePerCommitIsEachFileAlone() {
        assertThat(CommitGroups.of(files(4, 10), 1)).allSatisfy(g -> assertThat(g).hasSize(1)).hasSize(4);
    }

    @Test
    void refusesMoreFilesPerCommitThanATransactionHoldsWell() {
        assertThatThrownBy(() -> CommitGroups.of(List.of(), CommitGroups.MAX_FILES_PER_COMMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 50");
    }

    /** Random sizes: every file once; groups within their limits; large files alone. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
    void keepsEveryFileOnceInOrderWithinTheLimits(long seed) {
        Random random = new Random(seed);
        List<SourceFile> files = new ArrayList<>();
        for (int i = random.nextInt(400); i > 0; i--) {
            long size = random.nextInt(8) == 0 ? random.nextLong(3 * CommitGroups.SMALL_FILE_BYTES)
                    : random.nextInt(2_000_000);
            files.add(new SourceFile("mem:/f" + i + ".csv", "v", size));
        }
        int perCommit = 1 + random.nextInt(CommitGroups.MAX_FILES_PER_COMMIT);

        List<List<SourceFile>> groups = CommitGroups.of(files, perCommit);

        // every file once; the small ones in their order (a large one goes ahead of the run it interrupts)
        assertThat(groups.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(groups.stream().flatMap(List::stream).filter(f -> f.size() < CommitGroups.SMALL_FILE_BYTES).toList())
                .isEqualTo(files.stream().filter(f -> f.size() < CommitGroups.SMALL_FILE_BYTES).toList());
        for (List<SourceFile> group : groups) {
            assertThat(group).isNotEmpty().hasSizeLessThanOrEqualTo(perCommit);
            if (group.size() > 1) {
                assertThat(group).allSatisfy(f -> assertThat(f.size()).isLessThan(CommitGroups.SMALL_FILE_BYTES));
                assertThat(group.stream().mapToLong(SourceFile::size).sum()).isLessThanOrEqualTo(CommitGroups.GROUP_BYTES);
            }
        }
    }

    private static List<SourceFile> files(int count, long size) {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(new SourceFile("mem:/" + size + "/f" + i + ".csv", "v" + i, size));
        }
        return files;
    }

    @org.junit.jupiter.api.Test
    void aFileLargerThanTheChunkSizeIsAlwaysAlone() {
        List<SourceFile> files = List.of(new SourceFile("file:/a.csv", "a", 500), new SourceFile("file:/b.csv", "b",
                2_000_000), new SourceFile("file:/c.csv", "c", 700));

        assertThat(CommitGroups.of(files, 50, 1_000_001)).containsExactly(List.of(files.get(1)),
                List.of(files.get(0), files.get(2)));
        assertThat(CommitGroups.of(files, 50)).containsExactly(files);
    }
}
