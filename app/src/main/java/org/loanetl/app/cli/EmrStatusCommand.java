package org.loanetl.app.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loanetl.app.report.Table;
import org.loanetl.app.wiring.EmrWiring;
import org.loanetl.aws.emr.ClusterOverview;
import org.loanetl.aws.emr.EmrClusterLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code loan-etl emr status ID}: the cluster's state and its steps. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a cluster's state (DescribeCluster) and its steps, newest first (ListSteps).")
final class EmrStatusCommand implements Callable<Integer> {

    private static final String[] HEADINGS = {"step", "name", "state", "failure"};

    private final Context context;

    @Parameters(paramLabel = "ID", description = "The cluster (j-...).")
    String clusterId;

    @Mixin
    EmrOptions emr;

    EmrStatusCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ClusterOverview cluster;
        try (EmrClusterLauncher launcher = EmrWiring.launcher(emr.settings(context.env(), Map.of()), context.err()::println)) {
            cluster = launcher.status(clusterId);
        }
        var out = context.out();
        out.println("cluster " + cluster.id() + " (" + cluster.name() + "): " + cluster.state()
                + (cluster.reason() == null ? "" : " (" + cluster.reason() + ")"));
        out.println("release " + cluster.releaseLabel() + (cluster.masterDns() == null ? "" : ", master " + cluster.masterDns())
                + ", logs " + (cluster.logUri() == null ? "none" : cluster.logUri()));
        List<String[]> rows = cluster.steps().stream()
                .map(s -> new String[] {s.id(), s.name(), s.state(), s.failure() == null ? "" : s.failure()}).toList();
        if (rows.isEmpty()) {
            out.println("no steps");
        } else {
            Table.print(HEADINGS, rows, out);
        }
        return ExitCode.OK;
    }
}
