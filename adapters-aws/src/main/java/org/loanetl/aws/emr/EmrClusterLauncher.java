package org.loanetl.aws.emr;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.loanetl.aws.s3.S3Settings;
import org.loanetl.domain.LoanEtlException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the load on Amazon EMR: launches clusters ({@code RunJobFlow}), stages the job's jar and config in S3
 * ({@code PutObject}), adds the load as a step ({@code AddJobFlowSteps}), follows clusters and steps
 * ({@code DescribeCluster}, {@code DescribeStep}, {@code ListSteps}) and terminates clusters
 * ({@code TerminateJobFlows}). Every AWS failure, after the SDK's retries, is a {@link LoanEtlException} with one
 * line naming the call; none carries a secret. Driver-side only; not thread-safe. Close it to release the clients.
 */
public final class EmrClusterLauncher implements AutoCloseable {

    private final EmrSettings settings;
    private final S3Settings s3;
    private final Consumer<String> progress;
    private final EmrClient emr;
    private final EmrErrors errors;
    private S3Client staging;

    /**
     * @param settings the cluster and how to reach EMR
     * @param s3       how to reach S3 for staging (its region defaults to the cluster's)
     * @param progress where news goes: uploads, and each change of state while following
     */
    public EmrClusterLauncher(EmrSettings settings, S3Settings s3, Consumer<String> progress) {
        this.settings = settings;
        this.s3 = s3;
        this.progress = progress;
        this.emr = EmrClients.emr(settings);
        this.errors = new EmrErrors(settings.endpoint() == null
                ? "EMR (region " + EmrClients.region(settings.region()) + ")" : settings.endpoint().toString());
    }

    /** Starts a long-running cluster named {@code name}: Spark, idle auto-termination, no steps. Returns its id. */
    public String launch(String name) {
        try {
            return emr.runJobFlow(JobFlows.longRunning(settings, name)).jobFlowId();
        } catch (SdkException e) {
            throw errors.translate("RunJobFlow", e);
        }
    }

    /** Follows the cluster until it is ready for steps; fails with EMR's reason when it terminates instead. */
    public ClusterOverview awaitReady(String clusterId) {
        return overview(follow().untilReady(clusterId), List.of());
    }

    /**
     * Puts the job jar (streamed from {@code jar}) and the job's config under a new folder of the staging URI.
     *
     * @throws LoanEtlException when no staging URI is set, or an upload fails
     */
    public StagedJob stage(Path jar, byte[] config) {
        if (settings.stagingUri() == null) {
            throw new LoanEtlException("no staging URI: the cluster reads the job's jar and config from S3");
        }
        if (staging == null) {
            staging = EmrClients.s3(s3, settings);
        }
        EmrErrors s3Errors = new EmrErrors(s3.endpoint() == null ? "S3" : s3.endpoint().toString());
        return new Staging(staging, s3Errors, Clock.systemUTC()).upload(S3Uri.parse(settings.stagingUri()), jar, config, progress);
    }

    /** Adds the load step to a running cluster (a failure leaves the cluster up). Returns the step's id. */
    public String submit(String clusterId, StagedJob job) {
        try {
            return emr.addJobFlowSteps(r -> r.jobFlowId(clusterId)
                    .steps(JobFlows.loadStep(job, ActionOnFailure.CONTINUE))).stepIds().get(0);
        } catch (SdkException e) {
            throw errors.translate("AddJobFlowSteps " + clusterId, e);
        }
    }

    /** Follows the step to COMPLETED; fails with its failure details and where its logs are. */
    public void awaitStep(String clusterId, String stepId) {
        follow().untilStepEnds(clusterId, stepId);
    }

    /** Starts a transient cluster that runs the load step and then terminates itself. Returns its id. */
    public String runTransient(String name, StagedJob job) {
        try {
            return emr.runJobFlow(JobFlows.transientRun(settings, name, job)).jobFlowId();
        } catch (SdkException e) {
            throw errors.translate("RunJobFlow", e);
        }
    }

    /** Follows a transient cluster to its end; succeeds only if the load step completed. */
    public void awaitTransient(String clusterId) {
        follow().untilTransientEnds(clusterId);
    }

    /** The cluster's state and its steps, newest first. */
    public ClusterOverview status(String clusterId) {
        Follow follow = follow();
        Cluster cluster = follow.describeCluster(clusterId);
        return overview(cluster, follow.listSteps(clusterId));
    }

    /** Asks EMR to terminate the cluster (it takes a few minutes; billing stops when it is TERMINATED). */
    public void terminate(String clusterId) {
        try {
            emr.terminateJobFlows(r -> r.jobFlowIds(clusterId));
        } catch (SdkException e) {
            throw errors.translate("TerminateJobFlows " + clusterId, e);
        }
    }

    private Follow follow() {
        return new Follow(emr, errors, settings.pollInterval(), progress);
    }

    private static ClusterOverview overview(Cluster cluster, List<StepSummary> steps) {
        return new ClusterOverview(cluster.id(), cluster.name(), cluster.status().stateAsString(), Follow.reason(cluster),
                cluster.releaseLabel(), cluster.logUri() == null ? null : Follow.clusterLogs(cluster),
                cluster.masterPublicDnsName(),
                steps.stream().map(s -> new ClusterOverview.Step(s.id(), s.name(), s.status().stateAsString(),
                        Follow.failure(s.status().failureDetails()))).toList());
    }

    @Override
    public void close() {
        emr.close();
        if (staging != null) {
            staging.close();
        }
    }
}
