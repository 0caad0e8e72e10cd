package org.loanetl.aws.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loanetl.domain.source.ArchiveNames;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Archives (copy, then delete) or deletes an object whose load committed, only if it is still the version that was
 * loaded: an object rewritten since is another file, left for a run to load. Idempotent: an object already gone was
 * archived or deleted by an earlier run; an archive copy already made by a run that crashed before its delete is
 * recognised by its {@value #SOURCE_ETAG} metadata and not made twice.
 * An archive key already taken by another object is not overwritten: the key is chosen by {@link ArchiveNames}, as
 * for local and Hadoop archives ({@code 2011.csv.<first 12 of the ETag>}, then a counter after it). Objects over
 * {@link #copyLimit} bytes (S3's CopyObject limit, 5 GiB) are copied in parts (UploadPartCopy).
 */
final class S3Cleanup {

    /** Metadata on archive copies: the ETag of the object they copy. */
    static final String SOURCE_ETAG = "loanetl-source-etag";
    static final long MAX_SINGLE_COPY = 5L << 30;
    /** Parts of a multipart copy: at least this, and no more than 10,000 of them. */
    static final long DEFAULT_PART = 512L << 20;
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final S3Errors errors;
    /** Larger objects are copied in parts: {@link #MAX_SINGLE_COPY}, smaller in tests. */
    private final long copyLimit;
    private final long partSize;

    S3Cleanup(S3Client s3, S3Errors errors, long copyLimit, long partSize) {
        this.s3 = s3;
        this.errors = errors;
        this.copyLimit = copyLimit;
        this.partSize = partSize;
    }

    /** Copies {@code object} to {@code target} (when not {@code null}), then deletes it. */
    void archiveOrDelete(S3Location object, ObjectVersion version, S3Location target) throws IOException {
        try {
            Optional<HeadObjectResponse> head = head(object, version);
            if (head.isEmpty()) {
                return;
            }
            if (target != null) {
                copy(object, version, head.get(), target);
            }
            s3.deleteObject(r -> r.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw new IOException(errors.translate(object, e).getMessage(), e);
        }
    }

    /**
     * The object, if it is still the loaded version; empty when it is gone or rewritten since (another object under
     * the key, a new file to load: the loaded version is gone all the same, so its cleanup is done).
     */
    private Optional<HeadObjectResponse> head(S3Location object, ObjectVersion version) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(object.bucket()).key(object.key()).ifMatch(version.ifMatch())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 412) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Copies the object to the first archive key that {@link ArchiveNames} finds free beside {@code target}. */
    private void copy(S3Location object, ObjectVersion version, HeadObjectResponse head, S3Location target)
            throws IOException {
        ArchiveNames.claimFree(target.key(), version::etag,
                key -> claim(object, version, head, S3Location.of(target.bucket(), key)));
    }

    /**
     * Whether the object is archived at {@code to} now: copied there, or copied there before (by a run that crashed
     * before its delete). False when another object holds the key.
     */
    private boolean claim(S3Location object, ObjectVersion version, HeadObjectResponse head, S3Location to) {
        Optional<HeadObjectResponse> there = existing(to);
        if (there.isPresent()) {
            return version.etag().equals(there.get().metadata().get(SOURCE_ETAG));
        }
        Map<String, String> metadata = new HashMap<>(head.metadata());
        metadata.put(SOURCE_ETAG, version.etag());
        if (version.size() > copyLimit) {
            copyInParts(object, version, head, to, metadata);
            return true;
        }
        s3.copyObject(r -> r.sourceBucket(object.bucket()).sourceKey(object.key()).copySourceIfMatch(version.ifMatch())
                .destinationBucket(to.bucket()).destinationKey(to.key())
                .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(head.contentType()));
        return true;
    }

    private Optional<HeadObjectResponse> existing(S3Location location) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(location.bucket()).key(location.key())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void copyInParts(S3Location object, ObjectVersion version, HeadObjectResponse head, S3Location to,
                             Map<String, String> metadata) {
        String upload = s3.createMultipartUpload(r -> r.bucket(to.bucket()).key(to.key()).metadata(metadata)
                .contentType(head.contentType())).uploadId();
        try {
            long size = version.size();
            long part = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += part) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + part, size) - 1);
                String etag = s3.uploadPartCopy(r -> r.sourceBucket(object.bucket()).sourceKey(object.key())
                        .copySourceIfMatch(version.ifMatch()).copySourceRange(range)
                        .destinationBucket(to.bucket()).destinationKey(to.key()).uploadId(upload).partNumber(number))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(r -> r.bucket(to.bucket()).key(to.key()).uploadId(upload)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(to.bucket()).key(to.key()).uploadId(upload));
            } catch (SdkException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
