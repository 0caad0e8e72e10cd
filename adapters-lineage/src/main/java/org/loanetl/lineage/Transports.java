package org.loanetl.lineage;

import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.ConsoleTransport;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;

/** The client's transport for the settings. */
final class Transports {

    /** The OpenLineage API's path under its base URL. */
    static final String ENDPOINT = "/api/v1/lineage";

    private Transports() {
    }

    static Transport of(LineageSettings settings) {
        if (settings.transport() == LineageSettings.Transport.FILE) {
            return new FileTransport(new FileConfig(settings.file().toAbsolutePath().toString()));
        }
        if (settings.transport() == LineageSettings.Transport.CONSOLE) {
            return new ConsoleTransport();
        }
        HttpConfig http = new HttpConfig();
        http.setUrl(settings.url());
        http.setEndpoint(ENDPOINT);
        // bounded: a lineage server that hangs must not hold up the run's end
        http.setTimeoutInMillis(Math.toIntExact(settings.timeout().toMillis()));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
            auth.setApiKey(settings.apiKey());
            http.setAuth(auth);
        }
        return new HttpTransport(http);
    }
}
