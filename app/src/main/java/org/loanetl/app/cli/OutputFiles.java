package org.loanetl.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.loanetl.app.config.ConfigException;

/**
 * Checks a file a command is asked to write ({@code --report}, {@code generate --out}) before any work is done: it
 * must not be a folder, its folder must exist (nothing is created on a guess: a typo would make folders anywhere,
 * even at the root), and it must not be a source file or lie inside a source folder, where it would overwrite a loans
 * file or be listed as one.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * @param option  the option that named it, for the message ({@code --report})
     * @param file    the file to write
     * @param sources the local sources of the run (files or folders); s3:// ones are left out by the caller
     */
    static void check(String option, Path file, List<Path> sources) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new ConfigException("option " + option + ": " + file + " is a folder: name a file in it");
        }
        Path parent = target.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ConfigException("option " + option + ": " + file + ": folder " + parent
                    + " does not exist (create it first)");
        }
        for (Path source : sources) {
            Path root = source.toAbsolutePath().normalize();
            if (target.equals(root)) {
                throw new ConfigException("option " + option + ": " + file + " is a source file: it would be"
                        + " overwritten; write it elsewhere");
            }
            if (Files.isDirectory(root) && target.startsWith(root)) {
                throw new ConfigException("option " + option + ": " + file + " is inside the source folder " + root
                        + ": it could overwrite a loans file or be listed as one; write it elsewhere");
            }
        }
    }
}
