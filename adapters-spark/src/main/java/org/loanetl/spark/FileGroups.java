package org.loanetl.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.loanetl.domain.model.SourceFile;

/**
 * Packs files into Spark tasks, as Spark's own file sources pack files into partitions: largest first, each into the
 * current task until it would pass the target, every file counted with an opening cost besides its bytes. A file is
 * never split (one file, one transaction); a file larger than the target is a task of its own. The target is the
 * bytes spread over {@value #TASKS_PER_SLOT} tasks per slot (so a slow task is not the whole job's tail), at least
 * {@value #MIN_TARGET_BYTES} bytes and at most {@value #MAX_TARGET_BYTES}. A thousand files of 25 KB on two slots make
 * eight tasks, not a thousand: a task costs the scheduler and the executor milliseconds, and a file's own transaction
 * a few more.
 */
final class FileGroups {

    /** What a file costs beyond its bytes (a transaction, a ledger row, opening it), in bytes' worth of loading. */
    static final long OPEN_COST_BYTES = 256L << 10;
    static final long MIN_TARGET_BYTES = 4L << 20;
    static final long MAX_TARGET_BYTES = 128L << 20;
    static final int TASKS_PER_SLOT = 4;

    private FileGroups() {
    }

    /** The files in tasks for {@code slots} cores; every file in exactly one task. */
    static List<List<SourceFile>> pack(List<SourceFile> files, int slots) {
        long total = files.stream().mapToLong(f -> cost(f)).sum();
        long target = Math.min(MAX_TARGET_BYTES,
                Math.max(MIN_TARGET_BYTES, total / ((long) Math.max(1, slots) * TASKS_PER_SLOT)));
        List<SourceFile> largestFirst = new ArrayList<>(files);
        largestFirst.sort(Comparator.comparingLong(SourceFile::size).reversed().thenComparing(SourceFile::location));
        List<List<SourceFile>> tasks = new ArrayList<>();
        List<SourceFile> task = new ArrayList<>();
        long bytes = 0;
        for (SourceFile file : largestFirst) {
            if (!task.isEmpty() && bytes + cost(file) > target) {
                tasks.add(task);
                task = new ArrayList<>();
                bytes = 0;
            }
            task.add(file);
            bytes += cost(file);
        }
        if (!task.isEmpty()) {
            tasks.add(task);
        }
        return tasks;
    }

    private static long cost(SourceFile file) {
        return Math.max(0, file.size()) + OPEN_COST_BYTES;
    }
}
