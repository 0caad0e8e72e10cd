package org.loanetl.aws.emr;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.loanetl.domain.LoanEtlException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReason;
import software.amazon.awssdk.services.emr.model.FailureDetails;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * Follows a cluster or a step by asking EMR every poll interval ({@code DescribeCluster}, {@code DescribeStep},
 * {@code ListSteps}), reporting each change of state once, until it settles; a failure ends in one line that says
 * why and where the logs are.
 */
final class Follow {

    private static final Set<String> CLUSTER_ENDED = Set.of("TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS");
    private static final Set<String> STEP_FAILED = Set.of("FAILED", "CANCELLED", "INTERRUPTED");

    private final EmrClient emr;
    private final EmrErrors errors;
    private final Duration interval;
    private final Consumer<String> progress;
    private final long started = System.nanoTime();

    Follow(EmrClient emr, EmrErrors errors, Duration interval, Consumer<String> progress) {
        this.emr = emr;
        this.errors = errors;
        this.interval = interval;
        this.progress = progress;
    }

    /** Until the cluster is ready for steps ({@code WAITING}, or {@code RUNNING} one); fails when it ends instead. */
    Cluster untilReady(String clusterId) {
        String last = null;
        while (true) {
            Cluster cluster = describeCluster(clusterId);
            last = report("cluster " + clusterId, last, cluster.status().stateAsString(), reason(cluster));
            if (last.equals("WAITING") || last.equals("RUNNING")) {
                return cluster;
            }
            if (CLUSTER_ENDED.contains(last)) {
                throw clusterEnded(cluster);
            }
            pause();
        }
    }

    /** Until the step completes; fails with its failure details and log location when it fails or is cancelled. */
    void untilStepEnds(String clusterId, String stepId) {
        String last = null;
        while (true) {
            Step step;
            try {
                step = emr.describeStep(r -> r.clusterId(clusterId).stepId(stepId)).step();
            } catch (SdkException e) {
                throw errors.translate("DescribeStep " + stepId, e);
            }
            last = report("step " + stepId, last, step.status().stateAsString(), null);
            if (last.equals("COMPLETED")) {
                output(describeCluster(clusterId), stepId);
                return;
            }
            if (STEP_FAILED.contains(last)) {
                throw stepFailed(describeCluster(clusterId), stepId, step.name(), last, step.status().failureDetails());
            }
            pause();
        }
    }

    /** Until a transient cluster has ended; succeeds only if its load step completed. */
    void untilTransientEnds(String clusterId) {
        String last = null;
        Map<String, String> steps = new HashMap<>();
        while (true) {
            Cluster cluster = describeCluster(clusterId);
            last = report("cluster " + clusterId, last, cluster.status().stateAsString(), reason(cluster));
            List<StepSummary> listed = listSteps(clusterId);
            for (StepSummary step : listed) {
                steps.put(step.id(), report("step " + step.id(), steps.get(step.id()), step.status().stateAsString(), null));
            }
            if (last.equals("TERMINATED") || last.equals("TERMINATED_WITH_ERRORS")) {
                settle(cluster, listed);
                return;
            }
            pause();
        }
    }

    private void settle(Cluster cluster, List<StepSummary> steps) {
        StepSummary load = steps.stream().filter(s -> JobFlows.STEP_NAME.equals(s.name())).findFirst()
                .orElse(steps.isEmpty() ? null : steps.get(0));
        String stepState = load == null ? "none" : load.status().stateAsString();
        if (load != null && STEP_FAILED.contains(stepState) && load.status().failureDetails() != null) {
            throw stepFailed(cluster, load.id(), load.name(), stepState, load.status().failureDetails());
        }
        if (cluster.status().stateAsString().equals("TERMINATED_WITH_ERRORS")) {
            throw clusterEnded(cluster);
        }
        if (!"COMPLETED".equals(stepState)) {
            throw new LoanEtlException("cluster " + cluster.id() + " ended (" + reason(cluster) + ") but the load step is "
                    + stepState + "; logs: " + clusterLogs(cluster));
        }
        output(cluster, load.id());
    }

    private void output(Cluster cluster, String stepId) {
        if (cluster.logUri() != null) {
            progress.accept("its output (the load's report): " + stepLogs(cluster, stepId) + "stdout.gz");
        }
    }

    Cluster describeCluster(String clusterId) {
        try {
            return emr.describeCluster(r -> r.clusterId(clusterId)).cluster();
        } catch (SdkException e) {
            throw errors.translate("DescribeCluster " + clusterId, e);
        }
    }

    List<StepSummary> listSteps(String clusterId) {
        try {
            return emr.listSteps(r -> r.clusterId(clusterId)).steps();
        } catch (SdkException e) {
            throw errors.translate("ListSteps " + clusterId, e);
        }
    }

    private String report(String what, String last, String state, String reason) {
        if (!state.equals(last)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            progress.accept(String.format("[%02d:%02d] %s: %s%s", seconds / 60, seconds % 60, what, state,
                    reason == null ? "" : " (" + reason + ")"));
        }
        return state;
    }

    private void pause() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoanEtlException("stopped following; the cluster carries on (see loan-etl emr status)");
        }
    }

    static String reason(Cluster cluster) {
        ClusterStateChangeReason why = cluster.status().stateChangeReason();
        if (why == null || (why.codeAsString() == null && why.message() == null)) {
            return null;
        }
        return why.codeAsString() == null ? why.message() : why.codeAsString() + (why.message() == null ? "" : ": " + why.message());
    }

    static String failure(FailureDetails details) {
        if (details == null) {
            return null;
        }
        String text = details.reason() == null ? "" : details.reason();
        if (details.message() != null) {
            text += (text.isEmpty() ? "" : ": ") + details.message();
        }
        return EmrErrors.oneLine(text + (details.logFile() == null ? "" : "; log file: " + details.logFile()));
    }

    private LoanEtlException clusterEnded(Cluster cluster) {
        return new LoanEtlException(EmrErrors.oneLine("cluster " + cluster.id() + " " + cluster.status().stateAsString()
                + (reason(cluster) == null ? "" : ": " + reason(cluster)) + "; logs: " + clusterLogs(cluster)));
    }

    private LoanEtlException stepFailed(Cluster cluster, String stepId, String name, String state, FailureDetails details) {
        String why = failure(details);
        return new LoanEtlException(EmrErrors.oneLine("step " + stepId + " (" + name + ") on cluster " + cluster.id() + " "
                + state + (why == null ? "" : ": " + why) + "; step logs: " + stepLogs(cluster, stepId)
                + " (stderr.gz, stdout.gz; EMR copies them within about 5 minutes)"));
    }

    /** {@code <log-uri>/<cluster-id>/}, EMR's layout; {@code s3n://} as EMR reports it, shown as {@code s3://}. */
    static String clusterLogs(Cluster cluster) {
        if (cluster.logUri() == null) {
            return "none (the cluster has no log URI)";
        }
        return S3Uri.parse(cluster.logUri()).folder().resolve(cluster.id() + "/").toString();
    }

    static String stepLogs(Cluster cluster, String stepId) {
        return cluster.logUri() == null ? clusterLogs(cluster) : clusterLogs(cluster) + "steps/" + stepId + "/";
    }
}
