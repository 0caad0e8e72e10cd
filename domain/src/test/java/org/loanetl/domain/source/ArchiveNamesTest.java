package org.loanetl.domain.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An archive never replaces a different file: its own name, then its own version appended, then a counter. */
class ArchiveNamesTest {

    private static final String VERSION = "sha256:0a1b2c3d4e5f6789abcdef";

    @Test
    void takesItsOwnNameWhenFreeWithoutAskingForItsVersion() throws Exception {
        List<String> tried = new ArrayList<>();

        String name = ArchiveNames.claimFree("2011.csv", () -> {
            throw new AssertionError("version asked for");
        }, n -> tried.add(n));

        assertThat(name).isEqualTo("2011.csv");
        assertThat(tried).containsExactly("2011.csv");
    }

    @Test
    void appendsTwelveLettersOfItsOwnVersionThenACounterWhileOtherFilesHoldTheName() throws Exception {
        Set<String> taken = Set.of("2011.csv", "2011.csv.0a1b2c3d4e5f", "2011.csv.0a1b2c3d4e5f-2");
        List<String> tried = new ArrayList<>();

        String name = ArchiveNames.claimFree("2011.csv", () -> VERSION, n -> tried.add(n) && !taken.contains(n));

        assertThat(name).isEqualTo("2011.csv.0a1b2c3d4e5f-3");
        assertThat(tried).containsExactly("2011.csv", "2011.csv.0a1b2c3d4e5f", "2011.csv.0a1b2c3d4e5f-2",
                "2011.csv.0a1b2c3d4e5f-3");
    }

    @Test
    void shortensAVersionToTwelveLettersAndDigitsAfterItsLabel() {
        assertThat(ArchiveNames.shortVersion(VERSION)).isEqualTo("0a1b2c3d4e5f");
        assertThat(ArchiveNames.shortVersion("s3-etag:9b2cf535f27731c974343645a3985328:4096")).isEqualTo("9b2cf535f277");
        assertThat(ArchiveNames.shortVersion("zip-crc32:1f:20")).isEqualTo("1f20");
        assertThat(ArchiveNames.shortVersion("s3-etag:ab-3:5")).isEqualTo("ab35");
    }
}
