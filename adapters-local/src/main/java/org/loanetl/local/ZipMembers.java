package org.loanetl.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.read.Unpacking;
import org.loanetl.domain.read.ZipDirectory;

/**
 * The CSV members of zip files (LendingClub shipped its files zipped). A member's version is its CRC-32 and size from
 * the zip's directory, so re-zipping other members does not reload it. Remembers which members have committed, so
 * the zip is cleaned up only when all have.
 */
final class ZipMembers {

    private final Map<Path, Set<String>> pending = new ConcurrentHashMap<>();

    /** The zip's CSV members, in the zip's order; other members are passed to {@code ignored}, with why. */
    List<SourceFile> members(Path zip, Consumer<String> ignored) throws IOException {
        List<SourceFile> members = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Set<String> names = ConcurrentHashMap.newKeySet();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    members.add(new SourceFile(LocalPaths.memberLocation(zip, entry.getName()),
                            ZipDirectory.memberVersion(entry.getCrc(), entry.getSize()), entry.getSize()));
                    names.add(entry.getName());
                } else {
                    others.add(zip.toAbsolutePath().normalize() + "!/" + entry.getName()
                            + ": not a loans file (.csv inside a zip)");
                }
            }
        }
        if (!names.isEmpty()) {
            pending.put(zip.toAbsolutePath().normalize(), names);
        }
        others.forEach(ignored);
        return members;
    }

    /** Why a zip cannot be read, as the zip reader says it (for a zip the listing could not read). */
    String unreadable(Path zip) {
        try (ZipFile ignored = new ZipFile(zip.toFile())) {
            return "its directory could not be read when it was listed";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    InputStream open(Path zip, String member) throws IOException {
        ZipFile file = new ZipFile(zip.toFile());
        ZipEntry entry = file.getEntry(member);
        if (entry == null) {
            file.close();
            throw LocalFolderLoanFileSource.gone(Path.of(zip + "!/" + member));
        }
        return new FilterInputStream(Unpacking.checked(file.getInputStream(entry), "not a readable zip member")) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    file.close();
                }
            }
        };
    }

    /**
     * Marks a member done; whether it was the zip's last member still to commit. True for one caller only, however
     * many members finish at once: the zip is then forgotten until it is listed again.
     */
    boolean lastMemberDone(Path zip, String member) {
        boolean[] last = {false};
        pending.computeIfPresent(zip.toAbsolutePath().normalize(), (path, left) -> {
            left.remove(member);
            last[0] = left.isEmpty();
            return last[0] ? null : left;
        });
        return last[0];
    }
}
