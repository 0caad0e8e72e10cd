package org.loanetl.domain.source;

import java.io.IOException;

/**
 * The name a file takes under the archive folder, the same for every source that moves files: an archived file is the
 * only copy of what was loaded, so an archive never replaces a different file. The file takes its own name; when other
 * bytes hold it, the name plus twelve letters of the file's own version ({@code 2011.csv.0a1b2c3d4e5f}); when that too
 * is held by other bytes, a counter after it ({@code 2011.csv.0a1b2c3d4e5f-2}). A name that already holds the very
 * same bytes counts as claimed: the file was archived already (a copy dropped again, a move a crash cut short).
 */
public final class ArchiveNames {

    /** Moves the file to a name beside the target, unless another file holds that name. */
    public interface Claim {

        /** Whether the file is now archived under {@code name}: moved there, or its bytes were there already. */
        boolean claim(String name) throws IOException;
    }

    /** The file's own version (a zip's own, not its last member's), asked only when its own name is taken. */
    public interface OwnVersion {

        String get() throws IOException;
    }

    private ArchiveNames() {
    }

    /**
     * Archives a file under {@code name} or the first free name beside it, as the class says.
     *
     * @return the name it took
     */
    public static String claimFree(String name, OwnVersion own, Claim claim) throws IOException {
        if (claim.claim(name)) {
            return name;
        }
        String named = name + "." + shortVersion(own.get());
        String next = named;
        for (int n = 2; !claim.claim(next); n++) {
            next = named + "-" + n;
        }
        return next;
    }

    /** Twelve letters and digits of a version after its label: {@code sha256:0a1b2c...} gives {@code 0a1b2c3d4e5f}. */
    public static String shortVersion(String version) {
        String v = version.substring(version.indexOf(':') + 1).replaceAll("[^A-Za-z0-9]", "");
        return v.substring(0, Math.min(12, v.length()));
    }
}
