package org.loanetl.metrics.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Pushgateway (Debian's {@code prometheus-pushgateway}) on a free loopback port, without
 * persistence, for one test class. Installed with apt-get when it is missing and the tests run as root (as CI does;
 * {@code .ci/run} installs it too); skipped, with a message that says why, only when it cannot be installed.
 */
public final class Pushgateway implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");

    private final Process process;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Pushgateway(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts one, installing it first if need be; the test is skipped when neither is possible. */
    public static Pushgateway start() {
        installIfMissing();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Process process = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
                    // Debian's default keeps groups in /var/lib/prometheus and reloads them: each test's gateway starts empty
                    "--persistence.file=")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Pushgateway gateway = new Pushgateway(process, URI.create("http://127.0.0.1:" + port));
            gateway.awaitReady();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void installIfMissing() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(root, "prometheus-pushgateway is not installed (/usr/bin/prometheus-pushgateway) and the tests do not"
                + " run as root to install it: apt-get install -y prometheus-pushgateway");
        for (List<String> command : List.of(List.of("apt-get", "update"),
                List.of("apt-get", "install", "-y", "prometheus-pushgateway"))) {
            try {
                Process install = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                install.waitFor(5, TimeUnit.MINUTES);
            } catch (IOException e) {
                assumeTrue(false, "cannot install prometheus-pushgateway: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assumeTrue(Files.isExecutable(BINARY), "apt-get could not install prometheus-pushgateway");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus-pushgateway exited with status " + process.exitValue());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("prometheus-pushgateway did not get ready at " + url);
    }

    /** Where to push. */
    public URI url() {
        return url;
    }

    /** Its {@code /metrics} page, as Prometheus would scrape it. */
    public String scrape() {
        try {
            return get("/metrics").body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
