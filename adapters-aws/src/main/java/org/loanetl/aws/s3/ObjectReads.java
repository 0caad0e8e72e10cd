package org.loanetl.aws.s3;

import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** GetObject, always pinned to the listed version with {@code If-Match}: a rewritten object fails, never mixes. */
final class ObjectReads {

    private final S3Client s3;
    private final S3Errors errors;

    ObjectReads(S3Client s3, S3Errors errors) {
        this.s3 = s3;
        this.errors = errors;
    }

    /** The object's bytes from {@code from} to its end, streamed. */
    InputStream open(S3Location object, ObjectVersion version, long from) {
        GetObjectRequest.Builder request = request(object, version);
        if (from > 0) {
            request.range("bytes=" + from + "-");
        }
        try {
            ResponseInputStream<GetObjectResponse> response = s3.getObject(request.build());
            Long length = response.response().contentLength();
            return new ObjectStream(response, object, length == null ? version.size() - from : length);
        } catch (SdkException e) {
            throw errors.translate(object, e);
        }
    }

    /** The object's bytes {@code from} (inclusive) to {@code to} (exclusive), streamed: one chunk of a large file. */
    InputStream open(S3Location object, ObjectVersion version, long from, long to) {
        if (to <= from) {
            return InputStream.nullInputStream();
        }
        GetObjectRequest request = request(object, version).range("bytes=" + from + "-" + (to - 1)).build();
        try {
            ResponseInputStream<GetObjectResponse> response = s3.getObject(request);
            Long length = response.response().contentLength();
            return new ObjectStream(response, object, length == null ? to - from : length);
        } catch (SdkException e) {
            throw errors.translate(object, e);
        }
    }

    /** {@code length} bytes from {@code offset}, in memory (for a zip's directory: small). */
    byte[] range(S3Location object, ObjectVersion version, long offset, int length) {
        GetObjectRequest request = request(object, version).range("bytes=" + offset + "-" + (offset + length - 1)).build();
        try {
            return s3.getObject(request, ResponseTransformer.toBytes()).asByteArray();
        } catch (SdkException e) {
            throw errors.translate(object, e);
        }
    }

    private static GetObjectRequest.Builder request(S3Location object, ObjectVersion version) {
        return GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).ifMatch(version.ifMatch());
    }
}
