package org.loanetl.domain.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Zip members' locations are written and split in one way for every source: the ledger keys on them. */
class MemberLocationTest {

    @Test
    void writesAMemberAfterItsZipAndBangSlash() {
        assertThat(MemberLocation.write("file:/data/loans.zip", "in/2011.csv")).isEqualTo("file:/data/loans.zip!/in/2011.csv");
        assertThat(new MemberLocation("s3://b/loans.zip", "a.csv")).hasToString("s3://b/loans.zip!/a.csv");
        assertThat(new MemberLocation("s3://b/2011.csv", null)).hasToString("s3://b/2011.csv");
    }

    @Test
    void splitsAtTheFirstZipFollowedByBangSlashInAnyCase() {
        assertThat(MemberLocation.parse("file:/d/a!/b.ZIP!/x/y.csv")).isEqualTo(new MemberLocation("file:/d/a!/b.ZIP", "x/y.csv"));
        assertThat(MemberLocation.parse("s3://b/one.zip!/two.zip!/c.csv"))
                .isEqualTo(new MemberLocation("s3://b/one.zip", "two.zip!/c.csv"));
        assertThat(MemberLocation.parse("loans.zip!/\nodd name.csv")).isEqualTo(new MemberLocation("loans.zip", "\nodd name.csv"));
    }

    @Test
    void takesABangInAFolderNameOrAZipWithoutAMemberAsAPlainFile() {
        assertThat(MemberLocation.parse("file:/d/a!/b.csv")).isEqualTo(new MemberLocation("file:/d/a!/b.csv", null));
        assertThat(MemberLocation.parse("file:/d/loans.zip")).isEqualTo(new MemberLocation("file:/d/loans.zip", null));
        assertThat(MemberLocation.parse("file:/d/loans.zip!/")).isEqualTo(new MemberLocation("file:/d/loans.zip!/", null));
        assertThat(MemberLocation.parse("file:/d/loans.zip!/").isMember()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void splitsWhatItWroteBackIntoTheSameZipAndMember(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            String zip = randomPath(random) + (random.nextBoolean() ? ".zip" : ".ZiP");
            String member = randomPath(random) + (random.nextBoolean() ? ".csv" : ".zip!/x.csv");
            String written = MemberLocation.write(zip, member);

            if (!zip.toLowerCase(java.util.Locale.ROOT).contains(".zip!/")) {
                assertThat(MemberLocation.parse(written)).as(written).isEqualTo(new MemberLocation(zip, member));
                assertThat(MemberLocation.parse(written)).hasToString(written);
            }
        }
    }

    static LongStream seeds() {
        return LongStream.of(1, 7, 42, 2011, 20_260_101);
    }

    /** Names with the characters that make splitting hard: {@code !}, {@code /}, dots, spaces, non-ASCII. */
    private static String randomPath(Random random) {
        String alphabet = "ab!/. _-zZé€";
        StringBuilder path = new StringBuilder(random.nextBoolean() ? "file:/" : "s3://bucket/");
        int length = 1 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            path.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return path.toString();
    }
}
