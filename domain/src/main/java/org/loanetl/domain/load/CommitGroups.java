package org.loanetl.domain.load;

import java.util.ArrayList;
import java.util.List;
import org.loanetl.domain.model.SourceFile;

/**
 * Which files share a commit ({@link LoadFile#runGroup}): runs of small files, in listing order, at most
 * {@code filesPerCommit} files and {@link #GROUP_BYTES} bytes a group; a file of {@link #SMALL_FILE_BYTES} or more
 * is a group of its own, handed out as soon as it is met, ahead of the small files around it (its load takes long
 * enough that its commit costs nothing by comparison, and grouping it would only hold the small files' locks and rows
 * back). A commit is what a small file's load costs most: a durable
 * one waits for the disk, so a thousand files of 50 rows took ten times as long as the same rows in one file.
 *
 * <p>A group holds its files until it commits (a sink may keep their rows in memory till then; their claims last
 * till then), so groups stay small: at most {@link #MAX_FILES_PER_COMMIT} files and {@link #GROUP_BYTES} bytes.
 */
public final class CommitGroups {

    /** Files of this size or more load in a transaction of their own. */
    public static final long SMALL_FILE_BYTES = 4L << 20;
    /** The bytes of the files of one group, at most (a file may take a group past it). */
    public static final long GROUP_BYTES = 16L << 20;
    /** The most files one commit may hold, and the default. */
    public static final int MAX_FILES_PER_COMMIT = 50;

    private CommitGroups() {
    }

    /**
     * The files in groups, every file in exactly one; the small files in their order.
     *
     * @param filesPerCommit at most this many files a group, from 1 (each file its own transaction) to
     *                       {@link #MAX_FILES_PER_COMMIT}
     */
    public static List<List<SourceFile>> of(List<SourceFile> files, int filesPerCommit) {
        return of(files, filesPerCommit, SMALL_FILE_BYTES);
    }

    /**
     * {@link #of(List, int)}, with every file of {@code aloneFrom} bytes or more in a group of its own as well: a file
     * larger than the chunk size loads in chunks ({@link LoadFile#planChunks}), each committed on its own, never in a
     * shared commit.
     */
    public static List<List<SourceFile>> of(List<SourceFile> files, int filesPerCommit, long aloneFrom) {
        long alone = Math.min(SMALL_FILE_BYTES, aloneFrom);
        if (filesPerCommit < 1 || filesPerCommit > MAX_FILES_PER_COMMIT) {
            throw new IllegalArgumentException("files per commit must be 1 to " + MAX_FILES_PER_COMMIT + ", was "
                    + filesPerCommit);
        }
        List<List<SourceFile>> groups = new ArrayList<>();
        List<SourceFile> group = new ArrayList<>();
        long bytes = 0;
        for (SourceFile file : files) {
            if (file.size() >= alone) {
                groups.add(List.of(file));
                continue;
            }
            if (group.size() == filesPerCommit || (!group.isEmpty() && bytes + file.size() > GROUP_BYTES)) {
                groups.add(group);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(file);
            bytes += Math.max(0, file.size());
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
