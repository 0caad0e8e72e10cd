package org.loanetl.lineage;

import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClient;
import org.loanetl.domain.run.RunEnd;
import org.loanetl.domain.run.RunInfo;
import org.loanetl.domain.run.RunObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a run's OpenLineage events: {@code START} when it starts, then {@code COMPLETE}, {@code FAIL} or {@code ABORT}
 * with the files it read, the tables it wrote and its counts. An event that cannot be sent is logged, without the API
 * key, and dropped: lineage never fails a load. Driver-only.
 */
public final class OpenLineageObserver implements RunObserver {

    private static final Logger LOG = LoggerFactory.getLogger(OpenLineageObserver.class);

    private final LineageSettings settings;
    private final OpenLineageClient client;
    private final LineageEvents events;

    public OpenLineageObserver(LineageSettings settings) {
        this.settings = settings;
        this.client = OpenLineageClient.builder().transport(Transports.of(settings)).build();
        this.events = new LineageEvents(settings.namespace(), settings.jobName());
    }

    @Override
    public void started(RunInfo run) {
        emit(events.start(run), "START");
    }

    @Override
    public void ended(RunInfo run, RunEnd end) {
        emit(events.end(run, end), end.outcome().name());
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("lineage: cannot close the {} transport: {}", settings.transport(), safe(e));
        }
    }

    private void emit(RunEvent event, String type) {
        try {
            client.emit(event);
        } catch (RuntimeException e) {
            LOG.warn("lineage: the {} event of run {} was not sent ({} transport{}), the load goes on: {}", type,
                    event.getRun().getRunId(), settings.transport(),
                    settings.url() == null ? "" : " to " + settings.url(), safe(e));
        }
    }

    /**
     * What went wrong, in one line, for the log: the exception and its causes' messages, withheld as a whole should any
     * of them quote the API key (never a search and replace of the key's text, which would show it by elimination).
     */
    private String safe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip().replaceAll("\\s+", " "));
            }
        }
        String key = settings.apiKey();
        if (key != null && !key.isEmpty() && text.indexOf(key) >= 0) {
            return e.getClass().getSimpleName() + " (its message is withheld: it quotes the API key)";
        }
        return text.toString();
    }
}
