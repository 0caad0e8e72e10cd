package org.loanetl.domain.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What identifies one run, for observers: the same values in its first and last event.
 *
 * @param runId     this run's id, new for every run
 * @param startedAt when it started
 * @param engine    {@code local} or {@code spark}
 * @param sources   what it was asked to load (folders, files, {@code s3://} prefixes), as given
 * @param database  where it loads, without user or password ({@code postgres://host:5432/loans}), the namespace of
 *                  the output datasets
 * @param schema    the database schema that holds the tables
 * @param parent    the run this one is part of (a Spark application, an Airflow task), or {@code null}
 */
public record RunInfo(UUID runId, Instant startedAt, String engine, List<String> sources, String database,
                      String schema, ParentRun parent) {

    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        sources = List.copyOf(sources);
    }

    /**
     * The run this one belongs to, as OpenLineage names runs.
     *
     * @param namespace its job's namespace ({@code spark}, an Airflow deployment)
     * @param job       its job's name (the Spark application's name, the DAG's task)
     * @param runId     its run's id: a UUID, or any text that names the run ({@code application_1700000000_0001})
     */
    public record ParentRun(String namespace, String job, String runId) {

        public ParentRun {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(runId, "runId");
        }
    }
}
