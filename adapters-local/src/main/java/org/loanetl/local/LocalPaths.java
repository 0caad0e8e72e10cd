package org.loanetl.local;

import java.nio.file.Path;

/** Locations of local files: {@code file:/abs/path.csv}, and {@code file:/abs/loans.zip!/member.csv} for zip members. */
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
        return location(zip) + "!/" + member;
    }

    static Location parse(String location) {
        String rest = location.startsWith("file:") ? location.substring(5) : location;
        int bang = rest.indexOf("!/");
        if (bang >= 0) {
            return new Location(Path.of(rest.substring(0, bang)), rest.substring(bang + 2));
        }
        return new Location(Path.of(rest), null);
    }
}
