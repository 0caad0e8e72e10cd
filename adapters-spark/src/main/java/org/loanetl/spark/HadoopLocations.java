package org.loanetl.spark;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.loanetl.domain.LoanEtlException;

/**
 * Locations written exactly as the in-process sources write them, so one ledger serves every engine:
 * {@code file:/abs/path.csv} (absolute, normalized, not URI-escaped), {@code s3://bucket/key} (whatever scheme it was
 * read through: {@code s3a://} and {@code s3n://} are written {@code s3://}), and {@code <zip location>!/member.csv}
 * for a CSV inside a zip ({@link org.loanetl.domain.source.MemberLocation}, as every source). Also the Hadoop path
 * each location is read through.
 */
final class HadoopLocations {

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):.*");

    private HadoopLocations() {
    }

    /** Whether a location (without a zip member) is an S3 object's. */
    static boolean isS3(String object) {
        return object.startsWith("s3://");
    }

    /**
     * A source or archive as the user gave it (a local path, a {@code file:} URI, {@code s3://}, {@code s3a://} or
     * {@code s3n://}), in location form.
     *
     * @throws LoanEtlException for any other scheme
     */
    static String normalize(String text) {
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.matches() || scheme.group(1).length() == 1) {
            return "file:" + java.nio.file.Path.of(text).toAbsolutePath().normalize();
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        String rest = text.substring(name.length() + 1);
        if (name.equals("file")) {
            if (rest.startsWith("//")) {
                String authority = rest.substring(2, rest.indexOf('/', 2) < 0 ? rest.length() : rest.indexOf('/', 2));
                if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                    throw new LoanEtlException(text + ": a file: URI must name a local file (file:/path or file:///path)");
                }
                rest = rest.substring(2 + authority.length());
            }
            return "file:" + java.nio.file.Path.of(rest).toAbsolutePath().normalize();
        }
        if (name.equals("s3") || name.equals("s3a") || name.equals("s3n")) {
            if (!rest.startsWith("//") || rest.length() == 2) {
                throw new LoanEtlException(text + ": not an s3://bucket/prefix URI");
            }
            return "s3:" + rest;
        }
        throw new LoanEtlException(text + ": not a local path, file:, s3:// or s3a:// location");
    }

    /** The location of a path Hadoop listed. */
    static String of(Path path) {
        URI uri = path.toUri();
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return "file:" + java.nio.file.Path.of(uri.getPath()).toAbsolutePath().normalize();
        }
        return "s3://" + uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
    }

    /**
     * The Hadoop path of a location without a zip member.
     *
     * @param s3a read {@code s3://} through S3A ({@code s3a://}) rather than the cluster's own {@code s3://}
     *            file system (EMRFS on EMR)
     */
    static Path path(String location, boolean s3a) {
        if (location.startsWith("file:")) {
            return new Path("file", null, location.substring(5));
        }
        String rest = location.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        return new Path(s3a ? "s3a" : "s3", bucket, "/" + key);
    }

    /** Whether a location is the folder or under it (component-wise, as {@link java.nio.file.Path#startsWith}). */
    static boolean under(String location, String folder) {
        String base = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        return location.equals(base) || location.startsWith(base + "/");
    }

    /** The parent folder of a location: {@code file:/a/b.csv} gives {@code file:/a}, {@code s3://b/k.csv} gives {@code s3://b}. */
    static String parent(String location) {
        int cut = location.lastIndexOf('/');
        String parent = location.substring(0, cut);
        return parent.equals("file:") || parent.equals("s3:/") ? location.substring(0, cut + 1) : parent;
    }

    /** The last segment of a location. */
    static String name(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
