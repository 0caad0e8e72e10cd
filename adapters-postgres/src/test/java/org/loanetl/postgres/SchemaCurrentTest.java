package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loanetl.postgres.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/** The quick check that lets a run skip Flyway when the schema is current, and never when it is not. */
class SchemaCurrentTest {

    @Test
    void listsEveryVersionedMigrationThereIsInOrder() throws IOException, URISyntaxException {
        Path folder = Path.of(PostgresDatabase.class.getResource("/db/migration/loanetl").toURI());
        Pattern versioned = Pattern.compile("V(\\d+)__.+\\.sql");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> versioned.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                    .containsExactlyElementsOf(PostgresDatabase.MIGRATIONS);
        }
    }

    @Test
    void isCurrentOnlyOnceFlywayHasMigratedTheSchema() {
        PostgresSettings settings = TestPostgres.settings("current");
        PGSimpleDataSource dataSource = dataSource();

        assertThat(PostgresDatabase.isCurrent(dataSource, settings.schema())).as("no schema yet").isFalse();
        PostgresDatabase.open(settings).close();

        assertThat(PostgresDatabase.isCurrent(dataSource, settings.schema())).isTrue();
    }

    @Test
    void isNotCurrentWhenTheLoansColumnsWereMadeFromAnotherCatalogAndOpeningMigratesAgain() {
        PostgresSettings settings = TestPostgres.settings("stale");
        PostgresDatabase.open(settings).close();
        String history = settings.quotedSchema() + ".flyway_schema_history";
        TestPostgres.jdbi().useHandle(h -> h.execute("UPDATE " + history + " SET checksum = checksum + 1"
                + " WHERE version IS NULL AND type = 'JDBC'"));
        int before = rows(history);

        assertThat(PostgresDatabase.isCurrent(dataSource(), settings.schema())).isFalse();
        PostgresDatabase.open(settings).close();

        assertThat(rows(history)).as("the loans columns' migration ran again").isEqualTo(before + 1);
        assertThat(PostgresDatabase.isCurrent(dataSource(), settings.schema())).isTrue();
    }

    @Test
    void isNotCurrentAfterAFailedMigration() {
        PostgresSettings settings = TestPostgres.settings("failed");
        PostgresDatabase.open(settings).close();
        TestPostgres.jdbi().useHandle(h -> h.execute("UPDATE " + settings.quotedSchema() + ".flyway_schema_history"
                + " SET success = false WHERE version = '2'"));

        assertThat(PostgresDatabase.isCurrent(dataSource(), settings.schema())).isFalse();
    }

    private static int rows(String history) {
        return TestPostgres.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + history)
                .mapTo(Integer.class).one());
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.jdbcUrl());
        dataSource.setUser("postgres");
        return dataSource;
    }
}
