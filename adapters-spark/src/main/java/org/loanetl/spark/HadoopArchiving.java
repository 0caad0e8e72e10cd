package org.loanetl.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.source.ArchiveNames;
import org.loanetl.domain.source.ContentChecks;
import org.loanetl.domain.source.MemberLocation;
import org.loanetl.domain.source.PendingZips;
import org.loanetl.domain.source.SourceVersions;

/**
 * The Hadoop source's cleanup, on the driver: archives or deletes a committed file only if it is still the version
 * that was loaded (another file under its name is left for a run to load), a zip once every CSV member in it has
 * committed. Archiving renames the file under the archive location, keeping its path relative to the root it was listed
 * from, under the name {@link ArchiveNames} gives ({@link HadoopArchiveMove} never renames over another file).
 * Idempotent: a file already gone was finished by an earlier run.
 */
final class HadoopArchiving {

    private final HadoopRoots roots;
    private final HadoopFiles files;
    private final ContentChecks checks;
    private final PendingZips<String, HadoopListing.Zip> zips;

    HadoopArchiving(HadoopRoots roots, HadoopFiles files, ContentChecks checks,
                    PendingZips<String, HadoopListing.Zip> zips) {
        this.roots = roots;
        this.files = files;
        this.checks = checks;
        this.zips = zips;
    }

    void finish(SourceFile file, AfterLoad after) throws IOException {
        if (after == AfterLoad.KEEP) {
            return;
        }
        MemberLocation location = MemberLocation.parse(file.location());
        String object = location.object();
        String version = HadoopLocations.isS3(object) ? file.version() : null;
        if (location.isMember()) {
            Optional<HadoopListing.Zip> zip = zips.lastMemberDone(object, location.member());
            if (zip.isEmpty()) {
                return;
            }
            version = zip.get().version();
        }
        Path path = files.path(object);
        FileSystem fs = files.fs(path);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return;
        }
        if (!holds(status, object, file, version, fs)) {
            return; // another file under this name now: this version is gone, the other waits for a run to load it
        }
        if (after == AfterLoad.DELETE) {
            if (!fs.delete(path, false) && fs.exists(path)) {
                throw new IOException(HadoopFiles.display(object) + ": cannot delete");
            }
            return;
        }
        archive(fs, path, object, location.isMember() ? version : file.version());
    }

    /**
     * Renames the file under the archive location, never over another file: a name taken by other bytes gets the file's
     * own version appended (a local zip's own SHA-256, not its last member's version), then a counter; a name holding
     * the same bytes means the file was archived already, and it is removed.
     */
    private void archive(FileSystem fs, Path path, String object, String version) throws IOException {
        String root = roots.rootOf(object);
        String relative = root.equals(object) ? HadoopLocations.name(object) : object.substring(root.length() + 1);
        Path target = files.path(HadoopRoots.join(roots.archiveFolder(root, root.equals(object)), relative));
        fs.mkdirs(target.getParent());
        ArchiveNames.claimFree(target.getName(),
                () -> version != null ? version : HadoopFiles.version(fs, fs.getFileStatus(path), object),
                name -> HadoopArchiveMove.claim(fs, path, new Path(target.getParent(), name)));
    }

    /** Whether the file is still the version loaded (for a zip member, the zip as listed), so it may be cleaned up. */
    private boolean holds(FileStatus status, String object, SourceFile file, String version, FileSystem fs)
            throws IOException {
        if (version != null && version.startsWith(SourceVersions.S3_ETAG)) {
            return version.equals(HadoopFiles.etagVersion(status, object));
        }
        if (MemberLocation.parse(file.location()).isMember()) {
            return true;
        }
        return checks.holds(file, HadoopFiles.stat(status), () -> {
            try (InputStream in = fs.open(status.getPath(), 1 << 16)) {
                return SourceVersions.contentHash(in);
            }
        });
    }
}
