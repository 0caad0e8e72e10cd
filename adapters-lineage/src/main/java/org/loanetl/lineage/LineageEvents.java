package org.loanetl.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineage.RunFacetsBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.run.RunEnd;
import org.loanetl.domain.run.RunInfo;

/** Builds a run's events: what each says of the run, its job, the files it read and the tables it wrote. */
final class LineageEvents {

    /** Who wrote the events, as OpenLineage's {@code producer} asks. */
    static final URI PRODUCER = URI.create("urn:loanetl:loan-etl");
    static final String LOANS = "loans";
    static final String REJECTS = "loan_rejects";

    private final OpenLineage lineage = new OpenLineage(PRODUCER);
    private final String namespace;
    private final String jobName;

    LineageEvents(String namespace, String jobName) {
        this.namespace = namespace;
        this.jobName = jobName;
    }

    /** The {@code START} event: the run, its parent, its job and the tables it will write. */
    RunEvent start(RunInfo run) {
        return event(EventType.START, run.startedAt(), run, runFacets(run), List.of(),
                List.of(output(run, LOANS, null), output(run, REJECTS, null)));
    }

    /** The end event: {@code COMPLETE}, {@code FAIL} or {@code ABORT}, with the files read and the counts. */
    RunEvent end(RunInfo run, RunEnd end) {
        RunFacetsBuilder facets = runFacets(run)
                .put(CountsRunFacet.NAME, new CountsRunFacet(PRODUCER, end.report(), end.retries()));
        if (end.outcome() != RunEnd.Outcome.COMPLETE && end.error() != null) {
            facets.errorMessage(lineage.newErrorMessageRunFacet(end.error(), "Java", null));
        }
        LoadReport report = end.report();
        List<InputDataset> inputs = report.files().stream()
                .filter(f -> f.status() != FileStatus.SKIPPED)
                .map(FileResult::file).map(this::input).toList();
        List<OutputDataset> outputs = List.of(output(run, LOANS, report.totals().loaded()),
                output(run, REJECTS, report.totals().rejected()));
        return event(EventType.valueOf(end.outcome().name()), end.endedAt(), run, facets, inputs, outputs);
    }

    private RunEvent event(EventType type, Instant at, RunInfo run, RunFacetsBuilder facets,
                           List<InputDataset> inputs, List<OutputDataset> outputs) {
        return lineage.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
                .run(lineage.newRun(run.runId(), facets.build()))
                .job(lineage.newJobBuilder().namespace(namespace).name(jobName)
                        .facets(lineage.newJobFacetsBuilder()
                                .jobType(lineage.newJobTypeJobFacet("BATCH", "LOAN_ETL", "JOB", null)).build())
                        .build())
                .inputs(inputs)
                .outputs(outputs)
                .build();
    }

    private RunFacetsBuilder runFacets(RunInfo run) {
        RunFacetsBuilder facets = lineage.newRunFacetsBuilder();
        RunInfo.ParentRun parent = run.parent();
        if (parent != null) {
            facets.parent(lineage.newParentRunFacetBuilder()
                    .run(lineage.newParentRunFacetRun(runUuid(parent.runId()), null))
                    .job(lineage.newParentRunFacetJob(parent.namespace(), parent.job(), null))
                    .build());
        }
        return facets;
    }

    /**
     * A parent's run id as the UUID OpenLineage asks for: the id itself when it is one, else a UUID made from its text
     * (a Spark application id such as {@code application_1700000000_0001}), the same for every event that names it.
     */
    static UUID runUuid(String runId) {
        try {
            return UUID.fromString(runId);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A table in the run's database, with its row count once the run has ended. */
    private OutputDataset output(RunInfo run, String table, Long rows) {
        var builder = lineage.newOutputDatasetBuilder().namespace(run.database()).name(run.schema() + "." + table);
        if (rows != null) {
            builder.outputFacets(lineage.newOutputDatasetOutputFacetsBuilder()
                    .outputStatistics(lineage.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(rows).build())
                    .build());
        }
        return builder.build();
    }

    /** A file read: named by where it is, with its version. */
    private InputDataset input(SourceFile file) {
        String[] place = place(file.location());
        return lineage.newInputDatasetBuilder().namespace(place[0]).name(place[1])
                .facets(lineage.newDatasetFacetsBuilder()
                        .version(lineage.newDatasetVersionDatasetFacet(file.version())).build())
                .build();
    }

    /**
     * A location's dataset namespace and name, as OpenLineage names files: {@code s3://bucket} and the key for
     * objects ({@code s3a://} and {@code s3n://} are the same bucket), {@code file} and the path for local files.
     */
    static String[] place(String location) {
        int colon = location.indexOf(':');
        String scheme = colon > 1 ? location.substring(0, colon).toLowerCase(Locale.ROOT) : "file";
        if (scheme.equals("file") || colon <= 1) {
            String path = colon > 1 ? location.substring(colon + 1) : location;
            return new String[] {"file", path.startsWith("//") ? path.substring(2) : path};
        }
        String rest = location.substring(colon + 1);
        rest = rest.startsWith("//") ? rest.substring(2) : rest;
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String normalized = scheme.equals("s3a") || scheme.equals("s3n") ? "s3" : scheme;
        return new String[] {normalized + "://" + authority, path.isEmpty() ? "/" : path};
    }
}
