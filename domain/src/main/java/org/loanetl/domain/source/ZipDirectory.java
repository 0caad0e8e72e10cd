package org.loanetl.domain.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.read.CorruptFileException;
import org.loanetl.domain.read.Unpacking;

/**
 * A zip's central directory, read with two or three positioned reads from its end (ranged GETs on S3, positioned
 * reads through Hadoop), so a zip is listed without reading it through, and each member is then streamed from its own
 * offset. Gives the same names, order, CRC-32s and sizes as {@link java.util.zip.ZipFile}. Zip64 is read. One place
 * for every source, so a zip member has the same version whichever source and engine lists it.
 */
public final class ZipDirectory {

    /** One member as the directory describes it. */
    public record Entry(String name, long crc, long size, long localHeaderOffset) {

        /** Whether the member is a folder. */
        public boolean isDirectory() {
            return name.endsWith("/");
        }

        /** The member's version, as every source writes it. */
        public String version() {
            return memberVersion(crc, size);
        }

        /** The member as every source lists it: {@code <zip location>!/<name>}, its version and its size. */
        public SourceFile file(String zipLocation) {
            return new SourceFile(MemberLocation.write(zipLocation, name), version(), size);
        }

        /**
         * The member's bytes, inflated, from a stream of the zip that starts at this member's local header (at
         * {@link #localHeaderOffset}), so a member is streamed from its own offset; its CRC is checked at its end, and
         * format errors are a corrupt file ({@link Unpacking#checked}).
         *
         * @param where the member as messages name it
         * @throws ZipException when the header there is not this member's; the stream is then closed
         */
        public InputStream open(InputStream atHeader, String where) throws IOException {
            ZipInputStream in = new ZipInputStream(new BufferedInputStream(atHeader, 1 << 16));
            try {
                ZipEntry local = in.getNextEntry();
                if (local == null || !local.getName().equals(name)) {
                    throw new ZipException(where + ": the zip's directory and its entry at byte " + localHeaderOffset
                            + " disagree");
                }
                return Unpacking.checked(in, "not a readable zip member");
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
    }

    /** Reads {@code length} bytes at {@code offset} of the zip. */
    public interface Ranges {
        byte[] read(long offset, int length) throws IOException;
    }

    private static final int END_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    /** Larger directories (hundreds of thousands of members) are not LendingClub files. */
    private static final long MAX_DIRECTORY = 64L << 20;

    private ZipDirectory() {
    }

    /**
     * A zip member's version, {@code zip-crc32:<hex>:<size>}: its CRC-32 and uncompressed size, from the directory, so
     * it is known before the member is read.
     */
    public static String memberVersion(long crc, long size) {
        return "zip-crc32:" + Long.toHexString(crc) + ":" + size;
    }

    /**
     * The refusal of a zip whose directory could not be read when it was listed: such a zip is listed as itself, so
     * that its load is refused by name and it stays where it is, rather than passed over in silence. Reads the
     * directory again for the reason ({@code not a readable zip file: not a zip file (no end of central directory)}).
     */
    public static CorruptFileException unreadable(long size, Ranges ranges) throws IOException {
        try {
            read(size, ranges);
            return new CorruptFileException("not a readable zip file: its directory could not be read when it was listed",
                    null);
        } catch (ZipException e) {
            return new CorruptFileException("not a readable zip file: " + e.getMessage(), e);
        }
    }

    /**
     * The members of a zip of {@code size} bytes.
     *
     * @throws java.util.zip.ZipException when it is not a zip or its directory is damaged
     */
    public static List<Entry> read(long size, Ranges ranges) throws IOException {
        int tailLength = (int) Math.min(size, END_LENGTH + MAX_COMMENT + ZIP64_LOCATOR_LENGTH);
        if (tailLength < END_LENGTH) {
            throw new ZipException("not a zip file (too short)");
        }
        byte[] tail = ranges.read(size - tailLength, tailLength);
        int end = -1;
        for (int i = tail.length - END_LENGTH; i >= 0 && end < 0; i--) {
            end = u32(tail, i) == 0x06054b50L ? i : -1;
        }
        if (end < 0) {
            throw new ZipException("not a zip file (no end of central directory)");
        }
        long directorySize = u32(tail, end + 12);
        long directoryOffset = u32(tail, end + 16);
        if (u16(tail, end + 10) == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
            int locator = end - ZIP64_LOCATOR_LENGTH;
            if (locator < 0 || u32(tail, locator) != 0x07064b50L) {
                throw new ZipException("zip64 end locator missing");
            }
            byte[] end64 = ranges.read(u64(tail, locator + 8), 56);
            if (u32(end64, 0) != 0x06064b50L) {
                throw new ZipException("zip64 end of central directory missing");
            }
            directorySize = u64(end64, 40);
            directoryOffset = u64(end64, 48);
        }
        if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) {
            throw new ZipException("central directory of " + directorySize + " bytes at " + directoryOffset + " does not fit");
        }
        return entries(directorySize == 0 ? new byte[0] : ranges.read(directoryOffset, (int) directorySize));
    }

    private static List<Entry> entries(byte[] directory) throws ZipException {
        List<Entry> entries = new ArrayList<>();
        int p = 0;
        while (p + 46 <= directory.length && u32(directory, p) == 0x02014b50L) {
            int nameLength = u16(directory, p + 28);
            int extraLength = u16(directory, p + 30);
            int commentLength = u16(directory, p + 32);
            String name = new String(directory, p + 46, nameLength, StandardCharsets.UTF_8);
            long size = u32(directory, p + 24);
            long compressed = u32(directory, p + 20);
            long offset = u32(directory, p + 42);
            int extra = p + 46 + nameLength;
            for (int e = extra; e + 4 <= extra + extraLength; e += 4 + u16(directory, e + 2)) {
                if (u16(directory, e) == 0x0001) {
                    int field = e + 4;
                    if (size == 0xFFFFFFFFL) {
                        size = u64(directory, field);
                        field += 8;
                    }
                    if (compressed == 0xFFFFFFFFL) {
                        field += 8;
                    }
                    if (offset == 0xFFFFFFFFL) {
                        offset = u64(directory, field);
                    }
                }
            }
            entries.add(new Entry(name, u32(directory, p + 16), size, offset));
            p = extra + extraLength + commentLength;
        }
        if (p != directory.length) {
            throw new ZipException("damaged central directory at byte " + p);
        }
        return entries;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return u16(b, at) | (long) u16(b, at + 2) << 16;
    }

    private static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
