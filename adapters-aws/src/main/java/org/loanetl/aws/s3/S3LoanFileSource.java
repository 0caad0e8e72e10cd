package org.loanetl.aws.s3;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipException;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.source.LoanFiles;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Loans files under {@code s3://bucket/prefix} URIs: every {@code .csv}, {@code .csv.gz} and {@code .zip} (each CSV
 * member) key, in S3's key order and each once however the given prefixes overlap, listed a page at a time as the
 * caller consumes the stream (a bucket of any size is walked with one page in memory). A file's version is its ETag
 * and size ({@link ObjectVersion}); every read is pinned to it. Objects are streamed, never buffered whole; a zip's
 * members are streamed from their offsets ({@link ZipObjects}), with no temp file. A zip whose directory cannot be
 * read is listed as itself and refused when opened, as by every source.
 *
 * <p>Archiving copies a file under the archive location, keeping its key relative to the source prefix, then deletes
 * it; a zip is archived or deleted once every CSV member in it has committed. A refused or failed file is never
 * touched. Failures of S3 itself are {@link org.loanetl.domain.SourceException}s naming the bucket and key; a read
 * that dies mid-object is an {@link IOException} from the stream. Driver-side only; close it to release the client.
 */
public final class S3LoanFileSource implements LoanFileSource, AutoCloseable {

    private final List<S3Root> roots;
    private final S3Location archive;
    private final int pageSize;
    private final S3Client s3;
    private final ObjectReads reads;
    private final ZipObjects zips;
    private final S3Cleanup cleanup;
    private final S3Errors errors;

    /**
     * @param uris     {@code s3://bucket/prefix} URIs to load from
     * @param settings how to reach S3, and where {@code archive} copies files
     * @throws LoanEtlException when a URI is not an {@code s3://} URI with a valid bucket name
     */
    public S3LoanFileSource(List<String> uris, S3Settings settings) {
        this(uris, settings, S3Cleanup.MAX_SINGLE_COPY, S3Cleanup.DEFAULT_PART);
    }

    /** With a smaller multipart-copy threshold and part size, for tests. */
    S3LoanFileSource(List<String> uris, S3Settings settings, long copyLimit, long partSize) {
        this.roots = uris.stream().map(S3Root::parse).toList();
        this.archive = settings.archive() == null ? null : S3Location.parse(settings.archive());
        this.pageSize = settings.pageSize();
        this.s3 = S3Clients.build(settings);
        this.errors = new S3Errors(S3Clients.region(settings).id(),
                settings.endpoint() == null ? null : settings.endpoint().toString());
        this.reads = new ObjectReads(s3, errors);
        this.zips = new ZipObjects(reads);
        this.cleanup = new S3Cleanup(s3, errors, copyLimit, partSize);
    }

