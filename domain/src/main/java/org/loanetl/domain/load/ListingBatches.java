package org.loanetl.domain.load;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.loanetl.domain.model.SourceFile;

/**
 * A listing cut into batches for one ledger query each ({@link LoadFile#lookUp}): a batch ends after
 * {@code maxFiles} files, or as soon as its files hold {@code maxBytes} bytes, so a large file is never kept waiting
 * behind the listing of many more (a local file's version is its hash: listing it reads it). Lazy: the listing is
 * read no further than the batch being made. Not thread-safe.
 */
public final class ListingBatches implements Iterator<List<SourceFile>> {

    /** Files per batch: a ledger query of this many keys is still one quick index lookup. */
    public static final int FILES = 256;
    /** Bytes per batch: 64 MiB, a fraction of a second of hashing or loading. */
    public static final long BYTES = 64L << 20;

    private final Iterator<SourceFile> listing;
    private final int maxFiles;
    private final long maxBytes;
    /** What the listing threw after the files of the last batch; thrown by the next call. */
    private RuntimeException failure;

    public ListingBatches(Iterator<SourceFile> listing, int maxFiles, long maxBytes) {
        if (maxFiles < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a batch holds at least one file and one byte");
        }
        this.listing = listing;
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
    }

    /** Batches of at most {@link #FILES} files and about {@link #BYTES} bytes. */
    public static ListingBatches of(Iterator<SourceFile> listing) {
        return new ListingBatches(listing, FILES, BYTES);
    }

    @Override
    public boolean hasNext() {
        return failure != null || listing.hasNext();
    }

    /**
     * The next batch. A listing that fails part way through a batch (a folder that cannot be read) hands over the
     * files listed before the failure first; the next call throws what the listing threw.
     */
    @Override
    public List<SourceFile> next() {
        if (failure != null) {
            RuntimeException thrown = failure;
            failure = null;
            throw thrown;
        }
        if (!listing.hasNext()) {
            throw new NoSuchElementException();
        }
        List<SourceFile> batch = new ArrayList<>();
        long bytes = 0;
        try {
            while (batch.size() < maxFiles && bytes < maxBytes && listing.hasNext()) {
                SourceFile file = listing.next();
                batch.add(file);
                bytes += Math.max(0, file.size());
            }
        } catch (RuntimeException e) {
            if (batch.isEmpty()) {
                throw e;
            }
            failure = e;
        }
        return batch;
    }
}
