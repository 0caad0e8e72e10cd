package org.loanetl.aws.s3;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.read.Unpacking;
import org.loanetl.domain.read.ZipDirectory;

/**
 * The CSV members of zip objects (LendingClub shipped its files zipped), listed from the zip's directory by ranged
 * reads and each streamed from its own offset (no download, no temp file). A member's version is its CRC-32 and size,
 * as for local zips; reads are pinned to the zip's listed ETag. Remembers each listed zip's members until all have
 * committed, so the zip is archived or deleted once, after its last member.
 */
final class ZipObjects {

    private record Zip(ObjectVersion version, Map<String, Long> offsets, Set<String> pending) {
    }

    private final Map<S3Location, Zip> zips = new ConcurrentHashMap<>();
    private final ObjectReads reads;

    ZipObjects(ObjectReads reads) {
        this.reads = reads;
    }

    /** The zip's CSV members in the zip's order; other members go to {@code ignored}, with why. */
    List<SourceFile> members(S3Location zip, ObjectVersion version, Consumer<String> ignored) throws IOException {
        List<ZipDirectory.Entry> entries = ZipDirectory.read(version.size(), (at, n) -> reads.range(zip, version, at, n));
        List<SourceFile> members = new ArrayList<>();
        Map<String, Long> offsets = new ConcurrentHashMap<>();
        for (ZipDirectory.Entry entry : entries) {
            if (entry.name().endsWith("/")) {
                continue;
            }
            if (entry.name().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                members.add(new SourceFile(zip.member(entry.name()).toString(),
                        entry.version(), entry.size()));
                offsets.put(entry.name(), entry.localHeaderOffset());
            } else {
                ignored.accept(zip.member(entry.name()) + ": not a loans file (.csv inside a zip)");
            }
        }
        if (!offsets.isEmpty()) {
            zips.put(zip, new Zip(version, offsets, ConcurrentHashMap.newKeySet()));
            zips.get(zip).pending().addAll(offsets.keySet());
        }
        return members;
    }

    /** A listed member's bytes, inflated, streamed from the zip object; its CRC is checked at its end. */
    InputStream open(S3Location member) throws IOException {
        Zip zip = zips.get(member.object());
        Long offset = zip == null ? null : zip.offsets().get(member.member());
        if (offset == null) {
            throw new IOException(member + ": not listed in this run");
        }
        ZipInputStream in = new ZipInputStream(new BufferedInputStream(reads.open(member.object(), zip.version(), offset), 1 << 16));
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !entry.getName().equals(member.member())) {
            in.close();
            throw new ZipException(member + ": the zip's directory and its entry at byte " + offset + " disagree");
        }
        return Unpacking.checked(in, "not a readable zip member");
    }

    /**
     * Marks a member done; the zip's version when it was the zip's last member still to commit, for one caller only,
     * however many members finish at once. The zip is then forgotten until it is listed again.
     */
    Optional<ObjectVersion> lastMemberDone(S3Location member) {
        ObjectVersion[] last = {null};
        zips.computeIfPresent(member.object(), (location, zip) -> {
            zip.pending().remove(member.member());
            last[0] = zip.pending().isEmpty() ? zip.version() : null;
            return last[0] == null ? zip : null;
        });
        return Optional.ofNullable(last[0]);
    }
}
