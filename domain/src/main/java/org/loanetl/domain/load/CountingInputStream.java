package org.loanetl.domain.load;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.loanetl.domain.model.SourceFile;

/** Tells the listener how many bytes have been read, in steps of about a mebibyte, so progress costs nothing. */
final class CountingInputStream extends FilterInputStream {

    private static final long STEP = 1 << 20;

    private final SourceFile file;
    private final LoadListener listener;
    private long unreported;

    CountingInputStream(InputStream in, SourceFile file, LoadListener listener) {
        super(in);
        this.file = file;
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        unreported += n;
        if (unreported >= STEP) {
            listener.read(file, unreported);
            unreported = 0;
        }
    }

    @Override
    public void close() throws IOException {
        if (unreported > 0) {
            listener.read(file, unreported);
            unreported = 0;
        }
        super.close();
    }
}
