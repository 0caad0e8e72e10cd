package org.loanetl.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes {@code start} to {@code end} of a local file, read through its channel from {@code start}, nothing beyond. */
final class FileRange extends InputStream {

    private final FileChannel channel;
    private long position;
    private final long end;

    private FileRange(FileChannel channel, long start, long end) {
        this.channel = channel;
        this.position = start;
        this.end = end;
    }

    /** Opens the range; a missing file is an {@link java.nio.file.NoSuchFileException}. */
    static InputStream open(Path path, long start, long end) throws IOException {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a byte range: " + start + "-" + end);
        }
        return new FileRange(FileChannel.open(path, StandardOpenOption.READ), start, end);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        long left = end - position;
        if (left <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, left)), position);
        if (n < 0) {
            return -1; // the file is shorter than it was: the chunk's confirmation says it changed
        }
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
