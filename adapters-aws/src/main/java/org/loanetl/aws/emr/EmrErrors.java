package org.loanetl.aws.emr;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Set;
import org.loanetl.domain.LoanEtlException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's exceptions (after its own retries) into one line for the user that names the call and says what to
 * do. Never quotes credentials: AWS's messages do not carry them, and none is added here.
 */
final class EmrErrors {

    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "RequestLimitExceeded",
            "TooManyRequestsException", "SlowDown");
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedOperation");
    private static final Set<String> UNKNOWN_KEY = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidAccessKeyId");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "InvalidToken",
            "TokenRefreshRequired");

    private final String where;

    /** {@code where}: what the client talks to, for "cannot reach" messages. */
    EmrErrors(String where) {
        this.where = where;
    }

    /** The user's line for a failed call: {@code RunJobFlow: EMR refused the request: ...}. */
    LoanEtlException translate(String call, SdkException e) {
        return new LoanEtlException(oneLine(call + ": " + describe(e)), e);
    }

    String describe(SdkException e) {
        return e instanceof AwsServiceException s ? service(s) : client(e);
    }

    private String service(AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? "" : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        if (THROTTLED.contains(code) || status == 429) {
            return "AWS is throttling the requests (" + code + ") and the SDK's retries ran out: wait a minute and retry";
        }
        if (UNKNOWN_KEY.contains(code)) {
            return "access denied: AWS does not know the access key id (check AWS_ACCESS_KEY_ID or AWS_PROFILE)";
        }
        if (code.equals("InvalidSignatureException") || code.equals("SignatureDoesNotMatch")) {
            return "access denied: the secret access key does not match the access key id";
        }
        if (EXPIRED.contains(code)) {
            return "access denied: the credentials have expired or the session token is invalid; refresh them";
        }
        if (DENIED.contains(code) || status == 403) {
            return "access denied (" + code + "): " + message;
        }
        if (e instanceof S3Exception && code.equals("NoSuchBucket")) {
            return "no such bucket";
        }
        if (code.equals("InvalidRequestException") || code.equals("ValidationException")) {
            return "EMR refused the request (" + code + "): " + message;
        }
        return "AWS error " + status + (code.isEmpty() ? "" : " " + code)
                + (status >= 500 ? " (after retries)" : ": " + message);
    }

    private String client(SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException && message.contains("Unable to load credentials")) {
            return "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or use SSO or"
                    + " an instance role";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException) {
            return "cannot reach " + where + ": unknown host " + root.getMessage();
        }
        if (root instanceof IOException) {
            return "cannot reach " + where + " (after retries): " + root.getMessage();
        }
        return message;
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
