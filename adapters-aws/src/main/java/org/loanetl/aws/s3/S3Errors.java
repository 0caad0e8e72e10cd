package org.loanetl.aws.s3;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.TransientSourceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's exceptions (after its own retries) into one line for the user that names the bucket and key and
 * says what to do. Never quotes credentials: S3's messages do not carry them, and none is added here.
 */
final class S3Errors {

    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "TokenRefreshRequired", "ExpiredTokenException");
    private static final Set<String> WRONG_REGION = Set.of("PermanentRedirect", "AuthorizationHeaderMalformed",
            "IllegalLocationConstraintException");

    private final String region;
    private final String endpoint;

    S3Errors(String region, String endpoint) {
        this.region = region;
        this.endpoint = endpoint;
    }

    /** The user's line for a failed call about {@code where}. */
    SourceException translate(S3Location where, SdkException e) {
        String message = where + ": " + describe(e);
        return passes(e) ? new TransientSourceException(message, e) : new SourceException(message, e);
    }

    /**
     * Whether the failure passes, so that the load may try the file again a little later, after the SDK's own
     * retries ran out: S3 throttling ({@code SlowDown}, 429, 503) and its other 5xx answers, and a connection that
     * could not be made, was cut or timed out. A wrong key, a missing bucket or object, a refused permission do not.
     */
    static boolean passes(SdkException e) {
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return s.statusCode() >= 500 || s.statusCode() == 429 || "SlowDown".equals(code)
                    || "Throttling".equals(code) || "RequestTimeout".equals(code);
        }
        if (!(e instanceof SdkClientException) || String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return false;
            }
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    String describe(SdkException e) {
        return e instanceof S3Exception s ? service(s) : client(e);
    }

    private String service(S3Exception e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        if (code.equals("NoSuchBucket")) {
            return "no such bucket";
        }
        if (code.equals("PreconditionFailed") || status == 412) {
            return "changed since it was listed (its ETag differs); left in place: rerun to load the new version";
        }
        if (code.equals("NoSuchKey") || status == 404) {
            return "no such key (deleted since it was listed?)";
        }
        if (code.equals("InvalidAccessKeyId")) {
            return "access denied: S3 does not know the access key id (check AWS_ACCESS_KEY_ID or s3.access-key-id)";
        }
        if (code.equals("SignatureDoesNotMatch")) {
            return "access denied: the secret access key does not match the access key id";
        }
        if (EXPIRED.contains(code) || code.equals("InvalidToken")) {
            return "access denied: the credentials have expired or the session token is invalid; refresh them";
        }
        if (code.equals("RequestTimeTooSkewed")) {
            return "access denied: this machine's clock differs from S3's by more than 15 minutes";
        }
        if (WRONG_REGION.contains(code) || status == 301) {
            String actual = e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
            return "the bucket is in another region" + (actual == null ? "" : " (" + actual + ")") + " than " + region
                    + ": set s3.region or AWS_REGION" + (actual == null ? "" : " to " + actual);
        }
        if (code.equals("AccessDenied") || status == 403) {
            return "access denied (the credentials lack permission, or a bucket policy refuses them)";
        }
        if (code.equals("InvalidObjectState")) {
            return "archived in a cold storage class: restore it first";
        }
        return "S3 error " + status + (code.isEmpty() ? "" : " " + code)
                + (status >= 500 ? " (after retries)" : ": " + e.awsErrorDetails().errorMessage());
    }

    private String client(SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException && message.contains("Unable to load credentials")) {
            return "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or"
                    + " s3.access-key-id and s3.secret-access-key";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // a user and password before the host never reach a message (the configuration refuses them, too)
        String at = endpoint == null ? "S3 (region " + region + ")" : endpoint.replaceAll("//[^/@\\s]*@", "//***@");
        if (root instanceof UnknownHostException) {
            return "cannot reach " + at + ": unknown host " + root.getMessage();
        }
        if (root instanceof ConnectException || root instanceof SocketTimeoutException
                || root instanceof java.io.IOException) {
            return "cannot reach " + at + " (after retries): " + root.getMessage();
        }
        return message;
    }
}
