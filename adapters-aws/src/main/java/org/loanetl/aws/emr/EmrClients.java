package org.loanetl.aws.emr;

import java.time.Duration;
import org.loanetl.aws.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.EmrClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the EMR client and the S3 client the job's files are staged with. */
final class EmrClients {

    private EmrClients() {
    }

    /**
     * A synchronous client over the JDK's HTTP client (set explicitly: the SDK's default HTTP clients are kept off the
     * classpath), with the SDK's standard retries for throttling, 5xx and connection errors, and its default
     * credentials chain. Without an endpoint the SDK picks one itself, honouring {@code AWS_ENDPOINT_URL_EMR} and
     * {@code AWS_ENDPOINT_URL}.
     */
    static EmrClient emr(EmrSettings settings) {
        EmrClientBuilder builder = EmrClient.builder().httpClient(http())
                .region(region(settings.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    /**
     * The staging client: S3 as the {@code s3.*} settings reach it (their region, else the cluster's), explicit keys
     * when both are given, else the SDK's default chain.
     */
    static S3Client s3(S3Settings s3, EmrSettings emr) {
        S3ClientBuilder builder = S3Client.builder().httpClient(http())
                .region(region(s3.region() != null ? s3.region() : emr.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(credentials(s3));
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }

    /** The configured region, else the SDK's chain ({@code AWS_REGION}, profile, instance metadata), else us-east-1. */
    static Region region(String configured) {
        if (configured != null) {
            return Region.of(configured);
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60)).build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
