package org.loanetl.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.loanetl.app.wiring.EmrWiring;
import org.loanetl.aws.emr.EmrClusterLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code loan-etl emr terminate ID}: ends a cluster. */
@Command(name = "terminate", mixinStandardHelpOptions = true,
        description = "Terminates a cluster (TerminateJobFlows); a step still running is cut off.")
final class EmrTerminateCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "ID", description = "The cluster (j-...).")
    String clusterId;

    @Mixin
    EmrOptions emr;

    EmrTerminateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (EmrClusterLauncher launcher = EmrWiring.launcher(emr.settings(context.env(), Map.of()), context.err()::println)) {
            launcher.terminate(clusterId);
        }
        context.out().println("cluster " + clusterId + ": terminating; billing stops once it is TERMINATED"
                + " (loan-etl emr status " + clusterId + ")");
        return ExitCode.OK;
    }
}
