package org.loanetl.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.loanetl.domain.SinkException;

/**
 * A PostgreSQL server run by loan-etl itself, for a machine that has none: the binaries come from a Maven
 * dependency (zonky), the data lives in a folder of the user's ({@code ~/.loan-etl/pgdata} by default) and survives
 * the process, so a second run sees what the first loaded. The server runs only while this object is open; it
 * listens on loopback only, on a free port, and trusts local connections (there is no password to leak).
 */
public final class EmbeddedServer implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private EmbeddedServer(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on the data folder under {@code home}, creating it on first use.
     *
     * @throws SinkException when it cannot start (most often: another loan-etl is using the same folder)
     */
    public static EmbeddedServer start(Path home) {
        Path data = home.toAbsolutePath().resolve("pgdata");
        Path binaries = home.toAbsolutePath().resolve("pg");
        try {
            Files.createDirectories(home);
            ownerOnly(home);
            Files.createDirectories(binaries);
            ownerOnly(binaries);
            var server = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            // zonky opens its folder to everyone (it was made for a shared temporary folder): with a home that
            // others can reach, another user could swap the server binaries before the next start
            ownerOnly(binaries);
            return new EmbeddedServer(server, data);
        } catch (IOException | RuntimeException e) {
            String lock = Files.exists(data.resolve("postmaster.pid"))
                    ? " (is another loan-etl using " + data + "? its postmaster.pid is there)" : "";
            // describe: one line, and never "null" (an in-process lock clash has no message)
            throw new SinkException("cannot start the embedded PostgreSQL in " + data + ": " + Failures.describe(e)
                    + lock, e);
        }
    }

    /** Makes a folder readable, writable and searchable by its owner only, where the file system has POSIX modes. */
    private static void ownerOnly(Path folder) throws IOException {
        if (Files.getFileStore(folder).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Settings to reach it as its superuser, in the given schema. */
    public PostgresSettings settings(String schema) {
        return new PostgresSettings(server.getJdbcUrl("postgres", "postgres"), "postgres", "", schema);
    }

    /** The port it listens on (loopback only). */
    public int port() {
        return server.getPort();
    }

    /** Where its data lives. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server; the data stays. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new SinkException("cannot stop the embedded PostgreSQL in " + dataDirectory + ": "
                    + Failures.describe(e), e);
        }
    }
}
