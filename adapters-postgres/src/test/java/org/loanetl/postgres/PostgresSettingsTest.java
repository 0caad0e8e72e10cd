package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void masksThePasswordInItsText() {
        PostgresSettings settings = new PostgresSettings("jdbc:postgresql://db:5432/loans", "etl", "hunter2", "loans");

        assertThat(settings.toString()).isEqualTo(
                "PostgresSettings[jdbcUrl=jdbc:postgresql://db:5432/loans, user=etl, password=***, schema=loans]");
    }

    @Test
    void saysWhenThereIsNoPassword() {
        PostgresSettings settings = PostgresSettings.of("jdbc:postgresql://db/loans", "etl", null);

        assertThat(settings.toString()).isEqualTo(
                "PostgresSettings[jdbcUrl=jdbc:postgresql://db/loans, user=etl, password=(none), schema=loanetl]");
    }

    @Test
    void masksAPasswordParameterOfTheUrl() {
        PostgresSettings settings = PostgresSettings.of(
                "jdbc:postgresql://db/loans?user=etl&PASSWORD=p%40ss;x&ssl=true", null, "");

        assertThat(settings.safeJdbcUrl()).isEqualTo("jdbc:postgresql://db/loans?user=etl&PASSWORD=***;x&ssl=true");
        assertThat(settings.toString()).doesNotContain("p%40ss");
    }

    @Test
    void masksPasswordsInUrlsWithoutSearchingForThePasswordsOwnText() {
        // searching for the text would show a short password by elimination: "e" made "conn***ct"
        PostgresSettings settings = PostgresSettings.of("jdbc:postgresql://db/loans", "etl", "e");

        assertThat(settings.mask("cannot connect to jdbc:postgresql://etl:other@db/x?password=other"))
                .isEqualTo("cannot connect to jdbc:postgresql://***@db/x?password=***");
    }

    @Test
    void takesTheDefaultSchemaWhenNoneIsGiven() {
        assertThat(new PostgresSettings("jdbc:postgresql://db/loans", null, null, " ").schema()).isEqualTo("loanetl");
        assertThat(PostgresSettings.of("jdbc:postgresql://db/loans", null, null).withSchema("other").schema())
                .isEqualTo("other");
    }

    @Test
    void refusesAUrlThatIsNotPostgresWithoutShowingItsPassword() {
        assertThatThrownBy(() -> PostgresSettings.of("jdbc:mysql://db/loans?password=hunter2", "etl", "hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jdbc url jdbc:mysql://db/loans?password=***: not a PostgreSQL JDBC URL"
                        + " (jdbc:postgresql://host:port/database)");
    }

    @Test
    void refusesASchemaThatIsNotAPlainLowerCaseIdentifier() {
        assertThatThrownBy(() -> new PostgresSettings("jdbc:postgresql://db/loans", null, null, "Loans"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema \"Loans\": not a plain SQL identifier (lower-case letters, digits and _, not"
                        + " starting with a digit or pg_, at most 63 characters)");
        assertThatThrownBy(() -> new PostgresSettings("jdbc:postgresql://db/loans", null, null, "pg_catalog"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresSettings("jdbc:postgresql://db/loans", null, null, "a\"; drop"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
