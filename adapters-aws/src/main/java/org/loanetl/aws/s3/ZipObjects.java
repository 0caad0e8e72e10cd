package org.loanetl.aws.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.read.CorruptFileException;
import org.loanetl.domain.source.LoanFiles;
import org.loanetl.domain.source.PendingZips;
import org.loanetl.domain.source.ZipDirectory;

/**
 * The CSV members of zip objects (LendingClub shipped its files zipped), listed from the zip's directory by ranged
 * reads and each streamed from its own offset (no download, no temp file), by {@link ZipDirectory} as every source
 * does. A member's version is its CRC-32 and size, as for local zips; reads are pinned to the zip's listed ETag.
 * Remembers each listed zip's members until all have committed, so the zip is archived or deleted once, after its last
 * member.
 */
final class ZipObjects {

    private record Zip(ObjectVersion version, Map<String, ZipDirectory.Entry> members) {
    }

    private final PendingZips<S3Location, Zip> zips = new PendingZips<>();
    private final ObjectReads reads;

    ZipObjects(ObjectReads reads) {
        this.reads = reads;
    }

    /**
     * The zip's CSV members in the zip's order; other members go to {@code ignored}, with why.
     *
     * @throws java.util.zip.ZipException when its directory cannot be read: a corrupt or truncated zip
     */
    List<SourceFile> members(S3Location zip, ObjectVersion version, Consumer<String> ignored) throws IOException {
        List<ZipDirectory.Entry> entries = LoanFiles.csvMembers(ZipDirectory.read(version.size(), ranges(zip, version)),
                zip.toString(), ignored);
        Map<String, ZipDirectory.Entry> byName = entries.stream()
                .collect(Collectors.toMap(ZipDirectory.Entry::name, Function.identity(), (first, second) -> second));
        zips.listed(zip, new Zip(version, byName), byName.keySet());
        return entries.stream().map(e -> e.file(zip.toString())).toList();
    }

    /** The refusal of a zip the listing could not read, with the reason its directory gives. */
    CorruptFileException unreadable(S3Location zip, ObjectVersion version) throws IOException {
        return ZipDirectory.unreadable(version.size(), ranges(zip, version));
    }

    /** A listed member's bytes, inflated, streamed from the zip object; its CRC is checked at its end. */
    InputStream open(S3Location member) throws IOException {
        Optional<Zip> zip = zips.zip(member.object());
        ZipDirectory.Entry entry = zip.map(z -> z.members().get(member.member())).orElse(null);
        if (entry == null) {
            throw new IOException(member + ": not listed in this run");
        }
        return entry.open(reads.open(member.object(), zip.get().version(), entry.localHeaderOffset()), member.toString());
    }

    /**
     * Marks a member done; the zip's version when it was the zip's last member still to commit, for one caller only,
     * however many members finish at once. The zip is then forgotten until it is listed again.
     */
    Optional<ObjectVersion> lastMemberDone(S3Location member) {
        return zips.lastMemberDone(member.object(), member.member()).map(Zip::version);
    }

    private ZipDirectory.Ranges ranges(S3Location zip, ObjectVersion version) {
        return (at, n) -> reads.range(zip, version, at, n);
    }
}
