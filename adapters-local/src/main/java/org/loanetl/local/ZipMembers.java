package org.loanetl.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.read.CorruptFileException;
import org.loanetl.domain.source.LoanFiles;
import org.loanetl.domain.source.MemberLocation;
import org.loanetl.domain.source.PendingZips;
import org.loanetl.domain.source.ZipDirectory;

/**
 * The CSV members of zip files (LendingClub shipped its files zipped), listed from the zip's directory
 * ({@link ZipDirectory}, as every source lists them) and each streamed from its own offset. A member's version is its
 * CRC-32 and size from the directory, so re-zipping other members does not reload it. Remembers which members have
 * committed, so the zip is cleaned up only when all have.
 */
final class ZipMembers {

    private final PendingZips<Path, Path> pending = new PendingZips<>();

    /**
     * The zip's CSV members, in the zip's order; other members are passed to {@code ignored}, with why.
     *
     * @throws java.util.zip.ZipException when its directory cannot be read: a corrupt or truncated zip
     */
    List<SourceFile> members(Path zip, Consumer<String> ignored) throws IOException {
        Path normalized = zip.toAbsolutePath().normalize();
        List<ZipDirectory.Entry> entries;
        try (FileChannel channel = FileChannel.open(zip)) {
            entries = LoanFiles.csvMembers(ZipDirectory.read(channel.size(), ranges(channel)), normalized.toString(),
                    ignored);
        }
        pending.listed(normalized, normalized, entries.stream().map(ZipDirectory.Entry::name).toList());
        return entries.stream().map(e -> e.file(LocalPaths.location(zip))).toList();
    }

    /** The refusal of a zip the listing could not read, with the reason the zip's directory gives. */
    CorruptFileException unreadable(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip)) {
            return ZipDirectory.unreadable(channel.size(), ranges(channel));
        }
    }

    /** A member's bytes, inflated, streamed from its offset in the zip; its CRC is checked at its end. */
    InputStream open(Path zip, String member) throws IOException {
        FileChannel channel = FileChannel.open(zip);
        try {
            ZipDirectory.Entry entry = ZipDirectory.read(channel.size(), ranges(channel)).stream()
                    .filter(e -> e.name().equals(member)).findFirst()
                    .orElseThrow(() -> LocalFolderLoanFileSource.gone(Path.of(MemberLocation.write(zip.toString(), member))));
            channel.position(entry.localHeaderOffset());
            return entry.open(Channels.newInputStream(channel),
                    MemberLocation.write(zip.toAbsolutePath().normalize().toString(), member));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Marks a member done; whether it was the zip's last member still to commit. True for one caller only, however
     * many members finish at once: the zip is then forgotten until it is listed again.
     */
    boolean lastMemberDone(Path zip, String member) {
        return pending.lastMemberDone(zip.toAbsolutePath().normalize(), member).isPresent();
    }

    /** Positioned reads of the zip, for {@link ZipDirectory}. */
    private static ZipDirectory.Ranges ranges(FileChannel channel) {
        return (offset, length) -> {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new EOFException("zip ended at byte " + (offset + buffer.position()) + " while read");
                }
            }
            return buffer.array();
        };
    }
}
