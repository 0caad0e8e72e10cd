package org.loanetl.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.read.CorruptFileException;

class OpenAheadTest {

    private final Map<String, Integer> opened = new ConcurrentHashMap<>();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    private final CountDownLatch slowOpen = new CountDownLatch(1);

    /** Each file's bytes are its name; c.csv is corrupt; slow.csv opens only once the test lets it. */
    private final LoanFileSource source = new LoanFileSource() {
        @Override
        public Stream<SourceFile> files(Consumer<String> ignored) {
            return Stream.empty();
        }

        @Override
        public InputStream open(SourceFile file) throws IOException {
            opened.merge(file.name(), 1, Integer::sum);
            if (file.name().equals("c.csv")) {
                throw new CorruptFileException("c.csv: not a readable gzip file", null);
            }
            if (file.name().equals("slow.csv")) {
                try {
                    slowOpen.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ByteArrayInputStream(file.name().getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    closed.add(file.name());
                }
            };
        }

        @Override
        public void finish(SourceFile file, AfterLoad after) {
        }
    };

    @Test
    void opensTheNextFilesToLoadAheadAndHandsEachOverOnce() throws Exception {
        List<SourceFile> files = files("a.csv", "b.csv", "skip.csv", "d.csv");
        try (OpenAhead ahead = new OpenAhead(source)) {
            ahead.from(files, 1, f -> !f.name().equals("skip.csv"));

            try (InputStream b = ahead.open(files.get(1)); InputStream d = ahead.open(files.get(3))) {
                assertThat(new String(b.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("b.csv");
                assertThat(new String(d.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("d.csv");
            }
        }

        assertThat(opened).containsOnlyKeys("b.csv", "d.csv").containsValues(1);
    }

    @Test
    void throwsWhatTheOpenThrewWhenTheFilesTurnComes() {
        List<SourceFile> files = files("a.csv", "c.csv");
        try (OpenAhead ahead = new OpenAhead(source)) {
            ahead.from(files, 1, f -> true);

            assertThatThrownBy(() -> ahead.open(files.get(1))).isInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("not a readable gzip file");
        }
    }

    @Test
    void opensNowAFileNotOpenedAhead() throws Exception {
        try (OpenAhead ahead = new OpenAhead(source); InputStream a = ahead.open(files("a.csv").get(0))) {
            assertThat(a.readAllBytes()).hasSize(5);
        }
        assertThat(opened).containsEntry("a.csv", 1);
    }

    @Test
    void closesWhatWasOpenedAheadAndNeverTakenEvenOnceItOpensLater() throws Exception {
        List<SourceFile> files = files("a.csv", "b.csv", "slow.csv");
        OpenAhead ahead = new OpenAhead(source);
        ahead.from(files, 1, f -> true);

        ahead.close();
        slowOpen.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closed.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(closed).containsExactlyInAnyOrder("b.csv", "slow.csv");
    }

    private static List<SourceFile> files(String... names) {
        return Stream.of(names).map(n -> new SourceFile("mem:/" + n, "v", 5)).toList();
    }
}
