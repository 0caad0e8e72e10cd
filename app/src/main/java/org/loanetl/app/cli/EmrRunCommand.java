package org.loanetl.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.app.wiring.EmrWiring;
import org.loanetl.aws.emr.EmrClusterLauncher;
import org.loanetl.aws.emr.StagedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loan-etl emr run NAME}: a transient cluster that runs the load step and terminates itself. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stages the job, then launches a transient cluster (RunJobFlow with the load step) that"
            + " terminates itself once the step ends, failed or not. Prints the cluster's id."})
final class EmrRunCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
    String name;

    @Parameters(index = "1..*", paramLabel = "SOURCE", arity = "0..*",
            description = "s3://bucket/prefix URIs to load (default: source.paths from the config).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--wait", description = "Follow the cluster and its step to the end.")
    boolean await;

    @Mixin
    EmrOptions emr;

    @Mixin
    EmrClusterOptions cluster;

    @Mixin
    EmrJobOptions job;

    EmrRunCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<ConfigKey, Object> flags = cluster.flags();
        flags.putAll(job.flags(sources));
        Settings settings = emr.settings(context.env(), flags);
        EmrCommand.requireStaging(settings);
        Path jar = EmrWiring.jobJar(settings);
        byte[] config = EmrWiring.jobConfig(settings);
        context.err().println("running the load on a transient cluster " + name + ": "
                + EmrLaunchCommand.describe(EmrWiring.emrSettings(settings)).replaceAll(", idle timeout [^,]*", ""));
        try (EmrClusterLauncher launcher = EmrWiring.launcher(settings, context.err()::println)) {
            StagedJob staged = launcher.stage(jar, config);
            String id = launcher.runTransient(name, staged);
            context.out().println(id);
            if (await) {
                launcher.awaitTransient(id);
            } else {
                context.err().println("follow it with: loan-etl emr status " + id);
            }
        }
        return ExitCode.OK;
    }
}
