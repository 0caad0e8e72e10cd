package org.loanetl.aws.s3;

import java.net.URI;

/**
 * How to reach S3 and where archived files go. Given by {@code app}; the adapter never reads the environment itself,
 * though the SDK does where a value is left {@code null} (its default chains: {@code AWS_REGION}, profiles, instance
 * roles, {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}).
 *
 * @param region          the signing region, e.g. {@code eu-west-1}; {@code null} for the SDK's region chain, and
 *                        {@code us-east-1} when that finds none
 * @param endpoint        an S3-compatible endpoint ({@code http://127.0.0.1:9000}); {@code null} for AWS, or for the
 *                        endpoint the SDK reads from {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}
 * @param pathStyle       {@code http://host/bucket/key} instead of {@code http://bucket.host/key} (most S3-compatible
 *                        stores need it)
 * @param accessKeyId     explicit access key id, or {@code null} for the SDK's default credentials chain
 * @param secretAccessKey its secret; never printed
 * @param archive         where {@code archive} copies files ({@code s3://bucket/prefix/}, another bucket allowed), or
 *                        {@code null} for an {@code archive/} prefix inside each source prefix (skipped when listing)
 * @param pageSize        keys per listing page, 1 to 1000 (S3's maximum; small values are for tests)
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
                         String archive, int pageSize) {

    /** S3's largest listing page, the default. */
    public static final int MAX_PAGE_SIZE = 1000;

    public S3Settings {
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both the access key id and the secret access key, or neither");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        if (archive != null) {
            S3Location.parse(archive);
        }
    }

    /** AWS itself, through the SDK's default chains, archiving inside each source prefix. */
    public static S3Settings defaults() {
        return new S3Settings(null, null, false, null, null, null, MAX_PAGE_SIZE);
    }

    /** These settings with explicit keys. */
    public S3Settings withCredentials(String accessKeyId, String secretAccessKey) {
        return new S3Settings(region, endpoint, pathStyle, accessKeyId, secretAccessKey, archive, pageSize);
    }

    /** These settings with another archive location ({@code null}: inside each source prefix). */
    public S3Settings withArchive(String archive) {
        return new S3Settings(region, endpoint, pathStyle, accessKeyId, secretAccessKey, archive, pageSize);
    }

    /** These settings with another listing page size. */
    public S3Settings withPageSize(int pageSize) {
        return new S3Settings(region, endpoint, pathStyle, accessKeyId, secretAccessKey, archive, pageSize);
    }

    /** Never shows the keys: only whether they are set. */
    @Override
    public String toString() {
        return "S3Settings[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                + ", accessKeyId=" + (accessKeyId == null ? "null" : "***") + ", secretAccessKey="
                + (secretAccessKey == null ? "null" : "***") + ", archive=" + archive + ", pageSize=" + pageSize + "]";
    }
}
