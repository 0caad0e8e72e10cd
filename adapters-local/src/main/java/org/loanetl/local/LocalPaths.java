package org.loanetl.local;

import java.nio.file.Path;
import org.loanetl.domain.source.MemberLocation;

/**
 * Locations of local files: {@code file:/abs/path.csv}, and {@code file:/abs/loans.zip!/member.csv} for zip members
 * (split and joined by {@link MemberLocation}, as every source does).
 */
final class LocalPaths {

    /** A parsed location: the file on disk and, for a zip member, the member's name. */
    record Location(Path path, String member) {
    }

    private LocalPaths() {
    }

    static String location(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    static String memberLocation(Path zip, String member) {
        return MemberLocation.write(location(zip), member);
    }

    /**
     * Parses a location. Only {@code .zip!/} separates a zip from its member: a folder may have {@code !} in its name
     * ({@code /data/backup!/2011.csv} is a plain file).
     */
    static Location parse(String location) {
        String rest = location.startsWith("file:") ? location.substring(5) : location;
        MemberLocation split = MemberLocation.parse(rest);
        return new Location(Path.of(split.object()), split.member());
    }
}
