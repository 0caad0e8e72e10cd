package org.loanetl.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.loanetl.domain.SourceException;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.source.ContentChecks;
import org.loanetl.domain.source.LoanFiles;
import org.loanetl.domain.source.PendingZips;
import org.loanetl.domain.source.ZipDirectory;

/**
 * The Hadoop source's listing, on the driver: every loans file under each root ({@link LoanFiles}), in location order,
 * the archive folder left out; zips listed from their directories ({@link ZipDirectory}) and remembered until all
 * their CSV members have committed ({@link PendingZips}); a zip whose directory cannot be read listed as itself, so
 * that its load is refused by name. A local file's listed version and status go to {@link ContentChecks}.
 */
final class HadoopListing {

    /** What is kept of a listed zip: its version when it is an S3 object (its ETag's), {@code null} locally. */
    record Zip(String version) {
    }

    private final HadoopRoots roots;
    private final HadoopFiles files;
    private final ContentChecks checks;
    private final PendingZips<String, Zip> zips;

    HadoopListing(HadoopRoots roots, HadoopFiles files, ContentChecks checks, PendingZips<String, Zip> zips) {
        this.roots = roots;
        this.files = files;
        this.checks = checks;
        this.zips = zips;
    }

    Stream<SourceFile> files(Consumer<String> ignored) {
        // distinct: overlapping roots (a folder and a subfolder of it) would list a file twice
        return roots.roots().stream().flatMap(root -> list(root, ignored)).distinct();
    }

    private Stream<SourceFile> list(String root, Consumer<String> ignored) {
        Path path = files.path(root);
        try {
            FileSystem fs = files.fs(path);
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                return describe(fs, status, ignored);
            }
            String archiveFolder = roots.archiveFolder(root, false);
            List<FileStatus> found = new ArrayList<>();
            everyFile(fs, path, file -> {
                if (!HadoopLocations.under(HadoopLocations.of(file.getPath()), archiveFolder)) {
                    found.add(file);
                }
            });
            found.sort(Comparator.comparing(f -> HadoopLocations.of(f.getPath())));
            return found.stream().flatMap(f -> describe(fs, f, ignored));
        } catch (FileNotFoundException e) {
            throw new SourceException(HadoopFiles.display(root) + ": no such file or folder", e);
        } catch (IOException e) {
            throw new SourceException(HadoopFiles.display(root) + ": cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * Every file under {@code dir}. An object store lists the whole prefix flat, a request a page ({@code listFiles});
     * any other file system is walked folder by folder ({@code listStatusIterator}): its {@code listFiles} would make
     * each file a {@code LocatedFileStatus}, which reads the file's permissions, and on a local file system without
     * Hadoop's native library each of those is an {@code ls -ld} process (1,000 files: about 4 s).
     */
    private static void everyFile(FileSystem fs, Path dir, Consumer<FileStatus> found) throws IOException {
        if (String.valueOf(fs.getUri().getScheme()).startsWith("s3")) {
            RemoteIterator<LocatedFileStatus> listing = fs.listFiles(dir, true);
            while (listing.hasNext()) {
                LocatedFileStatus file = listing.next();
                if (file.isFile()) {
                    found.accept(file);
                }
            }
            return;
        }
        RemoteIterator<FileStatus> listing = fs.listStatusIterator(dir);
        while (listing.hasNext()) {
            FileStatus entry = listing.next();
            if (entry.isDirectory()) {
                everyFile(fs, entry.getPath(), found);
            } else if (entry.isFile()) {
                found.accept(entry);
            }
        }
    }

    private Stream<SourceFile> describe(FileSystem fs, FileStatus status, Consumer<String> ignored) {
        String location = HadoopLocations.of(status.getPath());
        String name = HadoopLocations.name(location);
        try {
            if (LoanFiles.isZip(name)) {
                return members(fs, status, location, ignored);
            }
            if (LoanFiles.isCsv(name)) {
                String version = HadoopFiles.version(fs, status, location);
                if (!location.startsWith("s3:")) {
                    checks.listed(location, HadoopFiles.stat(status), version);
                }
                return Stream.of(new SourceFile(location, version, status.getLen()));
            }
        } catch (IOException e) {
            ignored.accept(HadoopFiles.display(location) + ": cannot read: " + e.getMessage());
            return Stream.empty();
        }
        ignored.accept(LoanFiles.notALoansFile(HadoopFiles.display(location)));
        return Stream.empty();
    }

    private Stream<SourceFile> members(FileSystem fs, FileStatus zip, String location, Consumer<String> ignored)
            throws IOException {
        List<ZipDirectory.Entry> entries;
        try (FSDataInputStream in = fs.open(zip.getPath())) {
            entries = ZipDirectory.read(zip.getLen(), HadoopFiles.positioned(in));
        } catch (ZipException e) {
            // a corrupt or truncated zip is a bad file: listed as itself, so that its load is refused by name
            return Stream.of(new SourceFile(location, HadoopFiles.version(fs, zip, location), zip.getLen()));
        }
        List<ZipDirectory.Entry> csv = LoanFiles.csvMembers(entries, HadoopFiles.display(location), ignored);
        if (!csv.isEmpty()) {
            String version = location.startsWith("s3:") ? HadoopFiles.etagVersion(zip, location) : null;
            zips.listed(location, new Zip(version), csv.stream().map(ZipDirectory.Entry::name).toList());
        }
        return csv.stream().map(e -> e.file(location));
    }
}
