package org.loanetl.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loanetl.app.config.Settings;
import org.loanetl.app.wiring.EmrWiring;
import org.loanetl.aws.emr.EmrClusterLauncher;
import org.loanetl.aws.emr.StagedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loan-etl emr submit --cluster ID}: stages the job and adds the load as a step of a running cluster. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Puts loan-etl-spark.jar and the load's config under emr.staging-uri (S3), adds a step that"
            + " spark-submits the load (AddJobFlowSteps), and prints the step's id. The database password travels in"
            + " the staged config, never in the step's arguments."})
final class EmrSubmitCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--cluster", paramLabel = "ID", required = true, description = "The cluster (j-...).")
    String clusterId;

    @Option(names = "--wait", description = "Follow the step to COMPLETED or FAILED (then say where its logs are).")
    boolean await;

    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "s3://bucket/prefix URIs to load (default: source.paths from the config).")
    List<String> sources = new ArrayList<>();

    @Mixin
    EmrOptions emr;

    @Mixin
    EmrJobOptions job;

    EmrSubmitCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Settings settings = emr.settings(context.env(), job.flags(sources));
        EmrCommand.requireStaging(settings);
        Path jar = EmrWiring.jobJar(settings);
        byte[] config = EmrWiring.jobConfig(settings);
        try (EmrClusterLauncher launcher = EmrWiring.launcher(settings, context.err()::println)) {
            StagedJob staged = launcher.stage(jar, config);
            String stepId = launcher.submit(clusterId, staged);
            context.out().println(stepId);
            if (await) {
                launcher.awaitStep(clusterId, stepId);
            } else {
                context.err().println("follow it with: loan-etl emr status " + clusterId);
            }
        }
        return ExitCode.OK;
    }
}
