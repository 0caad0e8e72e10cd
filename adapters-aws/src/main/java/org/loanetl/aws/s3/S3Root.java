package org.loanetl.aws.s3;

/**
 * One source given as {@code s3://bucket/prefix}. Like a path: {@code s3://b/loans} means the key {@code loans} or
 * the keys under {@code loans/} (not {@code loans2011.csv}); {@code s3://b/loans/} and {@code s3://b} mean every
 * key under them. Keys are named relative to the folder, for archive keys.
 */
record S3Root(String bucket, String prefix) {

    static S3Root parse(String uri) {
        S3Location location = S3Location.parse(uri);
        return new S3Root(location.bucket(), location.key());
    }

    /** The folder part: {@code loans/} for {@code loans} and {@code loans/}; empty for the whole bucket. */
    String folder() {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** Whether a listed key belongs to this root (the listing's prefix also matches {@code loans2011.csv}). */
    boolean contains(String key) {
        return key.equals(prefix) || key.startsWith(folder());
    }

    /** The key under the folder; for the root key itself, its last segment. */
    String relative(String key) {
        return key.equals(prefix) ? key.substring(key.lastIndexOf('/') + 1) : key.substring(folder().length());
    }

    /** The default archive prefix: {@code archive/} inside the folder (beside a single key). */
    String defaultArchive(String key) {
        String folder = key.equals(prefix) ? key.substring(0, key.lastIndexOf('/') + 1) : folder();
        return folder + "archive/";
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
