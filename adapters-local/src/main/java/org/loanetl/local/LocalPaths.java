package org.loanetl.local;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locations of local files: {@code file:/abs/path.csv}, and {@code file:/abs/loans.zip!/member.csv} for zip members. */
final class LocalPaths {

    /** The first {@code .zip!/} (any case) ends the zip's path; the rest is the member's name. */
    private static final Pattern ZIP_MEMBER = Pattern.compile("(?is)(.*?\\.zip)!/(.+)");

    /** A parsed location: the file on disk and, for a zip member, the member's name. */
    record Location(Path path, String member) {
    }

    private LocalPaths() {
    }

    static String location(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    static String memberLocation(Path zip, String member) {
        return location(zip) + "!/" + member;
    }

    /**
     * Parses a location. Only {@code .zip!/} separates a zip from its member: a folder may have {@code !} in its name
     * ({@code /data/backup!/2011.csv} is a plain file).
     */
    static Location parse(String location) {
        String rest = location.startsWith("file:") ? location.substring(5) : location;
        Matcher member = ZIP_MEMBER.matcher(rest);
        if (member.matches()) {
            return new Location(Path.of(member.group(1)), member.group(2));
        }
        return new Location(Path.of(rest), null);
    }
}
