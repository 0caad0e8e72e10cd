package org.loanetl.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Renames a file under the archive location without ever replacing another file there: an archived file is the only
 * copy of what was loaded. A name held by the very same bytes means the file was archived already (a copy dropped
 * again, a rename a crash cut short), and the file is then removed. Driver-side only.
 */
final class HadoopArchiveMove {

    private HadoopArchiveMove() {
    }

    /** Whether the file is now archived at {@code target}: renamed there, or its bytes were there already. */
    static boolean claim(FileSystem fs, Path path, Path target) throws IOException {
        if (renameUnlessTaken(fs, path, target)) {
            return true;
        }
        if (!sameContent(fs, path, target)) {
            return false;
        }
        fs.delete(path, false);
        return true;
    }

    /**
     * Renames unless the target exists. Locally a hard link, then the file's removal: {@code link(2)} never replaces a
     * file, where Hadoop's local rename ({@code rename(2)}) does. Elsewhere the rename follows a check (HDFS and S3A
     * refuse to rename over a file anyway).
     */
    private static boolean renameUnlessTaken(FileSystem fs, Path path, Path target) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            boolean linked;
            try {
                linked = Files.createLink(local.pathToFile(target).toPath(), local.pathToFile(path).toPath()) != null;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException | UnsupportedOperationException e) {
                linked = false; // no hard links here: the checked rename below
            }
            if (linked) {
                Files.deleteIfExists(local.pathToFile(path).toPath());
                return true;
            }
        }
        if (fs.exists(target)) {
            return false;
        }
        if (fs.rename(path, target)) {
            return true;
        }
        if (fs.exists(target)) {
            return false;
        }
        throw new IOException(HadoopFiles.display(HadoopLocations.of(path)) + ": cannot move to "
                + HadoopFiles.display(HadoopLocations.of(target)));
    }

    /** Whether two files hold the same bytes: by their ETags where both have one (S3), else byte for byte. */
    private static boolean sameContent(FileSystem fs, Path a, Path b) throws IOException {
        FileStatus first = fs.getFileStatus(a);
        FileStatus second = fs.getFileStatus(b);
        if (first.getLen() != second.getLen()) {
            return false;
        }
        if (first instanceof EtagSource x && second instanceof EtagSource y
                && x.getEtag() != null && y.getEtag() != null) {
            return x.getEtag().equals(y.getEtag());
        }
        byte[] left = new byte[1 << 16];
        byte[] right = new byte[1 << 16];
        try (InputStream x = fs.open(a); InputStream y = fs.open(b)) {
            int n;
            do {
                n = x.readNBytes(left, 0, left.length);
                if (n != y.readNBytes(right, 0, right.length) || !Arrays.equals(left, 0, n, right, 0, n)) {
                    return false;
                }
            } while (n == left.length);
            return true;
        }
    }
}
