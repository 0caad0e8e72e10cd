package org.loanetl.aws.emr;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to reach EMR and what cluster to ask for. Given by {@code app}; the adapter never reads the environment itself,
 * though the SDK does where a value is left {@code null} (its default chains: {@code AWS_REGION}, profiles, instance
 * roles, {@code AWS_ENDPOINT_URL_EMR} / {@code AWS_ENDPOINT_URL}). Holds no secret.
 *
 * @param region             the cluster's region, e.g. {@code eu-west-1}; {@code null} for the SDK's region chain,
 *                           and {@code us-east-1} when that finds none
 * @param endpoint           another EMR endpoint (tests); {@code null} for AWS, or for the endpoint the SDK reads from
 *                           {@code AWS_ENDPOINT_URL_EMR} / {@code AWS_ENDPOINT_URL}
 * @param releaseLabel       the EMR release, e.g. {@code emr-7.13.0} (Spark 3.5.6 on Java 17)
 * @param masterInstanceType EC2 instance type of the one master (primary) node
 * @param coreInstanceType   EC2 instance type of the core nodes
 * @param coreInstanceCount  core nodes; 0 for a single-node cluster
 * @param subnetId           the VPC subnet ({@code Ec2SubnetId}), or {@code null} for the account's default VPC
 * @param keyName            EC2 key pair for SSH to the master ({@code Ec2KeyName}), or {@code null} for none
 * @param serviceRole        IAM role EMR itself acts as ({@code EMR_DefaultRole})
 * @param jobFlowRole        instance profile of the nodes ({@code EMR_EC2_DefaultRole}): what the job may read
 * @param logUri             {@code s3://} folder EMR copies logs to; {@code null} for {@code <staging-uri>/logs/}
 *                           when a staging URI is set, else no logs are kept
 * @param stagingUri         {@code s3://bucket/prefix/} where the job jar and config are put; needed to submit
 * @param idleTimeout        a launched cluster terminates itself after this long without work (1 minute to 7 days)
 * @param customAmiId        an Amazon Linux AMI of your own, or {@code null}
 * @param bootstrapActions   {@code s3://} scripts each node runs before applications start, in order
 * @param tags               tags of the cluster (and its EC2 instances)
 * @param pollInterval       how often {@code --wait} asks EMR for news
 */
public record EmrSettings(String region, URI endpoint, String releaseLabel, String masterInstanceType,
                          String coreInstanceType, int coreInstanceCount, String subnetId, String keyName,
                          String serviceRole, String jobFlowRole, String logUri, String stagingUri,
                          Duration idleTimeout, String customAmiId, List<String> bootstrapActions,
                          Map<String, String> tags, Duration pollInterval) {

    /** EMR 7.13.0: Spark 3.5.6, Java 17 by default (EMR 7.x runs Spark on Java 17 unless told otherwise). */
    public static final String DEFAULT_RELEASE_LABEL = "emr-7.13.0";
    public static final String DEFAULT_INSTANCE_TYPE = "m5.xlarge";
    public static final String DEFAULT_SERVICE_ROLE = "EMR_DefaultRole";
    public static final String DEFAULT_JOB_FLOW_ROLE = "EMR_EC2_DefaultRole";
    /** EMR's limits for the idle auto-termination timeout. */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(7);

    public EmrSettings {
        require(releaseLabel, "releaseLabel");
        require(masterInstanceType, "masterInstanceType");
        require(coreInstanceType, "coreInstanceType");
        require(serviceRole, "serviceRole");
        require(jobFlowRole, "jobFlowRole");
        if (coreInstanceCount < 0) {
            throw new IllegalArgumentException("coreInstanceCount must be >= 0, was " + coreInstanceCount);
        }
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0 || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("idleTimeout must be 1 minute to 7 days, was " + idleTimeout);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        if (stagingUri != null) {
            stagingUri = S3Uri.parse(stagingUri).folder().toString();
        }
        if (logUri == null && stagingUri != null) {
            logUri = stagingUri + "logs/";
        }
        if (logUri != null) {
            S3Uri.parse(logUri);
        }
        bootstrapActions.forEach(S3Uri::parse);
        bootstrapActions = List.copyOf(bootstrapActions);
        tags = Map.copyOf(tags);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }
}
