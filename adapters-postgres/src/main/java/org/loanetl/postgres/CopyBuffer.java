package org.loanetl.postgres;

import java.util.Arrays;

/** The growable byte buffer the COPY writers fill and their callers drain in chunks. */
abstract class CopyBuffer {

    /**
     * Small, as it grows by doubling: a file of a few rows (thousands of them in a folder of small files, each staged
     * in a buffer of its own when they share a commit) needs a few KB, and a large file's buffer reaches its drain
     * size after a handful of copies, once.
     */
    private static final int INITIAL_CAPACITY = 8 * 1024;

    byte[] bytes = new byte[INITIAL_CAPACITY];
    int size;

    /** How many bytes were written since the last {@link #clear()}. */
    final int size() {
        return size;
    }

    /** The buffer; bytes {@code [0, size())} are what was written since the last {@link #clear()}. */
    final byte[] bytes() {
        return bytes;
    }

    final void clear() {
        size = 0;
    }

    /** Goes on in {@code fresh}, empty, in place of the buffer given up. */
    final void replace(byte[] fresh) {
        bytes = fresh;
        size = 0;
    }

    /** Room for {@code more} bytes; a char takes at most 3 bytes as UTF-8 (a surrogate pair 4 for 2). */
    final void ensure(int more) {
        if (more > bytes.length - size) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
