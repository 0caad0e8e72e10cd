package org.loanetl.app.cli;

import java.util.concurrent.Callable;
import org.loanetl.app.config.Settings;
import org.loanetl.app.wiring.EmrWiring;
import org.loanetl.aws.emr.EmrClusterLauncher;
import org.loanetl.aws.emr.EmrSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loan-etl emr launch NAME}: a long-running cluster with Spark, ended by terminate or by idling. */
@Command(name = "launch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Launches an EMR cluster with Spark (RunJobFlow) and prints its id. It stays up for steps until"
            + " terminated, or until idle for emr.idle-timeout (default 1h)."})
final class EmrLaunchCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "NAME", description = "The cluster's name.")
    String name;

    @Option(names = "--wait", description = "Follow the cluster until it is ready for steps (WAITING).")
    boolean await;

    @Mixin
    EmrOptions emr;

    @Mixin
    EmrClusterOptions cluster;

    EmrLaunchCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Settings settings = emr.settings(context.env(), cluster.flags());
        EmrSettings s = EmrWiring.emrSettings(settings);
        context.err().println("launching cluster " + name + ": " + describe(s));
        try (EmrClusterLauncher launcher = EmrWiring.launcher(settings, context.err()::println)) {
            String id = launcher.launch(name);
            context.out().println(id);
            if (await) {
                launcher.awaitReady(id);
                context.err().println("cluster " + id + " is ready: loan-etl emr submit --cluster " + id);
            } else {
                context.err().println("follow it with: loan-etl emr status " + id);
            }
        }
        return ExitCode.OK;
    }

    /** The cluster's shape, for the user: release, nodes, and when it ends itself. */
    static String describe(EmrSettings s) {
        return s.releaseLabel() + ", master 1 x " + s.masterInstanceType()
                + (s.coreInstanceCount() == 0 ? "" : ", core " + s.coreInstanceCount() + " x " + s.coreInstanceType())
                + ", idle timeout " + s.idleTimeout().toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                + (s.logUri() == null ? ", no logs kept" : ", logs " + s.logUri());
    }
}
