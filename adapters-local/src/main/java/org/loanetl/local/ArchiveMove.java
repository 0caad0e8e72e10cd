package org.loanetl.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loanetl.domain.source.ArchiveNames;

/**
 * Moves a file under the archive folder without ever replacing another file there, under the name
 * {@link ArchiveNames} gives (its own, else with its own version appended, else a counter). A name held by the very
 * same bytes means the file was archived already (a copy dropped again, a move a crash cut short): the file is then
 * removed.
 */
final class ArchiveMove {

    private ArchiveMove() {
    }

    /**
     * Moves {@code file} to {@code target} or a name beside it that no other content holds.
     *
     * @param own the file's own SHA-256 version, asked only when its own name is taken
     */
    static void move(Path file, Path target, ArchiveNames.OwnVersion own) throws IOException {
        ArchiveNames.claimFree(target.getFileName().toString(), own, name -> claim(file, target.resolveSibling(name)));
    }

    /** Whether the file is now archived at {@code target}: moved there, or its bytes were there already. */
    private static boolean claim(Path file, Path target) throws IOException {
        try {
            moveUnlessTaken(file, target);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (Files.notExists(file)) {
                return true; // archived meanwhile by another runner that loaded it too
            }
            if (Files.isSameFile(file, target) || Files.size(file) == Files.size(target)
                    && Files.mismatch(file, target) == -1) {
                Files.deleteIfExists(file);
                return true;
            }
            return false;
        }
    }

    /**
     * A hard link, then the file's removal: {@code link(2)} never replaces a file, where {@code rename(2)} (and with
     * it {@code Files.move}, atomic or not) may. Where there are no hard links (another file system, say), a plain
     * move, which also refuses a taken name.
     */
    private static void moveUnlessTaken(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.move(file, target);
            return;
        }
        Files.deleteIfExists(file); // gone already if another runner archived it at the same moment
    }
}
