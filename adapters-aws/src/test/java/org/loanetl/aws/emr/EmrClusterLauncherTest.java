package org.loanetl.aws.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loanetl.aws.emr.testing.FakeEmr.CLUSTER_ID;
import static org.loanetl.aws.emr.testing.FakeEmr.STEP_ID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.aws.emr.testing.FakeEmr;
import org.loanetl.aws.emr.testing.FakeEmr.Call;
import org.loanetl.aws.s3.S3Settings;
import org.loanetl.aws.s3.testing.S3Server;
import org.loanetl.domain.LoanEtlException;

/** The EMR launcher: the real SDK v2 client against a fake EMR endpoint that checks every call, and S3Proxy. */
class EmrClusterLauncherTest {

    /** The SDK's default chain reads these system properties (as it reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). */
    static final String KEY_ID = "AKIDEMRTESTKEY";
    static final String SECRET = "EmrS3cret-never-printed-91b3";

    private static FakeEmr fake;
    private static S3Server s3;

    private final List<String> progress = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        System.setProperty("aws.accessKeyId", KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET);
        fake = FakeEmr.start();
        s3 = S3Server.start();
        s3.createBucket("loan-staging");
    }

    @AfterAll
    static void stop() {
        fake.close();
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void freshScript() {
        fake.reset();
    }

    @AfterEach
    void everyCallHadEmrsWireFormat() {
        assertThat(fake.problems()).isEmpty();
        assertThat(String.join("\n", progress)).doesNotContain(SECRET);
    }

    static EmrSettings settings(java.net.URI endpoint) {
        return new EmrSettings("eu-west-1", endpoint, "emr-7.13.0", "m5.xlarge", "r5.2xlarge", 3, "subnet-0abc",
                "loan-key", "EMR_DefaultRole", "EMR_EC2_DefaultRole", "s3://loan-logs/emr/",
                "s3://loan-staging/jobs", Duration.ofMinutes(45), "ami-0123456789abcdef0",
                List.of("s3://loan-staging/bootstrap/install-certs.sh"), Map.of("team", "data", "cost-centre", "42"),
                Duration.ofMillis(5));
    }

    private EmrClusterLauncher launcher() {
        return launcher(settings(fake.endpoint()));
    }

    private EmrClusterLauncher launcher(EmrSettings settings) {
        return new EmrClusterLauncher(settings, s3.settings(1000), progress::add);
    }

    @Test
    void launchesALongRunningSparkClusterWithEverySetting() {
        try (EmrClusterLauncher launcher = launcher()) {
            assertThat(launcher.launch("nightly")).isEqualTo(CLUSTER_ID);
        }

        Call run = fake.only("RunJobFlow");
        assertThat(run.text("Name")).isEqualTo("nightly");
        assertThat(run.text("ReleaseLabel")).isEqualTo("emr-7.13.0");
        assertThat(run.text("LogUri")).isEqualTo("s3://loan-logs/emr/");
        assertThat(run.text("ServiceRole")).isEqualTo("EMR_DefaultRole");
        assertThat(run.text("JobFlowRole")).isEqualTo("EMR_EC2_DefaultRole");
        assertThat(run.text("Applications[0].Name")).isEqualTo("Spark");
        assertThat(run.at("Applications").asArray()).hasSize(1);
        assertThat(run.text("VisibleToAllUsers")).isEqualTo("true");
        assertThat(run.text("CustomAmiId")).isEqualTo("ami-0123456789abcdef0");
        assertThat(run.text("AutoTerminationPolicy.IdleTimeout")).isEqualTo("2700");
        assertThat(run.text("Instances.InstanceGroups[0].Name")).isEqualTo("master");
        assertThat(run.text("Instances.InstanceGroups[0].InstanceRole")).isEqualTo("MASTER");
        assertThat(run.text("Instances.InstanceGroups[0].InstanceType")).isEqualTo("m5.xlarge");
        assertThat(run.text("Instances.InstanceGroups[0].InstanceCount")).isEqualTo("1");
        assertThat(run.text("Instances.InstanceGroups[0].Market")).isEqualTo("ON_DEMAND");
        assertThat(run.text("Instances.InstanceGroups[1].InstanceRole")).isEqualTo("CORE");
        assertThat(run.text("Instances.InstanceGroups[1].InstanceType")).isEqualTo("r5.2xlarge");
        assertThat(run.text("Instances.InstanceGroups[1].InstanceCount")).isEqualTo("3");
        assertThat(run.at("Instances.InstanceGroups").asArray()).hasSize(2);
        assertThat(run.text("Instances.Ec2SubnetId")).isEqualTo("subnet-0abc");
        assertThat(run.text("Instances.Ec2KeyName")).isEqualTo("loan-key");
        assertThat(run.text("Instances.KeepJobFlowAliveWhenNoSteps")).isEqualTo("true");
        assertThat(run.text("Instances.TerminationProtected")).isEqualTo("false");
        assertThat(run.text("Tags[0].Key")).isEqualTo("cost-centre");
        assertThat(run.text("Tags[0].Value")).isEqualTo("42");
        assertThat(run.text("Tags[1].Key")).isEqualTo("team");
        assertThat(run.text("Tags[1].Value")).isEqualTo("data");
        assertThat(run.text("BootstrapActions[0].Name")).isEqualTo("bootstrap 1: install-certs.sh");
        assertThat(run.text("BootstrapActions[0].ScriptBootstrapAction.Path"))
                .isEqualTo("s3://loan-staging/bootstrap/install-certs.sh");
        assertThat(run.at("Steps")).isNull();
        assertThat(run.at("Configurations")).as("EMR 7 runs Spark on Java 17 by default").isNull();
    }

    @Test
    void leavesOutWhatIsNotSetAndTheCoreGroupOfASingleNodeCluster() {
        EmrSettings minimal = new EmrSettings(null, fake.endpoint(), EmrSettings.DEFAULT_RELEASE_LABEL,
                EmrSettings.DEFAULT_INSTANCE_TYPE, EmrSettings.DEFAULT_INSTANCE_TYPE, 0, null, null,
                EmrSettings.DEFAULT_SERVICE_ROLE, EmrSettings.DEFAULT_JOB_FLOW_ROLE, null, null, Duration.ofHours(1),
                null, List.of(), Map.of(), Duration.ofMillis(5));
        try (EmrClusterLauncher launcher = launcher(minimal)) {
            launcher.launch("tiny");
        }

        Call run = fake.only("RunJobFlow");
        assertThat(run.at("Instances.InstanceGroups").asArray()).hasSize(1);
        assertThat(run.body().asObject().keySet()).doesNotContain("LogUri", "CustomAmiId", "BootstrapActions", "Tags");
        assertThat(run.at("Instances").asObject().keySet()).doesNotContain("Ec2SubnetId", "Ec2KeyName");
        assertThat(run.text("AutoTerminationPolicy.IdleTimeout")).isEqualTo("3600");
    }

    @Test
    void followsALaunchedClusterFromStartingThroughBootstrappingToWaiting() {
        fake.answer("DescribeCluster", FakeEmr.cluster("STARTING", "", null), FakeEmr.cluster("STARTING", "", null),
                FakeEmr.cluster("BOOTSTRAPPING", "", "Running bootstrap actions"),
                FakeEmr.cluster("WAITING", "", "Cluster ready to run steps."));

        ClusterOverview ready;
        try (EmrClusterLauncher launcher = launcher()) {
            ready = launcher.awaitReady(CLUSTER_ID);
        }

        assertThat(ready.state()).isEqualTo("WAITING");
        assertThat(fake.operations()).containsExactly("DescribeCluster", "DescribeCluster", "DescribeCluster", "DescribeCluster");
        assertThat(fake.calls("DescribeCluster")).allMatch(c -> CLUSTER_ID.equals(c.text("ClusterId")));
        assertThat(progress).hasSize(3);
        assertThat(progress.get(0)).endsWith("cluster " + CLUSTER_ID + ": STARTING");
        assertThat(progress.get(1)).endsWith("cluster " + CLUSTER_ID + ": BOOTSTRAPPING (Running bootstrap actions)");
        assertThat(progress.get(2)).endsWith("cluster " + CLUSTER_ID + ": WAITING (Cluster ready to run steps.)");
    }

    @Test
    void saysWhyAClusterTerminatedWithErrorsAndWhereItsLogsAre() {
        fake.answer("DescribeCluster", FakeEmr.cluster("STARTING", "", null),
                FakeEmr.cluster("TERMINATED_WITH_ERRORS", "VALIDATION_ERROR", "The subnet ID subnet-0abc does not exist."));

        try (EmrClusterLauncher launcher = launcher()) {
            assertThatThrownBy(() -> launcher.awaitReady(CLUSTER_ID)).isInstanceOf(LoanEtlException.class)
                    .hasMessage("cluster " + CLUSTER_ID + " TERMINATED_WITH_ERRORS: VALIDATION_ERROR: The subnet ID"
                            + " subnet-0abc does not exist.; logs: s3://loan-logs/emr/" + CLUSTER_ID + "/");
        }
    }

    @Test
    void stagesTheJarAndConfigInS3AndAddsASparkSubmitStepWithoutAnySecret() throws IOException {
        Path jar = Files.write(dir.resolve("loan-etl-spark.jar"), new byte[300_000]);
        byte[] config = "database:\n  password: pg-secret-xyz\n".getBytes(StandardCharsets.UTF_8);

        StagedJob job;
        try (EmrClusterLauncher launcher = launcher()) {
            job = launcher.stage(jar, config);
            assertThat(launcher.submit(CLUSTER_ID, job)).isEqualTo(STEP_ID);
        }

        assertThat(job.jarUri()).matches("s3://loan-staging/jobs/\\d{8}-\\d{6}-[0-9a-f]{4}/loan-etl-spark\\.jar");
        assertThat(job.configUri()).isEqualTo(job.jarUri().replace("loan-etl-spark.jar", "loan-etl.yaml"));
        String folder = job.jarUri().substring("s3://loan-staging/".length(), job.jarUri().lastIndexOf('/') + 1);
        assertThat(s3.keys("loan-staging")).containsExactly(folder + "loan-etl-spark.jar", folder + "loan-etl.yaml");
        assertThat(s3.get("loan-staging", folder + "loan-etl-spark.jar")).hasSize(300_000);
        assertThat(s3.get("loan-staging", folder + "loan-etl.yaml")).isEqualTo(config);
        assertThat(progress).containsExactly("uploaded " + job.jarUri() + " (0.3 MB)", "uploaded " + job.configUri());

        Call add = fake.only("AddJobFlowSteps");
        assertThat(add.text("JobFlowId")).isEqualTo(CLUSTER_ID);
        assertThat(add.at("Steps").asArray()).hasSize(1);
        assertThat(add.text("Steps[0].Name")).isEqualTo("loan-etl load");
        assertThat(add.text("Steps[0].ActionOnFailure")).isEqualTo("CONTINUE");
        assertThat(add.text("Steps[0].HadoopJarStep.Jar")).isEqualTo("command-runner.jar");
        assertThat(add.strings("Steps[0].HadoopJarStep.Args")).containsExactly("bash", "-c",
                JobFlows.FETCH_CONFIG_AND_SUBMIT, "loan-etl-load", job.configUri(), "--deploy-mode", "client",
                "--class", "org.loanetl.app.Main", job.jarUri(), "load", "--engine", "spark");
        assertThat(add.body().toString()).doesNotContain("pg-secret-xyz");
    }

    @Test
    void followsAStepFromPendingThroughRunningToCompleted() {
        fake.answer("DescribeStep", FakeEmr.step("PENDING"), FakeEmr.step("RUNNING"), FakeEmr.step("RUNNING"),
                FakeEmr.step("COMPLETED"));

        try (EmrClusterLauncher launcher = launcher()) {
            launcher.awaitStep(CLUSTER_ID, STEP_ID);
        }

        assertThat(fake.calls("DescribeStep")).hasSize(4)
                .allMatch(c -> CLUSTER_ID.equals(c.text("ClusterId")) && STEP_ID.equals(c.text("StepId")));
        assertThat(progress).hasSize(4);
        assertThat(progress.get(0)).endsWith("step " + STEP_ID + ": PENDING");
        assertThat(progress.get(1)).endsWith("step " + STEP_ID + ": RUNNING");
        assertThat(progress.get(2)).endsWith("step " + STEP_ID + ": COMPLETED");
        assertThat(progress.get(3)).isEqualTo("its output (the load's report): s3://loan-logs/emr/" + CLUSTER_ID
                + "/steps/" + STEP_ID + "/stdout.gz");
    }

    @Test
    void failsAStepWithItsFailureDetailsAndWhereItsLogsAre() {
        String logFile = "s3://loan-logs/emr/" + CLUSTER_ID + "/steps/" + STEP_ID + "/stderr.gz";
        fake.answer("DescribeStep", FakeEmr.step("RUNNING"),
                FakeEmr.failedStep("Unknown Error.", "Exception in thread main: exit code 1", logFile));

        try (EmrClusterLauncher launcher = launcher()) {
            assertThatThrownBy(() -> launcher.awaitStep(CLUSTER_ID, STEP_ID)).isInstanceOf(LoanEtlException.class)
                    .hasMessage("step " + STEP_ID + " (loan-etl load) on cluster " + CLUSTER_ID + " FAILED: Unknown Error.:"
                            + " Exception in thread main: exit code 1; log file: " + logFile + "; step logs: s3://loan-logs/emr/"
                            + CLUSTER_ID + "/steps/" + STEP_ID + "/ (stderr.gz, stdout.gz; EMR copies them within about 5 minutes)");
        }
    }

    @Test
    void runsATransientClusterWhoseLoadStepTerminatesItAndFollowsItToTheEnd() throws IOException {
        fake.answer("DescribeCluster", FakeEmr.cluster("STARTING", "", null), FakeEmr.cluster("RUNNING", "", "Running step"),
                FakeEmr.cluster("TERMINATING", "ALL_STEPS_COMPLETED", "Steps completed"),
                FakeEmr.cluster("TERMINATED", "ALL_STEPS_COMPLETED", "Steps completed"));
        fake.answer("ListSteps", FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "PENDING", null)),
                FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "RUNNING", null)),
                FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "COMPLETED", null)));
        StagedJob job = new StagedJob("s3://loan-staging/jobs/r1/loan-etl-spark.jar", "s3://loan-staging/jobs/r1/loan-etl.yaml");

        try (EmrClusterLauncher launcher = launcher()) {
            assertThat(launcher.runTransient("nightly-load", job)).isEqualTo(CLUSTER_ID);
            launcher.awaitTransient(CLUSTER_ID);
        }

        Call run = fake.only("RunJobFlow");
        assertThat(run.text("Name")).isEqualTo("nightly-load");
        assertThat(run.text("Instances.KeepJobFlowAliveWhenNoSteps")).isEqualTo("false");
        assertThat(run.at("AutoTerminationPolicy")).isNull();
        assertThat(run.text("Steps[0].Name")).isEqualTo("loan-etl load");
        assertThat(run.text("Steps[0].ActionOnFailure")).isEqualTo("TERMINATE_CLUSTER");
        assertThat(run.text("Steps[0].HadoopJarStep.Jar")).isEqualTo("command-runner.jar");
        assertThat(run.strings("Steps[0].HadoopJarStep.Args")).isEqualTo(JobFlows.stepArgs(job))
                .contains(job.jarUri(), job.configUri(), "spark");
        assertThat(progress).anyMatch(p -> p.endsWith("step " + STEP_ID + ": RUNNING"))
                .anyMatch(p -> p.endsWith("cluster " + CLUSTER_ID + ": TERMINATED (ALL_STEPS_COMPLETED: Steps completed)"))
                .last().asString().contains("steps/" + STEP_ID + "/stdout.gz");
    }

    @Test
    void failsATransientRunWithTheStepsFailureWhenItsClusterEndsWithErrors() {
        String logFile = "s3://loan-logs/emr/" + CLUSTER_ID + "/steps/" + STEP_ID + "/stderr.gz";
        fake.answer("DescribeCluster", FakeEmr.cluster("RUNNING", "", null),
                FakeEmr.cluster("TERMINATED_WITH_ERRORS", "STEP_FAILURE", "Shut down as step failed"));
        fake.answer("ListSteps", FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "RUNNING", null)),
                FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "FAILED", FakeEmr.failure("Unknown Error.", "exit code 1", logFile))));

        try (EmrClusterLauncher launcher = launcher()) {
            assertThatThrownBy(() -> launcher.awaitTransient(CLUSTER_ID))
                    .hasMessageStartingWith("step " + STEP_ID + " (loan-etl load) on cluster " + CLUSTER_ID
                            + " FAILED: Unknown Error.: exit code 1; log file: " + logFile);
        }
    }

    @Test
    void describesAClusterAndItsStepsAndTerminatesIt() {
        fake.answer("ListSteps", FakeEmr.steps(
                FakeEmr.stepJson("s-2", "FAILED", FakeEmr.failure("Unknown Error.", "exit code 1", "s3://l/stderr.gz")),
                FakeEmr.stepJson("s-1", "COMPLETED", null)));

        ClusterOverview status;
        try (EmrClusterLauncher launcher = launcher()) {
            status = launcher.status(CLUSTER_ID);
            launcher.terminate(CLUSTER_ID);
        }

        assertThat(status.state()).isEqualTo("WAITING");
        assertThat(status.name()).isEqualTo("nightly");
        assertThat(status.logUri()).isEqualTo("s3://loan-logs/emr/" + CLUSTER_ID + "/");
        assertThat(status.steps()).extracting(ClusterOverview.Step::id, ClusterOverview.Step::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-2", "FAILED"), org.assertj.core.groups.Tuple.tuple("s-1", "COMPLETED"));
        assertThat(status.steps().get(0).failure()).isEqualTo("Unknown Error.: exit code 1; log file: s3://l/stderr.gz");
        assertThat(fake.operations()).containsExactly("DescribeCluster", "ListSteps", "TerminateJobFlows");
        assertThat(fake.only("ListSteps").text("ClusterId")).isEqualTo(CLUSTER_ID);
        assertThat(fake.only("TerminateJobFlows").strings("JobFlowIds")).containsExactly(CLUSTER_ID);
    }

    @Test
    void saysInOneLineThatEmrRefusedAnInvalidRequest() {
        fake.answer("RunJobFlow", FakeEmr.error(400, "InvalidRequestException", "Instance type m5.bogus is not supported."));

        try (EmrClusterLauncher launcher = launcher()) {
            assertThatThrownBy(() -> launcher.launch("nightly")).isInstanceOf(LoanEtlException.class)
                    .hasMessage("RunJobFlow: EMR refused the request (InvalidRequestException): Instance type m5.bogus is not supported.");
        }
        assertThat(fake.calls("RunJobFlow")).as("a 400 is not retried").hasSize(1);
    }

    @Test
    void saysInOneLineThatAccessWasDenied() {
        String denied = "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: elasticmapreduce:AddJobFlowSteps";
        fake.answer("AddJobFlowSteps", FakeEmr.error(400, "AccessDeniedException", denied));

        try (EmrClusterLauncher launcher = launcher()) {
            assertThatThrownBy(() -> launcher.submit(CLUSTER_ID, new StagedJob("s3://b/j.jar", "s3://b/c.yaml")))
                    .hasMessage("AddJobFlowSteps " + CLUSTER_ID + ": access denied (AccessDeniedException): " + denied);
        }
    }

    @Test
    void saysInOneLineThatEmrKeptThrottlingAfterTheSdksRetries() {
        fake.answer("DescribeCluster", FakeEmr.error(400, "ThrottlingException", "Rate exceeded"));

        try (EmrClusterLauncher launcher = launcher()) {
            assertThatThrownBy(() -> launcher.status(CLUSTER_ID))
                    .hasMessage("DescribeCluster " + CLUSTER_ID + ": AWS is throttling the requests (ThrottlingException)"
                            + " and the SDK's retries ran out: wait a minute and retry");
        }
        assertThat(fake.calls("DescribeCluster")).as("retried by the SDK").hasSizeGreaterThan(1);
    }

    @Test
    void usesTheSdksStandardEndpointSettingWhenNoEndpointIsGiven() {
        // the system property behind AWS_ENDPOINT_URL_EMR: the SDK reads both the same way
        System.setProperty("aws.endpointUrlEmr", fake.endpoint().toString());
        try (EmrClusterLauncher launcher = launcher(settings(null))) {
            assertThat(launcher.status(CLUSTER_ID).id()).isEqualTo(CLUSTER_ID);
        } finally {
            System.clearProperty("aws.endpointUrlEmr");
        }
        assertThat(fake.operations()).containsExactly("DescribeCluster", "ListSteps");
    }
}
