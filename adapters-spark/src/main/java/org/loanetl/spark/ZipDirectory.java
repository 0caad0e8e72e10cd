package org.loanetl.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A zip's central directory, read with positioned reads from its end (two or three small reads, also on S3), so a
 * zip is listed without reading it through and each member is then streamed from its own offset. Gives the same
 * names, order, CRC-32s and sizes as {@link java.util.zip.ZipFile}, which the in-process source uses. Zip64 is read.
 */
final class ZipDirectory {

    /** One member as the directory describes it. */
    record Entry(String name, long crc, long size, long localHeaderOffset) {

        boolean isDirectory() {
            return name.endsWith("/");
        }

        /** The member's version, as every source writes it: {@code zip-crc32:<hex>:<size>}. */
        String version() {
            return "zip-crc32:" + Long.toHexString(crc) + ":" + size;
        }
    }

    private static final int END_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final long END_SIGNATURE = 0x06054b50L;
    private static final long ZIP64_LOCATOR_SIGNATURE = 0x07064b50L;
    private static final long ZIP64_END_SIGNATURE = 0x06064b50L;
    private static final long ENTRY_SIGNATURE = 0x02014b50L;
    private static final long MAX_DIRECTORY = 64L << 20;

    private ZipDirectory() {
    }

    /** The members of a zip of {@code size} bytes open as {@code in}. */
    static List<Entry> read(FSDataInputStream in, long size) throws IOException {
        int tailLength = (int) Math.min(size, END_LENGTH + MAX_COMMENT + ZIP64_LOCATOR_LENGTH);
        if (tailLength < END_LENGTH) {
            throw new ZipException("not a zip file (too short)");
        }
        byte[] tail = read(in, size - tailLength, tailLength);
        int end = tail.length - END_LENGTH;
        while (end >= 0 && u32(tail, end) != END_SIGNATURE) {
            end--;
        }
        if (end < 0) {
            throw new ZipException("not a zip file (no end of central directory)");
        }
        long length = u32(tail, end + 12);
        long offset = u32(tail, end + 16);
        if (u16(tail, end + 10) == 0xFFFF || length == 0xFFFFFFFFL || offset == 0xFFFFFFFFL) {
            int locator = end - ZIP64_LOCATOR_LENGTH;
            if (locator < 0 || u32(tail, locator) != ZIP64_LOCATOR_SIGNATURE) {
                throw new ZipException("zip64 end locator missing");
            }
            byte[] end64 = read(in, u64(tail, locator + 8), 56);
            if (u32(end64, 0) != ZIP64_END_SIGNATURE) {
                throw new ZipException("zip64 end of central directory missing");
            }
            length = u64(end64, 40);
            offset = u64(end64, 48);
        }
        if (length > MAX_DIRECTORY || offset + length > size) {
            throw new ZipException("central directory of " + length + " bytes at " + offset + " does not fit");
        }
        return entries(length == 0 ? new byte[0] : read(in, offset, (int) length));
    }

    private static List<Entry> entries(byte[] directory) throws ZipException {
        List<Entry> entries = new ArrayList<>();
        int p = 0;
        while (p + 46 <= directory.length && u32(directory, p) == ENTRY_SIGNATURE) {
            int nameLength = u16(directory, p + 28);
            int extraLength = u16(directory, p + 30);
            int commentLength = u16(directory, p + 32);
            String name = new String(directory, p + 46, nameLength, StandardCharsets.UTF_8);
            long compressed = u32(directory, p + 20);
            long size = u32(directory, p + 24);
            long offset = u32(directory, p + 42);
            int extra = p + 46 + nameLength;
            for (int e = extra; e + 4 <= extra + extraLength; e += 4 + u16(directory, e + 2)) {
                if (u16(directory, e) != 0x0001) {
                    continue;
                }
                // the zip64 field holds only the values that overflowed, in this order
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
            entries.add(new Entry(name, u32(directory, p + 16), size, offset));
            p = extra + extraLength + commentLength;
        }
        if (p != directory.length) {
            throw new ZipException("damaged central directory at byte " + p);
        }
        return entries;
    }

    private static byte[] read(FSDataInputStream in, long at, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(at, bytes, 0, length);
        return bytes;
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
