package org.loanetl.domain.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A zip is cleaned up once, after its last CSV member commits, whichever source listed it. */
class PendingZipsTest {

    @Test
    void givesTheZipBackOnceItsLastMemberIsDoneAndThenForgetsIt() {
        PendingZips<String, String> zips = new PendingZips<>();
        zips.listed("loans.zip", "etag-1", List.of("a.csv", "b.csv"));

        assertThat(zips.zip("loans.zip")).contains("etag-1");
        assertThat(zips.lastMemberDone("loans.zip", "a.csv")).isEmpty();
        assertThat(zips.lastMemberDone("loans.zip", "a.csv")).isEmpty();
        assertThat(zips.lastMemberDone("loans.zip", "b.csv")).contains("etag-1");
        assertThat(zips.lastMemberDone("loans.zip", "b.csv")).isEmpty();
        assertThat(zips.zip("loans.zip")).isEmpty();
    }

    @Test
    void knowsNothingOfAZipWithoutCsvMembersOrNeverListed() {
        PendingZips<String, String> zips = new PendingZips<>();
        zips.listed("empty.zip", "v", List.of());

        assertThat(zips.zip("empty.zip")).isEmpty();
        assertThat(zips.lastMemberDone("empty.zip", "a.csv")).isEmpty();
        assertThat(zips.lastMemberDone("other.zip", "a.csv")).isEmpty();
    }

    @Test
    void startsOverWhenAZipIsListedAgain() {
        PendingZips<String, String> zips = new PendingZips<>();
        zips.listed("loans.zip", "v1", List.of("a.csv", "b.csv"));
        zips.lastMemberDone("loans.zip", "a.csv");
        zips.listed("loans.zip", "v2", List.of("a.csv", "b.csv"));

        assertThat(zips.lastMemberDone("loans.zip", "b.csv")).isEmpty();
        assertThat(zips.lastMemberDone("loans.zip", "a.csv")).contains("v2");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void saysExactlyOnceThatTheLastMemberIsDoneWhenMembersFinishTogether(long seed) throws Exception {
        Random random = new Random(seed);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                List<String> members = IntStream.range(0, 1 + random.nextInt(64)).mapToObj(i -> "m" + i + ".csv").toList();
                PendingZips<String, Integer> zips = new PendingZips<>();
                zips.listed("z.zip", round, members);
                List<String> order = new ArrayList<>(members);
                Collections.shuffle(order, random);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<Integer>>> done = new ArrayList<>();
                for (String member : order) {
                    done.add(pool.submit(() -> {
                        go.await();
                        return zips.lastMemberDone("z.zip", member);
                    }));
                }
                go.countDown();
                int lasts = 0;
                for (Future<Optional<Integer>> f : done) {
                    lasts += f.get().isPresent() ? 1 : 0;
                }

                assertThat(lasts).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static LongStream seeds() {
        return LongStream.of(3, 17, 2012);
    }
}
