package org.loanetl.aws.s3;

import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.source.SourceVersions;

/**
 * What S3 says about an object's content: its ETag (without quotes) and size, written {@code s3-etag:<etag>:<size>}
 * as the file's version. A rewrite with other content has another ETag, so it is a new version and loads again.
 *
 * <p>Reads and cleanups are pinned to it with {@code If-Match}, so a rewrite between listing and reading fails
 * instead of mixing versions. (ListObjectsV2 does not report version ids, and a HEAD per key to fetch them would cost
 * a request per file on every rerun; the ETag already changes with the content.)
 */
record ObjectVersion(String etag, long size) {

    private static final String PREFIX = SourceVersions.S3_ETAG;

    ObjectVersion {
        etag = etag.replace("\"", "");
    }

    /** The {@code If-Match} header value: the ETag in quotes, as S3 sends it. */
    String ifMatch() {
        return "\"" + etag + "\"";
    }

    static ObjectVersion parse(String version) {
        int cut = version.lastIndexOf(':');
        if (!version.startsWith(PREFIX) || cut <= PREFIX.length()) {
            throw new LoanEtlException("not an S3 object version: " + version);
        }
        return new ObjectVersion(version.substring(PREFIX.length(), cut), Long.parseLong(version.substring(cut + 1)));
    }

    @Override
    public String toString() {
        return SourceVersions.s3Object(etag, size);
    }
}
