package org.loanetl.domain.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A location split at its zip member, as every source writes it: {@code <zip location>!/<member>}
 * ({@code file:/data/loans.zip!/2011.csv}, {@code s3://bucket/loans.zip!/2011.csv}). The first {@code .zip!/}, in any
 * case, ends the zip; a {@code !} elsewhere is part of a name ({@code file:/data/backup!/2011.csv} is a plain file).
 *
 * @param object the file or zip object, as written before the member
 * @param member the member's name inside the zip, or {@code null} for a plain file
 */
public record MemberLocation(String object, String member) {

    private static final String SEPARATOR = "!/";
    private static final Pattern ZIP_MEMBER = Pattern.compile("(?is)(.*?\\.zip)!/(.+)");

    /** Splits a location (or a part of one, such as an S3 key) at its zip member, if it names one. */
    public static MemberLocation parse(String location) {
        Matcher member = ZIP_MEMBER.matcher(location);
        return member.matches() ? new MemberLocation(member.group(1), member.group(2)) : new MemberLocation(location, null);
    }

    /** A zip member's location: {@code <zip>!/<member>}. */
    public static String write(String zip, String member) {
        return zip + SEPARATOR + member;
    }

    /** Whether this names a member inside a zip. */
    public boolean isMember() {
        return member != null;
    }

    /** The location as written. */
    @Override
    public String toString() {
        return member == null ? object : write(object, member);
    }
}
