package org.loanetl.aws.s3;

import java.util.regex.Pattern;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.source.MemberLocation;

/**
 * Where something is in S3: a bucket, a key (empty for the whole bucket) and, for a CSV inside a zip object, the
 * member's name. Written {@code s3://bucket/key} and {@code s3://bucket/loans.zip!/member.csv} (the member split off
 * and joined by {@link MemberLocation}, as every source does).
 */
record S3Location(String bucket, String key, String member) {

    /** The names S3 allows for new buckets (legacy us-east-1 names with capitals are not supported). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    S3Location {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new LoanEtlException("s3://" + bucket + ": not a valid bucket name (3 to 63 of a-z, 0-9, '.', '-')");
        }
    }

    /** Whether the text is an {@code s3://} URI. */
    static boolean isS3(String text) {
        return text.regionMatches(true, 0, "s3://", 0, 5);
    }

    /** Parses {@code s3://bucket/key}, {@code s3://bucket}, or a zip member's location. */
    static S3Location parse(String text) {
        if (!isS3(text)) {
            throw new LoanEtlException(text + ": not an s3://bucket/prefix URI");
        }
        String rest = text.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        MemberLocation split = MemberLocation.parse(key);
        return new S3Location(bucket, split.object(), split.member());
    }

    static S3Location of(String bucket, String key) {
        return new S3Location(bucket, key, null);
    }

    /** This zip member's zip, or this object itself. */
    S3Location object() {
        return member == null ? this : of(bucket, key);
    }

    S3Location member(String name) {
        return new S3Location(bucket, key, name);
    }

    @Override
    public String toString() {
        return new MemberLocation("s3://" + bucket + "/" + key, member).toString();
    }
}
