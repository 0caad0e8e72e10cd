package org.loanetl.aws.emr;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.AutoTerminationPolicy;
import software.amazon.awssdk.services.emr.model.BootstrapActionConfig;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.MarketType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.Tag;

/** The requests EMR is sent: clusters ({@code RunJobFlow}) and the load step. */
final class JobFlows {

    static final String STEP_NAME = "loan-etl load";
    static final String MAIN_CLASS = "org.loanetl.app.Main";
    /**
     * What the step runs on the master node, through EMR's {@code command-runner.jar}: copies the job's config from S3
     * to a private temp file ({@code mktemp}: mode 600, removed on exit), then runs {@code spark-submit} in client
     * mode with the remaining arguments and {@code --config} that file. Client mode keeps the load's report in the
     * step's stdout; {@code --files} would not do, as client mode puts such files beside the executors, not the
     * driver. The S3 URI comes in as {@code $1}, never spliced into the script, so no quoting can go wrong.
     */
    static final String FETCH_CONFIG_AND_SUBMIT = "set -e; conf=$(mktemp); trap 'rm -f \"$conf\"' EXIT; "
            + "aws s3 cp --only-show-errors \"$1\" \"$conf\"; shift; spark-submit \"$@\" --config \"$conf\"";

    private JobFlows() {
    }

    /** A long-running cluster: stays up without steps, until terminated or idle for the idle timeout. */
    static RunJobFlowRequest longRunning(EmrSettings settings, String name) {
        return cluster(settings, name, true)
                .autoTerminationPolicy(AutoTerminationPolicy.builder()
                        .idleTimeout(settings.idleTimeout().toSeconds()).build())
                .build();
    }

    /** A transient cluster: runs the load step, then terminates itself (on failure too). */
    static RunJobFlowRequest transientRun(EmrSettings settings, String name, StagedJob job) {
        return cluster(settings, name, false).steps(loadStep(job, ActionOnFailure.TERMINATE_CLUSTER)).build();
    }

    /** The load as a step: {@code spark-submit} of the job jar, reading the staged config. */
    static StepConfig loadStep(StagedJob job, ActionOnFailure onFailure) {
        return StepConfig.builder().name(STEP_NAME).actionOnFailure(onFailure)
                .hadoopJarStep(HadoopJarStepConfig.builder().jar("command-runner.jar").args(stepArgs(job)).build())
                .build();
    }

    /** {@code bash -c SCRIPT loan-etl-load CONFIG_URI spark-submit-args...}: no secret, only S3 URIs. */
    static List<String> stepArgs(StagedJob job) {
        return List.of("bash", "-c", FETCH_CONFIG_AND_SUBMIT, "loan-etl-load", job.configUri(),
                "--deploy-mode", "client", "--class", MAIN_CLASS, job.jarUri(), "load", "--engine", "spark");
    }

    private static RunJobFlowRequest.Builder cluster(EmrSettings settings, String name, boolean keepAlive) {
        List<InstanceGroupConfig> groups = new ArrayList<>();
        groups.add(group("master", InstanceRoleType.MASTER, settings.masterInstanceType(), 1));
        if (settings.coreInstanceCount() > 0) {
            groups.add(group("core", InstanceRoleType.CORE, settings.coreInstanceType(), settings.coreInstanceCount()));
        }
        List<BootstrapActionConfig> bootstrap = new ArrayList<>();
        for (String path : settings.bootstrapActions()) {
            bootstrap.add(BootstrapActionConfig.builder().name("bootstrap " + (bootstrap.size() + 1) + ": " + fileName(path))
                    .scriptBootstrapAction(a -> a.path(path)).build());
        }
        return RunJobFlowRequest.builder()
                .name(name)
                .releaseLabel(settings.releaseLabel())
                .logUri(settings.logUri())
                .applications(Application.builder().name("Spark").build())
                .serviceRole(settings.serviceRole())
                .jobFlowRole(settings.jobFlowRole())
                .visibleToAllUsers(true)
                .customAmiId(settings.customAmiId())
                .bootstrapActions(bootstrap.isEmpty() ? null : bootstrap)
                .tags(settings.tags().isEmpty() ? null : settings.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())
                .instances(JobFlowInstancesConfig.builder()
                        .instanceGroups(groups)
                        .ec2SubnetId(settings.subnetId())
                        .ec2KeyName(settings.keyName())
                        .keepJobFlowAliveWhenNoSteps(keepAlive)
                        .terminationProtected(false)
                        .build());
    }

    private static InstanceGroupConfig group(String name, InstanceRoleType role, String type, int count) {
        return InstanceGroupConfig.builder().name(name).instanceRole(role).instanceType(type).instanceCount(count)
                .market(MarketType.ON_DEMAND).build();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
