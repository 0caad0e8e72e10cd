package org.loanetl.app.library;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.LoanEtl;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.rules.NoCreditScore;
import org.loanetl.domain.source.SourceVersions;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.postgres.testing.TestPostgres;
import org.loanetl.postgres.testing.TestPostgresExtension;

/**
 * The examples of {@code docs/library.md}, compiled and run against a real PostgreSQL; the page's code blocks are the
 * text between the {@code example} markers below, so the page cannot drift from what runs.
 */
@ExtendWith(TestPostgresExtension.class)
class LibraryExampleTest {

    @TempDir
    Path dir;

    @Test
    void loadsAFolderIntoPostgresql() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("lendingclub"));
        Files.copy(Fixtures.path("real/kaggle-2015-74col.csv"), folder.resolve("loan.csv"));
        String jdbcUrl = TestPostgres.jdbcUrl();
        String user = TestPostgres.USER;
        String password = TestPostgres.PASSWORD;
        String schema = TestPostgres.newSchema();

        // example:folder:begin
        LoadReport report = LoanEtl.load(LoanEtl.localFiles(folder))
                .into(LoanEtl.postgres(jdbcUrl, user, password, schema))
                .rules(LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER))
                .after(AfterLoad.KEEP)
                .run();
        report.files().forEach(file -> System.out.println(file.file().name() + ": " + file.status().label()
                + ", " + file.counts().loaded() + " loaded, credit score " + file.creditScoreColumn()));
        // example:folder:end

        assertThat(report.files()).singleElement().satisfies(file -> {
            assertThat(file.status()).isEqualTo(FileStatus.LOADED);
            assertThat(file.counts().loaded()).isEqualTo(87);
            assertThat(file.creditScoreColumn()).isEqualTo("not applied");
        });
        LoadReport again = LoanEtl.load(LoanEtl.localFiles(folder)).into(LoanEtl.postgres(jdbcUrl, user, password, schema))
                .rules(LoadRules.defaults().whenNoCreditScore(NoCreditScore.SKIP_FILTER)).run();
        assertThat(again.files()).singleElement().extracting(f -> f.status()).isEqualTo(FileStatus.SKIPPED);
    }

    // example:source:begin
    /** Loans files held in memory, by name: a source of one's own. */
    static final class InMemorySource implements LoanFileSource {

        private final Map<String, byte[]> files = new ConcurrentHashMap<>();

        void put(String name, byte[] content) {
            files.put(name, content);
        }

        @Override
        public Stream<SourceFile> files(Consumer<String> ignored) {
            // a version names the content exactly: a file is loaded once per version
            return files.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new SourceFile(
                    "mem:/" + e.getKey(), version(e.getValue()), e.getValue().length));
        }

        @Override
        public InputStream open(SourceFile file) throws IOException {
            byte[] content = files.get(file.location().substring("mem:/".length()));
            if (content == null || !version(content).equals(file.version())) {
                throw new IOException(file.location() + ": gone or changed");
            }
            return new ByteArrayInputStream(content);
        }

        @Override
        public void finish(SourceFile file, AfterLoad after) {
            if (after != AfterLoad.KEEP) {
                files.remove(file.location().substring("mem:/".length()));
            }
        }

        @Override
        public boolean owns(SourceFile file) {
            return file.location().startsWith("mem:/");
        }

        private static String version(byte[] content) {
            try {
                return SourceVersions.contentHash(new ByteArrayInputStream(content));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
    // example:source:end

    @Test
    void loadsFromASourceOfOnesOwn() {
        String jdbcUrl = TestPostgres.jdbcUrl();
        String user = TestPostgres.USER;
        String password = TestPostgres.PASSWORD;
        String schema = TestPostgres.newSchema();

        // example:own:begin
        InMemorySource source = new InMemorySource();
        source.put("2011.csv", Fixtures.bytes("reference/sample-53col.csv"));
        LoadReport report = LoanEtl.load(source)
                .into(LoanEtl.postgres(jdbcUrl, user, password, schema))
                .after(AfterLoad.DELETE)
                .run();
        // example:own:end

        assertThat(report.files()).singleElement().satisfies(file -> {
            assertThat(file.status()).isEqualTo(FileStatus.LOADED);
            assertThat(file.counts().loaded()).isEqualTo(10);
            assertThat(file.after()).isEqualTo("deleted");
        });
        assertThat(source.files(ignored -> { }).toList()).isEmpty();
    }

    @Test
    void theDocsShowExactlyTheseExamples() throws IOException {
        String test = Files.readString(Path.of("src/test/java/org/loanetl/app/library/LibraryExampleTest.java"), UTF_8);
        String page = Files.readString(Fixtures.root().resolveSibling("docs").resolve("library.md"), UTF_8);

        for (String example : List.of("folder", "source", "own")) {
            String begin = "// example:" + example + ":begin\n";
            String code = test.substring(test.indexOf(begin) + begin.length(), test.indexOf("// example:" + example + ":end"))
                    .stripTrailing();
            String dedented = code.lines().map(line -> line.length() >= indent(code) ? line.substring(indent(code)) : line)
                    .reduce("", (a, b) -> a + b + "\n");
            assertThat(page).as(example).contains(dedented);
        }
    }

    private static int indent(String code) {
        return code.lines().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    }
}
