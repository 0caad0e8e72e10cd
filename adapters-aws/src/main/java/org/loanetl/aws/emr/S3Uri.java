package org.loanetl.aws.emr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loanetl.domain.LoanEtlException;

/** An {@code s3://bucket/key} location: where the job's files go, or where logs are. */
record S3Uri(String bucket, String key) {

    private static final Pattern URI = Pattern.compile("(?i)s3[an]?://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?");

    /** Parses {@code s3://bucket}, {@code s3://bucket/key} (and EMR's own {@code s3n://}). */
    static S3Uri parse(String text) {
        Matcher m = URI.matcher(text.trim());
        if (!m.matches()) {
            throw new LoanEtlException(text + ": not an s3://bucket/prefix URI");
        }
        return new S3Uri(m.group(1), m.group(2) == null ? "" : m.group(2));
    }

    /** This location as a folder: its key ends with {@code /} (or is empty). */
    S3Uri folder() {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Uri(bucket, key + "/");
    }

    /** The object {@code name} inside this folder. */
    S3Uri resolve(String name) {
        return new S3Uri(bucket, folder().key + name);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
