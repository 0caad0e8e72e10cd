package org.loanetl.domain.testing;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;

/**
 * A {@link LoanFileSource} over files held in memory under {@code mem:/loans/<name>}, versioned by a hash of their
 * content. It archives under {@code mem:/archive/<name>}, and can be told to fail opening, reading (after some
 * bytes) or finishing a file. Writes {@code open <name>} and {@code finish <name> <action>} to its journal.
 */
public final class InMemoryLoanFileSource implements LoanFileSource {

    public static final String PREFIX = "mem:/loans/";

    private final Journal journal;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, byte[]> archive = new LinkedHashMap<>();
    private final Map<String, String> ignored = new LinkedHashMap<>();
    private final Set<String> failOpening = ConcurrentHashMap.newKeySet();
    private final Set<String> failFinishing = ConcurrentHashMap.newKeySet();
    private final Set<String> changing = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> failReadingAfter = new ConcurrentHashMap<>();
    private volatile RuntimeException finishThrows;

    public InMemoryLoanFileSource() {
        this(new Journal());
    }

    public InMemoryLoanFileSource(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** Puts (or replaces) a file; the returned {@link SourceFile} carries the content's version. */
    public synchronized SourceFile put(String name, byte[] content) {
        files.put(PREFIX + name, content.clone());
        return new SourceFile(PREFIX + name, version(content), content.length);
    }

    /** Puts (or replaces) a file of UTF-8 text. */
    public SourceFile put(String name, String content) {
        return put(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Lists an entry that is not a loans file; {@link #files} passes it to its {@code ignored} callback. */
    public synchronized void putIgnored(String name, String why) {
        ignored.put(PREFIX + name, why);
    }

    /** Makes {@link #open} of this file throw. */
    public void failOpening(SourceFile file) {
        failOpening.add(file.location());
    }

    /** Makes reading this file throw an {@link IOException} once {@code bytes} bytes have been read. */
    public void failReadingAfter(SourceFile file, long bytes) {
        failReadingAfter.put(file.location(), bytes);
    }

    /** Makes {@link #confirmUnchanged} of this file throw, as for a file still being written while it is read. */
    public void changeWhileRead(SourceFile file) {
        changing.add(file.location());
    }

    @Override
    public void confirmUnchanged(SourceFile file) {
        if (changing.contains(file.location())) {
            throw new SourceChangedException(file.name() + ": changed while being read");
        }
    }

    /** Makes {@link #finish} of this file throw an {@link IOException}. */
    public void failFinishing(SourceFile file) {
        failFinishing.add(file.location());
    }

    /** Makes every {@link #finish} throw this unchecked exception, as a cloud SDK would. */
    public void finishThrows(RuntimeException e) {
        this.finishThrows = e;
    }

    @Override
    public synchronized Stream<SourceFile> files(Consumer<String> ignoredEntries) {
        ignored.forEach((location, why) -> ignoredEntries.accept(location + ": " + why));
        List<SourceFile> listed = files.entrySet().stream()
                .map(e -> new SourceFile(e.getKey(), version(e.getValue()), e.getValue().length))
                .toList();
        return listed.stream();
    }

    @Override
    public InputStream open(SourceFile file) throws IOException {
        journal.add("open " + file.name());
        if (failOpening.contains(file.location())) {
            throw new IOException("cannot open " + file.name() + ": access denied");
        }
        byte[] content = current(file);
        Long failAfter = failReadingAfter.get(file.location());
        return failAfter == null ? new ByteArrayInputStream(content) : new FailingInputStream(content, failAfter);
    }

    @Override
    public void finish(SourceFile file, AfterLoad after) throws IOException {
        journal.add("finish " + file.name() + " " + after.label());
        if (finishThrows != null) {
            throw finishThrows;
        }
        if (failFinishing.contains(file.location())) {
            throw new IOException("cannot " + after.label() + " " + file.name() + ": access denied");
        }
        synchronized (this) {
            byte[] there = files.get(file.location());
            // only the very version loaded: another file since put under its name is left alone
            byte[] content = after == AfterLoad.KEEP || there == null || !version(there).equals(file.version())
                    ? null : files.remove(file.location());
            if (after == AfterLoad.ARCHIVE && content != null) {
                archive.put("mem:/archive/" + file.location().substring(PREFIX.length()), content);
            }
        }
    }

    /** Every file reads ranges, unless {@link #readsNoRanges} said otherwise. */
    @Override
    public boolean readsRanges(SourceFile file) {
        return ranges;
    }

    /** Makes this source read no byte ranges, as a gzipped file's cannot be. */
    public void readsNoRanges() {
        ranges = false;
    }

    private volatile boolean ranges = true;

    @Override
    public InputStream openRange(SourceFile file, long start, long end) throws IOException {
        journal.add("openRange " + file.name() + " " + start + "-" + end);
        if (failOpening.contains(file.location())) {
            throw new IOException("cannot open " + file.name() + ": access denied");
        }
        byte[] content = current(file);
        return new ByteArrayInputStream(content, (int) start, (int) (Math.min(end, content.length) - start));
    }

    /** Every location under {@link #PREFIX} is this source's, listed now or not. */
    @Override
    public boolean owns(SourceFile file) {
        return file.location().startsWith(PREFIX);
    }

    /** Whether the file is still in the source. */
    public synchronized boolean contains(SourceFile file) {
        return files.containsKey(file.location());
    }

    /** The locations of the archived files. */
    public synchronized Set<String> archived() {
        return Set.copyOf(archive.keySet());
    }

    private synchronized byte[] current(SourceFile file) throws FileNotFoundException {
        byte[] content = files.get(file.location());
        if (content == null) {
            throw new FileNotFoundException(file.location() + " does not exist");
        }
        return content;
    }

    /** A short hash of the content, as an ETag would be. */
    public static String version(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves some bytes, then fails as a dropped connection does. */
    private static final class FailingInputStream extends InputStream {

        private final ByteArrayInputStream content;
        private long left;

        FailingInputStream(byte[] content, long failAfter) {
            this.content = new ByteArrayInputStream(content);
            this.left = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                throw new IOException("connection reset");
            }
            int n = content.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
