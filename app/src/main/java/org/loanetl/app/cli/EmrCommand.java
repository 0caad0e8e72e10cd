package org.loanetl.app.cli;

import java.util.concurrent.Callable;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loan-etl emr}: runs the load on Amazon EMR (docs/emr.md). Only its subcommands do anything. */
@Command(name = "emr", mixinStandardHelpOptions = true,
        description = {"Runs the load on Amazon EMR: launch a cluster, submit the load as a Spark step, follow it,"
            + " terminate the cluster; or run it all on a transient cluster. See docs/emr.md."},
        subcommands = {EmrLaunchCommand.class, EmrSubmitCommand.class, EmrRunCommand.class, EmrStatusCommand.class,
            EmrTerminateCommand.class},
        footer = {"", "Progress goes to stderr; stdout has the cluster or step id, so scripts can take it.",
            "Exit codes: 0 done; 1 an AWS failure, a cluster that ended with errors or a failed step; 2 bad usage or configuration."})
final class EmrCommand implements Callable<Integer> {

    private final Context context;

    @Spec
    CommandSpec spec;

    EmrCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCode.USAGE;
    }

    /** The staging URI, which {@code submit} and {@code run} need. */
    static void requireStaging(Settings settings) {
        if (settings.text(ConfigKey.EMR_STAGING_URI) == null) {
            throw new ConfigException("config key emr.staging-uri (or LOANETL_EMR_STAGING_URI, --staging-uri): not set;"
                    + " name an s3://bucket/prefix/ where the cluster can read the job's jar and config");
        }
    }
}
