package org.loanetl.aws.s3;

import java.util.Iterator;
import java.util.NoSuchElementException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects under one root, from the ListObjectsV2 paginator: a page is fetched only when the previous one has been
 * consumed (the first one on the first {@link #hasNext()}), so one page at most is in memory. Failures after the
 * SDK's retries are one-line {@link org.loanetl.domain.SourceException}s naming the bucket and prefix.
 */
final class KeyListing implements Iterator<S3Object> {

    private final S3Client s3;
    private final S3Errors errors;
    private final S3Root root;
    private final int pageSize;
    private Iterator<S3Object> pages;

    KeyListing(S3Client s3, S3Errors errors, S3Root root, int pageSize) {
        this.s3 = s3;
        this.errors = errors;
        this.root = root;
        this.pageSize = pageSize;
    }

    @Override
    public boolean hasNext() {
        try {
            if (pages == null) {
                // created on first use: creating the iterator already fetches the first page
                pages = s3.listObjectsV2Paginator(r -> r.bucket(root.bucket()).prefix(root.prefix()).maxKeys(pageSize))
                        .contents().iterator();
            }
            return pages.hasNext();
        } catch (SdkException e) {
            throw errors.translate(S3Location.of(root.bucket(), root.prefix()), e);
        }
    }

    @Override
    public S3Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pages.next();
    }
}
