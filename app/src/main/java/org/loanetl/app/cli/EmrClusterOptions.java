package org.loanetl.app.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.loanetl.app.config.ConfigKey;
import picocli.CommandLine.Option;

/** What cluster to launch ({@code emr launch}, {@code emr run}); each option overrides its {@code emr.*} key. */
final class EmrClusterOptions {

    @Option(names = "--release-label", paramLabel = "LABEL", description = "EMR release (default emr-7.13.0: Spark 3.5.6, Java 17).")
    String releaseLabel;

    @Option(names = "--master-instance-type", paramLabel = "TYPE", description = "Master node's EC2 type (default m5.xlarge).")
    String masterType;

    @Option(names = "--core-instance-type", paramLabel = "TYPE", description = "Core nodes' EC2 type (default m5.xlarge).")
    String coreType;

    @Option(names = "--core-instance-count", paramLabel = "N", description = "Core nodes (default 2; 0: master only).")
    String coreCount;

    @Option(names = "--subnet-id", paramLabel = "ID", description = "VPC subnet (default: the default VPC's).")
    String subnetId;

    @Option(names = "--key-name", paramLabel = "NAME", description = "EC2 key pair for SSH to the master node.")
    String keyName;

    @Option(names = "--service-role", paramLabel = "ROLE", description = "EMR's service role (default EMR_DefaultRole).")
    String serviceRole;

    @Option(names = "--job-flow-role", paramLabel = "PROFILE", description = "The nodes' instance profile (default EMR_EC2_DefaultRole).")
    String jobFlowRole;

    @Option(names = "--log-uri", paramLabel = "S3_URI", description = "Where EMR copies logs (default: <staging-uri>/logs/).")
    String logUri;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", description = "A launched cluster ends itself after this long idle (default 1h).")
    String idleTimeout;

    @Option(names = "--custom-ami-id", paramLabel = "AMI", description = "A custom Amazon Linux AMI.")
    String customAmiId;

    @Option(names = "--bootstrap-action", paramLabel = "S3_URI", description = "A script every node runs at start-up. Repeatable.")
    List<String> bootstrapActions = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag of the cluster. Repeatable.")
    List<String> tags = new ArrayList<>();

    Map<ConfigKey, Object> flags() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.EMR_RELEASE_LABEL, releaseLabel);
        flags.put(ConfigKey.EMR_MASTER_INSTANCE_TYPE, masterType);
        flags.put(ConfigKey.EMR_CORE_INSTANCE_TYPE, coreType);
        flags.put(ConfigKey.EMR_CORE_INSTANCE_COUNT, coreCount);
        flags.put(ConfigKey.EMR_SUBNET_ID, subnetId);
        flags.put(ConfigKey.EMR_KEY_NAME, keyName);
        flags.put(ConfigKey.EMR_SERVICE_ROLE, serviceRole);
        flags.put(ConfigKey.EMR_JOB_FLOW_ROLE, jobFlowRole);
        flags.put(ConfigKey.EMR_LOG_URI, logUri);
        flags.put(ConfigKey.EMR_IDLE_TIMEOUT, idleTimeout);
        flags.put(ConfigKey.EMR_CUSTOM_AMI_ID, customAmiId);
        flags.put(ConfigKey.EMR_BOOTSTRAP_ACTIONS, bootstrapActions);
        flags.put(ConfigKey.EMR_TAGS, tags);
        return flags;
    }
}
