package org.loanetl.lineage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenLineage API on loopback that keeps each event it is sent, with its {@code Authorization} header, and checks
 * each against the run event schema and the {@code loanetl_counts} facet against its published schema
 * ({@code docs/lineage/LoanEtlCountsRunFacet.json}). With {@code -Dopenlineage.spec=/path/to/spec/OpenLineage.json}
 * (a checkout of the OpenLineage spec) events are also checked against the official schema.
 */
public final class LineageEndpoint implements AutoCloseable {

    /** One event as received. */
    public record Received(JsonNode event, String authorization, Set<ValidationMessage> problems) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<JsonSchema> schemas = new ArrayList<>();
    private final JsonSchema countsSchema;
    private volatile int status = 200;

    public LineageEndpoint(Path docs) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = LineageEndpoint.class.getResourceAsStream("/run-event.schema.json")) {
            schemas.add(factory.getSchema(in, config));
            String official = System.getProperty("openlineage.spec");
            if (official != null && !official.isBlank()) {
                schemas.add(factory.getSchema(Files.newInputStream(Path.of(official)), config));
            }
            countsSchema = factory.getSchema(Files.newInputStream(docs.resolve("lineage/LoanEtlCountsRunFacet.json")),
                    config);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/lineage", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(check(JSON.readTree(new String(body, StandardCharsets.UTF_8)),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The docs folder of the repository, from the tests' working directory (a module folder). */
    public static Path docs() {
        return Path.of(System.getProperty("user.dir")).resolve("../docs").normalize();
    }

    /** What the schemas say is wrong with an event (its {@code loanetl_counts} facet included); empty when nothing. */
    public Received check(JsonNode event, String authorization) {
        Set<ValidationMessage> problems = new java.util.LinkedHashSet<>();
        for (JsonSchema schema : schemas) {
            problems.addAll(schema.validate(event));
        }
        JsonNode counts = event.path("run").path("facets").path("loanetl_counts");
        if (!counts.isMissingNode()) {
            problems.addAll(countsSchema.validate(counts));
        }
        return new Received(event, authorization, problems);
    }

    /** The base URL to configure: events go to its {@code /api/v1/lineage}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answer every later event with this HTTP status. */
    public void answer(int httpStatus) {
        this.status = httpStatus;
    }

    /** The events received so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
