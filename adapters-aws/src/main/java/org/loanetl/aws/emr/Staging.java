package org.loanetl.aws.emr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Puts the job's files under {@code <staging-uri>/<run>/}, one folder per submission, so a config staged for one run
 * is never replaced under another: {@code loan-etl-spark.jar} streamed from its file, and {@code loan-etl.yaml}.
 */
final class Staging {

    static final String JAR_NAME = "loan-etl-spark.jar";
    static final String CONFIG_NAME = "loan-etl.yaml";
    private static final DateTimeFormatter RUN = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final EmrErrors errors;
    private final Clock clock;

    Staging(S3Client s3, EmrErrors errors, Clock clock) {
        this.s3 = s3;
        this.errors = errors;
        this.clock = clock;
    }

    /** Uploads the jar and the config (never printed: it may hold the database password). */
    StagedJob upload(S3Uri staging, Path jar, byte[] config, Consumer<String> progress) {
        String run = RUN.format(clock.instant()) + "-" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        S3Uri folder = staging.resolve(run + "/");
        S3Uri jarAt = folder.resolve(JAR_NAME);
        S3Uri configAt = folder.resolve(CONFIG_NAME);
        put(jarAt, RequestBody.fromFile(jar), "application/java-archive");
        progress.accept("uploaded " + jarAt + " (" + megabytes(jar) + ")");
        put(configAt, RequestBody.fromBytes(config), "application/yaml");
        progress.accept("uploaded " + configAt);
        return new StagedJob(jarAt.toString(), configAt.toString());
    }

    private void put(S3Uri at, RequestBody body, String contentType) {
        try {
            // SSE-S3 asked for explicitly: the config may carry the database password
            s3.putObject(r -> r.bucket(at.bucket()).key(at.key()).contentType(contentType)
                    .serverSideEncryption(ServerSideEncryption.AES256), body);
        } catch (SdkException e) {
            throw errors.translate("PutObject " + at, e);
        }
    }

    private static String megabytes(Path file) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1e6);
        } catch (java.io.IOException e) {
            return "? MB";
        }
    }
}