    @Override
    public Stream<SourceFile> files(Consumer<String> ignored) {
        // an iterator, not flatMap: a stream pulled through iterator() would buffer a flatMapped root's whole listing
        Iterator<SourceFile> files = new Iterator<>() {
            private final Iterator<S3Root> left = roots.iterator();
            private final Deque<SourceFile> ready = new ArrayDeque<>();
            private Iterator<S3Object> objects = Collections.emptyIterator();
            private S3Root root;
            private int rootIndex = -1;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty()) {
                    if (objects.hasNext()) {
                        S3Object o = objects.next();
                        if (root.contains(o.key()) && !o.key().endsWith("/") && !underArchive(root, o.key())
                                && !listedEarlier(rootIndex, o.key())) {
                            ready.addAll(describe(S3Location.of(root.bucket(), o.key()), new ObjectVersion(o.eTag(), o.size()), ignored));
                        }
                    } else if (left.hasNext()) {
                        root = left.next();
                        rootIndex++;
                        objects = new KeyListing(s3, errors, root, pageSize);
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public SourceFile next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(files, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Whether a root given before the {@code index}-th lists this key too: prefixes that overlap ({@code loans/} and
     * {@code loans/2011/}) list each key once, under the first root that holds it, which is also the root its archive
     * key is made from. Nothing is remembered of the listing, so a bucket of any size is still walked a page at a time.
     */
    private boolean listedEarlier(int index, String key) {
        S3Root root = roots.get(index);
        return roots.subList(0, index).stream().anyMatch(r -> r.bucket().equals(root.bucket()) && r.contains(key));
    }

    private boolean underArchive(S3Root root, String key) {
        if (archive == null) {
            return key.startsWith(root.defaultArchive(key));
        }
        return archive.bucket().equals(root.bucket()) && key.startsWith(new S3Root(archive.bucket(), archive.key()).folder());
    }

    private List<SourceFile> describe(S3Location location, ObjectVersion version, Consumer<String> ignored) {
        if (LoanFiles.isZip(location.key())) {
            try {
                return zips.members(location, version, ignored);
            } catch (ZipException e) {
                // a corrupt or truncated zip is a bad file: listed as itself, so that its load is refused by name
                return List.of(new SourceFile(location.toString(), version.toString(), version.size()));
            } catch (IOException | LoanEtlException e) {
                String why = e.getMessage().startsWith(location + ": ") ? e.getMessage().substring(location.toString().length() + 2) : e.getMessage();
                ignored.accept(location + ": cannot read: " + why);
                return List.of();
            }
        }
        if (LoanFiles.isCsv(location.key())) {
            return List.of(new SourceFile(location.toString(), version.toString(), version.size()));
        }
        ignored.accept(LoanFiles.notALoansFile(location.toString()));
        return List.of();
    }

    @Override
    public InputStream open(SourceFile file) throws IOException {
        S3Location location = S3Location.parse(file.location());
        if (location.member() != null) {
            return zips.open(location);
        }
        ObjectVersion version = ObjectVersion.parse(file.version());
        if (LoanFiles.isZip(location.key())) {
            throw zips.unreadable(location, version);
        }
        InputStream in = new BufferedInputStream(reads.open(location, version, 0), LoanFiles.readBuffer(version.size()));
        return LoanFiles.unpacked(location.key(), in);
    }

    /** A plain key, not gzipped: a large one loads in chunks, each a ranged GET pinned to its ETag. */
    @Override
    public boolean readsRanges(SourceFile file) {
        S3Location location = S3Location.parse(file.location());
        String key = location.key().toLowerCase(java.util.Locale.ROOT);
        return location.member() == null && !LoanFiles.isZip(key) && !key.endsWith(".gz");
    }

    /**
     * A byte range of a plain key, with {@code If-Match} on its listed ETag, as every read: a key rewritten since it was
     * listed fails the chunk, so {@link #confirmRangeUnchanged} needs to check nothing more.
     */
    @Override
    public InputStream openRange(SourceFile file, long start, long end) throws IOException {
        if (!readsRanges(file)) {
            throw new IOException(file.name() + ": cannot be read in byte ranges");
        }
        S3Location location = S3Location.parse(file.location());
        return new BufferedInputStream(reads.open(location, ObjectVersion.parse(file.version()), start, end),
                LoanFiles.readBuffer(end - start));
    }

    @Override
    public void finish(SourceFile file, AfterLoad after) throws IOException {
        if (after == AfterLoad.KEEP) {
            return;
        }
        S3Location location = S3Location.parse(file.location());
        Optional<ObjectVersion> version = location.member() == null
                ? Optional.of(ObjectVersion.parse(file.version())) : zips.lastMemberDone(location);
        if (version.isEmpty()) {
            return;
        }
        S3Location object = location.object();
        cleanup.archiveOrDelete(object, version.get(), after == AfterLoad.ARCHIVE ? archiveTarget(object) : null);
    }

    /** Plain objects under one of the roots; zip members are finished only once their zip is listed again. */
    @Override
    public boolean slowToOpen(SourceFile file) {
        return true; // a GET: tens of milliseconds from S3, each
    }

    @Override
    public boolean owns(SourceFile file) {
        if (!S3Location.isS3(file.location())) {
            return false;
        }
        try {
            S3Location location = S3Location.parse(file.location());
            return location.member() == null && roots.stream()
                    .anyMatch(r -> r.bucket().equals(location.bucket()) && r.contains(location.key()));
        } catch (LoanEtlException e) {
            return false;
        }
    }

    private S3Location archiveTarget(S3Location object) {
        S3Root root = roots.stream().filter(r -> r.bucket().equals(object.bucket()) && r.contains(object.key()))
                .findFirst().orElse(new S3Root(object.bucket(), object.key()));
        String relative = root.relative(object.key());
        if (archive != null) {
            return S3Location.of(archive.bucket(), new S3Root(archive.bucket(), archive.key()).folder() + relative);
        }
        return S3Location.of(object.bucket(), root.defaultArchive(object.key()) + relative);
    }

    /** Releases the S3 client's connections. */
    @Override
    public void close() {
        s3.close();
    }
}
