package org.loanetl.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GroupedTest {

    static Stream<Long> values() {
        Random random = new Random(16);
        LongStream edges = LongStream.of(0, 1, -1, 9, 10, 99, 100, 999, 1_000, -1_000, 999_999, 1_000_000, -123_456,
                Long.MAX_VALUE, Long.MIN_VALUE);
        LongStream spread = LongStream.range(0, 200).map(i -> random.nextLong() >> random.nextInt(64));
        return LongStream.concat(edges, spread).boxed();
    }

    @ParameterizedTest
    @MethodSource("values")
    void groupsDigitsAsFormatDoes(long value) {
        assertThat(Grouped.digits(value)).isEqualTo(String.format("%,d", value));
    }
}
