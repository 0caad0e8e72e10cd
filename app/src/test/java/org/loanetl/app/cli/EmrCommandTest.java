package org.loanetl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loanetl.aws.emr.testing.FakeEmr.CLUSTER_ID;
import static org.loanetl.aws.emr.testing.FakeEmr.STEP_ID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.app.testing.Cli;
import org.loanetl.app.testing.Cli.Run;
import org.loanetl.aws.emr.testing.FakeEmr;
import org.loanetl.aws.emr.testing.FakeEmr.Call;
import org.loanetl.aws.s3.testing.S3Server;

/**
 * {@code loan-etl emr ...} end to end in this JVM: the real SDK v2 EMR client against a fake EMR endpoint that checks
 * every call, the job's files uploaded to S3Proxy. No secret may appear in any output.
 */
class EmrCommandTest {

    /** The SDK's default chain reads these system properties, as it reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
    private static final String AWS_KEY_ID = "AKIDEMRCLITEST";
    private static final String AWS_SECRET = "AwsS3cret-emr-cli-never-printed-5e1";
    private static final String DB_PASSWORD = "pg-Passw0rd-never-in-argv-c4";
    private static final String BUCKET = "loan-staging";

    private static FakeEmr fake;
    private static S3Server s3;

    @TempDir
    Path dir;

    private final List<Run> runs = new ArrayList<>();

    @BeforeAll
    static void start() {
        System.setProperty("aws.accessKeyId", AWS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AWS_SECRET);
        fake = FakeEmr.start();
        s3 = S3Server.start();
        s3.createBucket(BUCKET);
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
    void noSecretInAnyOutputAndEveryCallInEmrsWireFormat() {
        for (Run run : runs) {
            assertThat(run.all()).doesNotContain(AWS_SECRET).doesNotContain(DB_PASSWORD).doesNotContain(S3Server.SECRET_KEY)
                    .doesNotContain("\tat ");
        }
        assertThat(fake.problems()).isEmpty();
        for (Call call : fake.calls()) {
            assertThat(call.body().toString()).doesNotContain(DB_PASSWORD).doesNotContain(S3Server.SECRET_KEY);
        }
    }

    private Run emr(String... args) {
        return emr(Map.of(), args);
    }

    private Run emr(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("emr"));
        all.addAll(List.of(args));
        all.addAll(List.of("--emr-endpoint", fake.endpoint().toString(), "--poll-interval", "5ms"));
        Run run = Cli.run(env, all.toArray(String[]::new));
        runs.add(run);
        return run;
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("loan-etl.yaml"), yaml);
    }

    private static final String EMR_SECTION = """
            emr:
              region: us-east-1
              release-label: emr-7.12.0
              master-instance-type: m5.2xlarge
              core-instance-type: r5.xlarge
              core-instance-count: 3
              subnet-id: subnet-0def
              key-name: data-eng
              service-role: LoanEmrService
              job-flow-role: LoanEmrNodes
              log-uri: s3://loan-logs/emr/
              staging-uri: s3://loan-staging/jobs/
              idle-timeout: 30m
              custom-ami-id: ami-0fedcba9876543210
              bootstrap-actions:
                - s3://loan-staging/bootstrap/certs.sh
              tags:
                team: data
                env: prod
            """;

    private Path jobConfig() throws IOException {
        return config("""
                source:
                  paths:
                    - s3://lendingclub-incoming/loans/
                  after: archive
                database:
                  jdbc-url: jdbc:postgresql://db.internal:5432/loans
                  user: loader
                spark:
                  executor.memory: 4g
                """ + EMR_SECTION);
    }

    private Path jar() throws IOException {
        return Files.write(dir.resolve("loan-etl-spark.jar"), new byte[12_345]);
    }

    /** Env with the DB password and the keys S3Proxy takes. */
    private static Map<String, String> jobEnv() {
        return Map.of("LOANETL_DB_PASSWORD", DB_PASSWORD, "LOANETL_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "LOANETL_S3_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
    }

    private String[] jobArgs(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--config", jobConfig().toString(), "--job-jar", jar().toString(),
                "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style"));
        return args.toArray(String[]::new);
    }

    @Test
    void launchPrintsTheClusterIdAndFollowsItToWaitingWithTheClusterOfTheConfigFileAndFlags() throws IOException {
        fake.answer("DescribeCluster", FakeEmr.cluster("STARTING", "", null), FakeEmr.cluster("BOOTSTRAPPING", "", null),
                FakeEmr.cluster("WAITING", "", "Cluster ready to run steps."));

        Run run = emr("launch", "nightly", "--config", config(EMR_SECTION).toString(), "--core-instance-count", "5",
                "--tag", "owner=ana", "--wait");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo(CLUSTER_ID + System.lineSeparator());
        assertThat(run.err()).contains("launching cluster nightly: emr-7.12.0, master 1 x m5.2xlarge, core 5 x r5.xlarge,"
                        + " idle timeout 30m, logs s3://loan-logs/emr/")
                .contains("cluster " + CLUSTER_ID + ": STARTING").contains("cluster " + CLUSTER_ID + ": BOOTSTRAPPING")
                .contains("cluster " + CLUSTER_ID + ": WAITING (Cluster ready to run steps.)")
                .contains("cluster " + CLUSTER_ID + " is ready: loan-etl emr submit --cluster " + CLUSTER_ID);
        assertThat(fake.operations()).containsExactly("RunJobFlow", "DescribeCluster", "DescribeCluster", "DescribeCluster");
        Call launch = fake.only("RunJobFlow");
        assertThat(launch.text("Name")).isEqualTo("nightly");
        assertThat(launch.text("ReleaseLabel")).isEqualTo("emr-7.12.0");
        assertThat(launch.text("Instances.InstanceGroups[0].InstanceType")).isEqualTo("m5.2xlarge");
        assertThat(launch.text("Instances.InstanceGroups[1].InstanceType")).isEqualTo("r5.xlarge");
        assertThat(launch.text("Instances.InstanceGroups[1].InstanceCount")).as("the flag over the file").isEqualTo("5");
        assertThat(launch.text("Instances.Ec2SubnetId")).isEqualTo("subnet-0def");
        assertThat(launch.text("Instances.Ec2KeyName")).isEqualTo("data-eng");
        assertThat(launch.text("Instances.KeepJobFlowAliveWhenNoSteps")).isEqualTo("true");
        assertThat(launch.text("ServiceRole")).isEqualTo("LoanEmrService");
        assertThat(launch.text("JobFlowRole")).isEqualTo("LoanEmrNodes");
        assertThat(launch.text("LogUri")).isEqualTo("s3://loan-logs/emr/");
        assertThat(launch.text("Applications[0].Name")).isEqualTo("Spark");
        assertThat(launch.text("AutoTerminationPolicy.IdleTimeout")).isEqualTo("1800");
        assertThat(launch.text("CustomAmiId")).isEqualTo("ami-0fedcba9876543210");
        assertThat(launch.text("BootstrapActions[0].ScriptBootstrapAction.Path")).isEqualTo("s3://loan-staging/bootstrap/certs.sh");
        assertThat(launch.at("Tags").asArray()).hasSize(1).as("the --tag flag replaces the file's tags");
        assertThat(launch.text("Tags[0].Key")).isEqualTo("owner");
    }

    @Test
    void launchTakesTheFilesTagsAsAMapAndDefaultsTheRest() throws IOException {
        Run run = emr("launch", "plain", "--config", config("emr:\n  tags:\n    team: data\n    env: prod\n").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        Call launch = fake.only("RunJobFlow");
        assertThat(launch.text("ReleaseLabel")).isEqualTo("emr-7.13.0");
        assertThat(launch.text("Instances.InstanceGroups[0].InstanceType")).isEqualTo("m5.xlarge");
        assertThat(launch.text("Instances.InstanceGroups[1].InstanceCount")).isEqualTo("2");
        assertThat(launch.text("ServiceRole")).isEqualTo("EMR_DefaultRole");
        assertThat(launch.text("JobFlowRole")).isEqualTo("EMR_EC2_DefaultRole");
        assertThat(launch.text("AutoTerminationPolicy.IdleTimeout")).isEqualTo("3600");
        assertThat(List.of(launch.text("Tags[0].Key") + "=" + launch.text("Tags[0].Value"),
                launch.text("Tags[1].Key") + "=" + launch.text("Tags[1].Value"))).containsExactly("env=prod", "team=data");
        assertThat(run.err()).contains("follow it with: loan-etl emr status " + CLUSTER_ID);
    }

    @Test
    void submitStagesTheJarAndAConfigTheAppReadsAndAddsTheSparkSubmitStepWithThePasswordOnlyInS3() throws IOException {
        fake.answer("DescribeStep", FakeEmr.step("PENDING"), FakeEmr.step("RUNNING"), FakeEmr.step("COMPLETED"));

        Run run = emr(jobEnv(), jobArgs("submit", "--cluster", CLUSTER_ID, "--wait"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo(STEP_ID + System.lineSeparator());
        List<String> keys = s3.keys(BUCKET);
        assertThat(keys).hasSize(2).allMatch(k -> k.matches("jobs/\\d{8}-\\d{6}-[0-9a-f]{4}/loan-etl(-spark\\.jar|\\.yaml)"));
        String jarKey = keys.stream().filter(k -> k.endsWith(".jar")).findFirst().orElseThrow();
        String configKey = keys.stream().filter(k -> k.endsWith(".yaml")).findFirst().orElseThrow();
        assertThat(s3.get(BUCKET, jarKey)).hasSize(12_345);

        Path staged = Files.write(dir.resolve("staged.yaml"), s3.get(BUCKET, configKey));
        String yaml = Files.readString(staged, StandardCharsets.UTF_8);
        assertThat(yaml).doesNotContain("emr:").doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.ACCESS_KEY);
        Settings onTheCluster = Settings.resolve(staged, Map.of(), Map.of());
        assertThat(onTheCluster.text(ConfigKey.DATABASE_PASSWORD)).as("from LOANETL_DB_PASSWORD").isEqualTo(DB_PASSWORD);
        assertThat(onTheCluster.text(ConfigKey.DATABASE_URL)).isEqualTo("jdbc:postgresql://db.internal:5432/loans");
        assertThat(onTheCluster.text(ConfigKey.DATABASE_USER)).isEqualTo("loader");
        assertThat(onTheCluster.list(ConfigKey.SOURCE_PATHS)).containsExactly("s3://lendingclub-incoming/loans/");
        assertThat(onTheCluster.text(ConfigKey.SOURCE_AFTER)).isEqualTo("archive");
        assertThat(onTheCluster.sparkConf()).containsEntry("spark.executor.memory", "4g");
        assertThat(onTheCluster.text(ConfigKey.SPARK_MASTER)).isNull();

        Call add = fake.only("AddJobFlowSteps");
        assertThat(add.text("JobFlowId")).isEqualTo(CLUSTER_ID);
        assertThat(add.text("Steps[0].Name")).isEqualTo("loan-etl load");
        assertThat(add.text("Steps[0].ActionOnFailure")).isEqualTo("CONTINUE");
        assertThat(add.text("Steps[0].HadoopJarStep.Jar")).isEqualTo("command-runner.jar");
        List<String> args = add.strings("Steps[0].HadoopJarStep.Args");
        assertThat(args.subList(0, 2)).containsExactly("bash", "-c");
        assertThat(args.get(2)).contains("aws s3 cp").contains("spark-submit \"$@\" --config \"$conf\"");
        assertThat(args.subList(3, args.size())).containsExactly("loan-etl-load", "s3://" + BUCKET + "/" + configKey,
                "--deploy-mode", "client", "--class", "org.loanetl.app.Main", "s3://" + BUCKET + "/" + jarKey,
                "load", "--engine", "spark");
        assertThat(fake.operations()).containsExactly("AddJobFlowSteps", "DescribeStep", "DescribeStep", "DescribeStep",
                "DescribeCluster");
        assertThat(run.err()).contains("uploaded s3://" + BUCKET + "/" + jarKey).contains("step " + STEP_ID + ": PENDING")
                .contains("step " + STEP_ID + ": RUNNING").contains("step " + STEP_ID + ": COMPLETED")
                .contains("s3://loan-logs/emr/" + CLUSTER_ID + "/steps/" + STEP_ID + "/stdout.gz");
    }

    @Test
    void submitWaitEndsWithTheStepsFailureDetailsAndItsLogsInOneLineAndExitCode1() throws IOException {
        String logFile = "s3://loan-logs/emr/" + CLUSTER_ID + "/steps/" + STEP_ID + "/stderr.gz";
        fake.answer("DescribeStep", FakeEmr.step("RUNNING"),
                FakeEmr.failedStep("Unknown Error.", "Exception in thread main: load failed", logFile));

        Run run = emr(jobEnv(), jobArgs("submit", "--cluster", CLUSTER_ID, "--wait"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        String last = run.err().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).isEqualTo("loan-etl: step " + STEP_ID + " (loan-etl load) on cluster " + CLUSTER_ID
                + " FAILED: Unknown Error.: Exception in thread main: load failed; log file: " + logFile
                + "; step logs: s3://loan-logs/emr/" + CLUSTER_ID + "/steps/" + STEP_ID
                + "/ (stderr.gz, stdout.gz; EMR copies them within about 5 minutes)");
    }

    @Test
    void runStagesThenLaunchesATransientClusterWithTheLoadStepAndFollowsItToTheEnd() throws IOException {
        fake.answer("DescribeCluster", FakeEmr.cluster("STARTING", "", null), FakeEmr.cluster("RUNNING", "", null),
                FakeEmr.cluster("TERMINATED", "ALL_STEPS_COMPLETED", "Steps completed"));
        fake.answer("ListSteps", FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "PENDING", null)),
                FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "RUNNING", null)),
                FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "COMPLETED", null)));

        Run run = emr(jobEnv(), jobArgs("run", "nightly-load", "--wait"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo(CLUSTER_ID + System.lineSeparator());
        Call launch = fake.only("RunJobFlow");
        assertThat(launch.text("Name")).isEqualTo("nightly-load");
        assertThat(launch.text("Instances.KeepJobFlowAliveWhenNoSteps")).isEqualTo("false");
        assertThat(launch.text("Steps[0].ActionOnFailure")).isEqualTo("TERMINATE_CLUSTER");
        assertThat(launch.text("Steps[0].HadoopJarStep.Jar")).isEqualTo("command-runner.jar");
        assertThat(launch.strings("Steps[0].HadoopJarStep.Args")).contains("load", "--engine", "spark")
                .anyMatch(a -> a.startsWith("s3://" + BUCKET + "/jobs/") && a.endsWith("/loan-etl.yaml"))
                .anyMatch(a -> a.startsWith("s3://" + BUCKET + "/jobs/") && a.endsWith("/loan-etl-spark.jar"));
        assertThat(s3.keys(BUCKET)).anyMatch(k -> k.endsWith("/loan-etl.yaml"));
        assertThat(run.err()).contains("step " + STEP_ID + ": RUNNING")
                .contains("cluster " + CLUSTER_ID + ": TERMINATED (ALL_STEPS_COMPLETED: Steps completed)");
    }

    @Test
    void runSaysWhyATransientClusterTerminatedWithErrors() throws IOException {
        fake.answer("DescribeCluster", FakeEmr.cluster("STARTING", "", null),
                FakeEmr.cluster("TERMINATED_WITH_ERRORS", "INSTANCE_FAILURE", "Instance type r5.xlarge is not available in us-east-1e."));
        fake.answer("ListSteps", FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "CANCELLED", null)));

        Run run = emr(jobEnv(), jobArgs("run", "nightly-load", "--wait"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).endsWith("loan-etl: cluster " + CLUSTER_ID + " TERMINATED_WITH_ERRORS: INSTANCE_FAILURE:"
                + " Instance type r5.xlarge is not available in us-east-1e.; logs: s3://loan-logs/emr/" + CLUSTER_ID + "/"
                + System.lineSeparator());
    }

    @Test
    void statusShowsTheClusterAndItsStepsAndTerminateEndsIt() {
        fake.answer("ListSteps", FakeEmr.steps(FakeEmr.stepJson(STEP_ID, "RUNNING", null)));

        Run status = emr("status", CLUSTER_ID);
        Run terminate = emr("terminate", CLUSTER_ID);

        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("cluster " + CLUSTER_ID + " (nightly): WAITING (Cluster ready to run steps.)")
                .contains("release emr-7.13.0, master ec2-1-2-3-4.compute-1.amazonaws.com, logs s3://loan-logs/emr/" + CLUSTER_ID + "/")
                .containsPattern(STEP_ID + "\\s+\\|?\\s*loan-etl load\\s+\\|?\\s*RUNNING");
        assertThat(terminate.exitCode()).as(terminate.all()).isZero();
        assertThat(terminate.out()).startsWith("cluster " + CLUSTER_ID + ": terminating");
        assertThat(fake.operations()).containsExactly("DescribeCluster", "ListSteps", "TerminateJobFlows");
        assertThat(fake.only("TerminateJobFlows").strings("JobFlowIds")).containsExactly(CLUSTER_ID);
    }

    @Test
    void saysInOneLineThatEmrRefusedTheRequest() throws IOException {
        fake.answer("RunJobFlow", FakeEmr.error(400, "InvalidRequestException", "The specified key pair data-eng does not exist."));

        Run run = emr("launch", "nightly", "--config", config(EMR_SECTION).toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err().lines()).containsExactly("launching cluster nightly: emr-7.12.0, master 1 x m5.2xlarge, core 3 x"
                        + " r5.xlarge, idle timeout 30m, logs s3://loan-logs/emr/",
                "loan-etl: RunJobFlow: EMR refused the request (InvalidRequestException): The specified key pair data-eng does not exist.");
    }

    @Test
    void saysInOneLineThatAccessWasDenied() {
        fake.answer("TerminateJobFlows", FakeEmr.error(400, "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: elasticmapreduce:TerminateJobFlows"));

        Run run = emr("terminate", CLUSTER_ID);

        assertOneLine(run, ExitCode.FAILURE, "loan-etl: TerminateJobFlows " + CLUSTER_ID + ": access denied (AccessDeniedException):"
                + " User: arn:aws:iam::123456789012:user/ci is not authorized to perform: elasticmapreduce:TerminateJobFlows");
    }

    @Test
    void saysInOneLineThatEmrKeptThrottling() {
        fake.answer("DescribeCluster", FakeEmr.error(400, "ThrottlingException", "Rate exceeded"));
        // the system property behind AWS_MAX_ATTEMPTS: two attempts keep the SDK's back-off short here
        System.setProperty("aws.maxAttempts", "2");
        Run run;
        try {
            run = emr("status", CLUSTER_ID);
        } finally {
            System.clearProperty("aws.maxAttempts");
        }

        assertOneLine(run, ExitCode.FAILURE, "loan-etl: DescribeCluster " + CLUSTER_ID + ": AWS is throttling the requests"
                + " (ThrottlingException) and the SDK's retries ran out: wait a minute and retry");
        assertThat(fake.calls("DescribeCluster")).as("retried by the SDK").hasSize(2);
    }

    @Test
    void refusesToSubmitWithoutAStagingUriNamingTheKey() throws IOException {
        Run run = emr(jobEnv(), "submit", "--cluster", CLUSTER_ID, "--config",
                config("source:\n  paths: [s3://b-in/loans/]\ndatabase:\n  jdbc-url: jdbc:postgresql://db/x\n").toString());

        assertOneLine(run, ExitCode.USAGE, "loan-etl: config key emr.staging-uri (or LOANETL_EMR_STAGING_URI, --staging-uri):"
                + " not set; name an s3://bucket/prefix/ where the cluster can read the job's jar and config");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void refusesALocalSourceTheClusterCannotRead() throws IOException {
        Run run = emr(jobEnv(), jobArgs("submit", "--cluster", CLUSTER_ID, "/data/lendingclub"));

        assertOneLine(run, ExitCode.USAGE, "loan-etl: option source.paths: /data/lendingclub: a local path, which the"
                + " cluster cannot read; name s3://bucket/prefix URIs");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void refusesToStageAJobForTheEmbeddedDatabase() throws IOException {
        Run run = emr(jobEnv(), "submit", "--cluster", CLUSTER_ID, "s3://b-in/loans/", "--staging-uri", "s3://loan-staging/x/",
                "--job-jar", jar().toString());

        assertOneLine(run, ExitCode.USAGE, "loan-etl: config key database.jdbc-url (or LOANETL_DB_URL, --db): not set; the"
                + " cluster cannot reach an embedded database: name a PostgreSQL it can reach");
    }

    @Test
    void namesTheKeyOfABadEmrSetting() throws IOException {
        Run badTimeout = emr("launch", "x", "--config", config("emr:\n  idle-timeout: soon\n").toString());
        Run tooShort = emr("launch", "x", "--idle-timeout", "10s");
        Run badTag = emr(Map.of("LOANETL_EMR_TAGS", "team"), "launch", "x");
        Run badStaging = emr("launch", "x", "--config", config("emr:\n  staging-uri: /tmp/jobs\n").toString());

        assertOneLine(badTimeout, ExitCode.USAGE, "loan-etl: config key emr.idle-timeout: not a duration such as 30s, 45m, 1h: \"soon\"");
        assertOneLine(tooShort, ExitCode.USAGE, "loan-etl: option --idle-timeout: not between 1 minute and 7 days (EMR's limits): \"10s\"");
        assertOneLine(badTag, ExitCode.USAGE, "loan-etl: environment variable LOANETL_EMR_TAGS: not key=value: \"team\"");
        assertOneLine(badStaging, ExitCode.USAGE, "loan-etl: config key emr.staging-uri: not an s3://bucket/prefix URI: \"/tmp/jobs\"");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void namesTheKeyOfAValueTheClustersSettingsWouldRefuse() throws IOException {
        Run blankRelease = emr("launch", "x", "--release-label", " ");
        Run blankRole = emr("launch", "x", "--config", config("emr:\n  job-flow-role: \"\"\n").toString());
        Run shortBucket = emr("launch", "x", "--bootstrap-action", "s3://x/boot.sh");
        Run badEndpoint = Cli.run("emr", "status", CLUSTER_ID, "--emr-endpoint", "http://127.0.0.1:9/a|b");
        Run badS3Endpoint = emr(Map.of("LOANETL_S3_ENDPOINT", "http://127.0.0.1:9/a|b"), "launch", "x");
        runs.add(badEndpoint);

        assertOneLine(blankRelease, ExitCode.USAGE, "loan-etl: option --release-label: empty; leave it out for the"
                + " default (emr-7.13.0)");
        assertOneLine(blankRole, ExitCode.USAGE, "loan-etl: config key emr.job-flow-role: empty; leave it out for the"
                + " default (EMR_EC2_DefaultRole)");
        assertOneLine(shortBucket, ExitCode.USAGE, "loan-etl: option --bootstrap-action: not an s3://bucket/prefix URI:"
                + " \"s3://x/boot.sh\"");
        assertOneLine(badEndpoint, ExitCode.USAGE, "loan-etl: option --emr-endpoint: not an http:// or https:// URL:"
                + " \"http://127.0.0.1:9/a|b\"");
        assertOneLine(badS3Endpoint, ExitCode.USAGE, "loan-etl: environment variable LOANETL_S3_ENDPOINT: not an http://"
                + " or https:// URL: \"http://127.0.0.1:9/a|b\"");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void theFlagWinsOverTheEnvironmentForTheEndpoint() {
        Run run = emr(Map.of("LOANETL_EMR_ENDPOINT", "http://127.0.0.1:9"), "status", CLUSTER_ID);

        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    private static void assertOneLine(Run run, int exitCode, String line) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(exitCode);
        assertThat(run.err()).isEqualTo(line + System.lineSeparator());
    }
}
