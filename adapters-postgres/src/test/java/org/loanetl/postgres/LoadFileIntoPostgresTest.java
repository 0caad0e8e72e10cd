package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.CanonicalValues;
import org.loanetl.domain.testing.CommittedLoad;
import org.loanetl.domain.testing.Fixtures;
import org.loanetl.domain.testing.InMemoryLoanFileSource;
import org.loanetl.domain.testing.OneFileLoad;
import org.loanetl.postgres.testing.TestPostgres;

/** The use case {@link LoadFile} end to end into a real PostgreSQL, over the real fixture files. */
class LoadFileIntoPostgresTest {

    private static final String SAMPLE = "reference/sample-53col.csv";

    @Test
    void loadsTheTenLoansOfTheReferenceSampleExactlyAsTheGoldenFileHoldsThem() {
        PostgresSettings settings = TestPostgres.settings("e2e");
        PostgresDatabase database = PostgresDatabase.open(settings);
        InMemoryLoanFileSource source = new InMemoryLoanFileSource();
        SourceFile file = source.put("sample-53col.csv", Fixtures.bytes(SAMPLE));

        FileResult result = loadFile(source, database).run(file);

        List<List<String>> expected = CanonicalValues.readCsv(Fixtures.path("reference/sample-53col.expected-loans.csv"));
        assertThat(result.status()).isEqualTo(FileStatus.LOADED);
        assertThat(result.counts()).isEqualTo(new LoadCounts(10, 4, 3, 14, 0, 0));
        assertThat(Tables.count(settings, "loans")).isEqualTo(10);
        assertThat(rendered(settings, expected.get(0))).containsExactlyElementsOf(expected.subList(1, expected.size()));
        assertThat(database.ledger().find(file).orElseThrow().cleanup()).isEqualTo(AfterLoad.KEEP);
    }

    @Test
    void skipsTheReferenceSampleOnTheSecondRun() {
        PostgresSettings settings = TestPostgres.settings("e2e");
        PostgresDatabase database = PostgresDatabase.open(settings);
        InMemoryLoanFileSource source = new InMemoryLoanFileSource();
        SourceFile file = source.put("sample-53col.csv", Fixtures.bytes(SAMPLE));
        loadFile(source, database).run(file);

        FileResult again = loadFile(source, database).run(file);

        assertThat(again.status()).isEqualTo(FileStatus.SKIPPED);
        assertThat(Tables.count(settings, "loans")).isEqualTo(10);
        assertThat(database.loadedFiles()).hasSize(1);
    }

    static Stream<String> fixtures() {
        return Stream.concat(Fixtures.csvFiles("layouts").stream(), Fixtures.csvFiles("reference").stream());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void endsEveryFixtureAsTheInMemorySinkDoesAndStoresWhatItIsGiven(String fixture) {
        PostgresSettings settings = TestPostgres.settings("e2e");
        PostgresDatabase database = PostgresDatabase.open(settings);
        InMemoryLoanFileSource source = new InMemoryLoanFileSource();
        String name = fixture.substring(fixture.lastIndexOf('/') + 1);
        SourceFile file = source.put(name, Fixtures.bytes(fixture));
        OneFileLoad inMemory = OneFileLoad.of(name, Fixtures.bytes(fixture));

        FileResult result = loadFile(source, database).run(file);

        assertThat(result.status()).isEqualTo(inMemory.result().status());
        assertThat(result.reason()).isEqualTo(inMemory.result().reason());
        assertThat(result.counts()).isEqualTo(inMemory.counts());
        if (inMemory.committed().isEmpty()) {
            assertThat(Tables.count(settings, "loaded_files")).isZero();
            return;
        }
        CommittedLoad expected = inMemory.committed().get();
        assertThat(rendered(settings, expected.renderedHeader())).containsExactlyElementsOf(expected.renderedRows());
        assertThat(database.rejects(null, 1000)).extracting(StoredReject::rawText)
                .containsExactlyElementsOf(expected.rejects().stream().map(r -> r.rawText()).toList());
    }

    private static LoadFile loadFile(InMemoryLoanFileSource source, PostgresDatabase database) {
        return new LoadFile(source, database.sink(), database.ledger(), LoadRules.defaults(), AfterLoad.KEEP,
                LoadListener.NONE);
    }

    /** The loans table's rows in canonical text, in the columns of a golden header ({@code line, id, ...}). */
    private static List<List<String>> rendered(PostgresSettings settings, List<String> header) {
        return Tables.loans(settings, Tables.columns(header.subList(1, header.size()))).stream()
                .map(row -> row.stream().map(CanonicalValues::render).toList())
                .toList();
    }
}
