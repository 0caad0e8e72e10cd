package org.loanetl.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.TransientSourceException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which S3 failures pass (the load tries the file again later) and which are the user's to fix (never retried). */
class S3ErrorsTest {

    private final S3Errors errors = new S3Errors("us-east-1", null);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(service(503, "SlowDown"), true),
                Arguments.of(service(500, "InternalError"), true),
                Arguments.of(service(429, "TooManyRequests"), true),
                Arguments.of(service(400, "RequestTimeout"), true),
                Arguments.of(SdkClientException.builder().message("Unable to execute HTTP request: Read timed out")
                        .cause(new SocketTimeoutException("Read timed out")).build(), true),
                Arguments.of(service(403, "AccessDenied"), false),
                Arguments.of(service(404, "NoSuchBucket"), false),
                Arguments.of(service(403, "SignatureDoesNotMatch"), false),
                Arguments.of(SdkClientException.builder().message("Unable to execute HTTP request: nowhere")
                        .cause(new UnknownHostException("nowhere.invalid")).build(), false),
                Arguments.of(SdkClientException.builder().message("Unable to load credentials from any provider")
                        .build(), false));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void triesAgainOnlyWhatPasses(SdkException failure, boolean passes) {
        SourceException translated = errors.translate(S3Location.of("loans", "2011.csv"), failure);

        assertThat(translated instanceof TransientSourceException).as(translated.getMessage()).isEqualTo(passes);
        assertThat(translated.getMessage()).startsWith("s3://loans/2011.csv: ");
    }

    private static S3Exception service(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
