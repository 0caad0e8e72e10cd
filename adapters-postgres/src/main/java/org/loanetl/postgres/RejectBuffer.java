package org.loanetl.postgres;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.loanetl.domain.model.Reject;
import org.postgresql.copy.CopyIn;

/**
 * One file's rejects, held until its commit: the connection carries the loans COPY until then, and a connection
 * runs one COPY at a time. They are kept as COPY text rows in memory up to {@link #MEMORY_LIMIT}, then spilled to a
 * temporary file, so a file of millions of bad rows needs no more memory than one of a few. A single huge reject
 * (its raw text up to 16 Mi characters) goes to the file in pieces as it is encoded, never whole in memory.
 * {@link #close()} deletes the file.
 */
final class RejectBuffer implements AutoCloseable {

    static final int MEMORY_LIMIT = 4 << 20;
    private static final int CHUNK = 1 << 20;

    private final long fileId;
    private final String source;
    private final int memoryLimit;
    /** Made at the first reject: most files have none, and a folder of 10,000 small files would zero 640 MB for them. */
    private CopyText rows;
    private Path spill;
    private OutputStream spillOut;
    private long count;

    RejectBuffer(long fileId, String source, int memoryLimit) {
        this.fileId = fileId;
        this.source = source;
        this.memoryLimit = memoryLimit;
    }

    /** Adds a reject; spills to disk once the memory limit is passed. */
    void add(Reject reject) throws IOException {
        if (rows == null) {
            rows = new CopyText(this::spillMidRow, memoryLimit);
        }
        try {
            rows.number(fileId).tab().value(source).tab().number(reject.line()).tab()
                    .value(reject.reason()).tab().value(reject.rawText()).endRow();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        count++;
        if (spillOut == null && rows.size() >= memoryLimit) {
            startSpilling();
        }
        if (spillOut != null && rows.size() >= Math.min(CHUNK, memoryLimit)) {
            spillRows();
        }
    }

    private void startSpilling() throws IOException {
        spill = Files.createTempFile("loanetl-rejects-", ".copy");
        spillOut = new BufferedOutputStream(Files.newOutputStream(spill), CHUNK);
    }

    private void spillRows() throws IOException {
        spillOut.write(rows.bytes(), 0, rows.size());
        rows.clear();
    }

    /** A huge reject filled the buffer part-way through its text: what is encoded so far goes to the file. */
    private void spillMidRow() {
        try {
            if (spillOut == null) {
                startSpilling();
            }
            spillRows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many rejects were added. */
    long count() {
        return count;
    }

    /** Whether the rejects went to a temporary file. */
    boolean spilled() {
        return spill != null;
    }

    /** Writes every reject into an open COPY, in chunks; the caller ends the COPY. */
    void writeTo(CopyIn copy) throws IOException, SQLException {
        if (rows == null) {
            return; // no rejects
        }
        if (spillOut != null) {
            spillOut.write(rows.bytes(), 0, rows.size());
            rows.clear();
            spillOut.close();
            spillOut = null;
            try (InputStream in = Files.newInputStream(spill)) {
                byte[] chunk = new byte[CHUNK];
                int n;
                while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                    copy.writeToCopy(chunk, 0, n);
                }
            }
        } else if (rows.size() > 0) {
            copy.writeToCopy(rows.bytes(), 0, rows.size());
        }
    }

    /** Drops the rejects and deletes the temporary file, if any. Never throws. */
    @Override
    public void close() {
        try {
            if (spillOut != null) {
                spillOut.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next; nothing of it is needed
        }
        try {
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        } catch (IOException ignored) {
            // a leftover temp file is harmless; the OS clears its temp directory
        }
        spillOut = null;
        spill = null;
    }
}
