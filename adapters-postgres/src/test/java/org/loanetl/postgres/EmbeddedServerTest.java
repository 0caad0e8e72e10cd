package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.FileLayout;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;

/** The server loan-etl runs itself: its data outlives it, and a second one on the same folder is refused. */
class EmbeddedServerTest {

    /** One home for both tests, so the binaries are unpacked once. */
    @TempDir
    static Path home;

    @Test
    void keepsWhatWasLoadedAcrossARestart() {
        SourceFile file = new SourceFile("file:/data/a.csv", "v1", 1);
        try (EmbeddedServer server = EmbeddedServer.start(home)) {
            PostgresDatabase database = PostgresDatabase.open(server.settings("loanetl"));
            FileLayout layout = FileLayout.of("a.csv", LoanCsv.COLUMNS, ColumnCatalog.standard(), LoadRules.defaults());
            try (FileTransaction load = database.sink().begin(file, layout).orElseThrow()) {
                load.commit(new LoadCounts(0, 3, 0, 0, 0, 0));
            }
            assertThat(server.dataDirectory()).isEqualTo(home.toAbsolutePath().resolve("pgdata"));
        }

        try (EmbeddedServer server = EmbeddedServer.start(home)) {
            PostgresDatabase database = PostgresDatabase.open(server.settings("loanetl"));

            assertThat(database.ledger().find(file)).hasValueSatisfying(
                    entry -> assertThat(entry.counts().chargedOff()).isEqualTo(3));
            assertThat(server.settings("loanetl").jdbcUrl()).contains(":" + server.port() + "/");
        }
    }

    @Test
    void keepsItsHomeAndServerBinariesToItsOwner() throws java.io.IOException {
        try (EmbeddedServer server = EmbeddedServer.start(home)) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(home.resolve("pg")))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            assertThat(java.nio.file.Files.getPosixFilePermissions(home))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void refusesASecondServerOnTheSameFolder() {
        try (EmbeddedServer server = EmbeddedServer.start(home)) {
            assertThatThrownBy(() -> EmbeddedServer.start(home))
                    .isInstanceOf(SinkException.class)
                    .hasMessage("cannot start the embedded PostgreSQL in " + server.dataDirectory() + ": "
                            + OverlappingFileLockException.class.getName() + " (is another loan-etl using "
                            + server.dataDirectory() + "? its postmaster.pid is there)");
        }
    }
}
