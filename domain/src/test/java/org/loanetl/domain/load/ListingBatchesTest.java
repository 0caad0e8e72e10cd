package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loanetl.domain.model.SourceFile;

class ListingBatchesTest {

    @Test
    void cutsAListingOfSmallFilesIntoBatchesOfAtMostTheFileLimit() {
        List<List<SourceFile>> batches = batches(files(10, 10, 10, 10, 10, 10, 10), 3, 1_000);

        assertThat(batches).extracting(List::size).containsExactly(3, 3, 1);
    }

    @Test
    void endsABatchAtTheLargeFileThatFillsIt() {
        List<List<SourceFile>> batches = batches(files(10, 10, 5_000, 10, 10), 100, 1_000);

        assertThat(batches).extracting(b -> b.stream().map(SourceFile::size).toList())
                .containsExactly(List.of(10L, 10L, 5_000L), List.of(10L, 10L));
    }

    @Test
    void readsTheListingNoFurtherThanTheBatchItHandsOver() {
        AtomicInteger listed = new AtomicInteger();
        Iterator<SourceFile> listing = files(10, 10, 10, 10, 10).stream().peek(f -> listed.incrementAndGet()).iterator();
        ListingBatches batches = new ListingBatches(listing, 2, 1_000);

        batches.next();

        assertThat(listed).hasValue(2);
    }

    @Test
    void handsOverTheFilesListedBeforeAFailureThenThrowsIt() {
        List<SourceFile> files = files(10, 10, 10);
        IllegalStateException unreadable = new IllegalStateException("/data/2012: cannot list: permission denied");
        Iterator<SourceFile> listing = new Iterator<>() {
            private int at;

            @Override
            public boolean hasNext() {
                if (at == 2) {
                    throw unreadable;
                }
                return at < files.size();
            }

            @Override
            public SourceFile next() {
                return files.get(at++);
            }
        };
        ListingBatches batches = new ListingBatches(listing, 100, 1_000);

        assertThat(batches.next()).containsExactlyElementsOf(files.subList(0, 2));
        assertThat(batches.hasNext()).isTrue();
        assertThatThrownBy(batches::next).isSameAs(unreadable);
    }

    @Test
    void anEmptyListingHasNoBatch() {
        ListingBatches batches = ListingBatches.of(List.<SourceFile>of().iterator());

        assertThat(batches.hasNext()).isFalse();
        assertThatThrownBy(batches::next).isInstanceOf(NoSuchElementException.class);
    }

    /** Random sizes and limits: every file once, in listing order; every batch within its limits but its last file. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void keepsEveryFileInOrderWithinTheLimits(long seed) {
        Random random = new Random(seed);
        long[] sizes = LongStream.range(0, random.nextInt(200)).map(i -> random.nextInt(3) == 0
                ? random.nextInt(10_000) : random.nextInt(100)).toArray();
        int maxFiles = 1 + random.nextInt(20);
        long maxBytes = 1 + random.nextInt(5_000);
        List<SourceFile> all = files(sizes);

        List<List<SourceFile>> batches = batches(all, maxFiles, maxBytes);

        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(all);
        for (List<SourceFile> batch : batches) {
            assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(maxFiles);
            long allButLast = batch.subList(0, batch.size() - 1).stream().mapToLong(SourceFile::size).sum();
            assertThat(allButLast).isLessThan(maxBytes);
        }
    }

    private static List<List<SourceFile>> batches(List<SourceFile> files, int maxFiles, long maxBytes) {
        List<List<SourceFile>> batches = new ArrayList<>();
        new ListingBatches(files.iterator(), maxFiles, maxBytes).forEachRemaining(batches::add);
        return batches;
    }

    private static List<SourceFile> files(long... sizes) {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            files.add(new SourceFile("mem:/f" + i + ".csv", "v" + i, sizes[i]));
        }
        return files;
    }
}
