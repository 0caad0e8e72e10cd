package org.loanetl.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.loanetl.domain.load.CommitGroups;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.load.OtherAttempts;
import org.loanetl.domain.load.RetryPolicy;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileChunk;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadTarget;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;

/**
 * One task of {@link SparkLoadEngine}, where it runs: a list of files, loaded one after the other, runs of small files
 * sharing a transaction ({@link LoadFile#loadGroup}); or a list of one chunk of a file ({@link LoadFile#loadChunk}).
 * It leaves the sources as they are (the driver cleans up). A file's or a chunk's trouble is its result, named as
 * the driver expects it (a chunk's by its ledger file); the task goes on. A task's results travel back together, as
 * one list in Java bytes ({@link JavaBytes}): one stream per task describes each class once, where a stream per file
 * described them ten thousand times for ten thousand small files, on the executors and again on the driver.
 */
final class LoadOnExecutor implements FlatMapFunction<byte[], byte[]> {

    private static final long serialVersionUID = 1L;

    /** How long a later attempt waits for a file an earlier one holds; then it reports it skipped, as before. */
    private static final Duration OTHER_ATTEMPTS_LIMIT = Duration.ofHours(1);
    /**
     * How long a later attempt holds its results back once an attempt it waited for has committed, so that attempt's
     * result (with the counts) reaches the driver first and this one is killed ({@link OtherAttempts}).
     */
    private static final Duration OTHER_ATTEMPTS_GRACE = Duration.ofSeconds(30);

    private final LoanFileSource source;
    private final LoadTarget target;
    private final LoadRules rules;
    private final AfterLoad after;
    private final RetryPolicy retries;
    private final long chunkSize;

    <S extends LoanFileSource & Serializable> LoadOnExecutor(S source, LoadTarget target, LoadRules rules,
                                                             AfterLoad after, RetryPolicy retries, long chunkSize) {
        this.retries = retries;
        this.source = source;
        this.target = target;
        this.rules = rules;
        this.after = after;
        this.chunkSize = chunkSize;
    }

    @Override
    public Iterator<byte[]> call(byte[] task) {
        List<?> items = JavaBytes.read(task, ArrayList.class);
        ArrayList<FileResult> results = new ArrayList<>(items.size());
        LoadFile loadFile;
        try {
            loadFile = new LoadFile(source, target.sink(), target.ledger(), rules, after, LoadListener.NONE, retries,
                    chunkSize);
        } catch (RuntimeException e) {
            // the executor cannot reach the target: these files fail, as they would in-process, and the job goes on
            for (Object item : items) {
                SourceFile file = item instanceof FileChunk chunk ? chunk.ledgerFile() : (SourceFile) item;
                results.add(FileResult.failed(file, file.name() + ": " + e.getMessage()));
            }
            return shipBack(results);
        }
        // a retried or speculative attempt waits for a file or chunk another attempt holds (OtherAttempts)
        TaskContext attempt = TaskContext.get();
        boolean laterAttempt = attempt != null && attempt.attemptNumber() > 0;
        OtherAttempts others = new OtherAttempts(loadFile, OTHER_ATTEMPTS_LIMIT, OTHER_ATTEMPTS_GRACE);
        if (!items.isEmpty() && items.get(0) instanceof FileChunk chunk) {
            FileResult loaded = laterAttempt ? others.chunk(chunk) : loadFile.loadChunk(chunk);
            results.add(loaded);
            others.holdBackSkips();
            return shipBack(results);
        }
        @SuppressWarnings("unchecked")
        List<SourceFile> files = (List<SourceFile>) items;
        // the task's files looked up in one query, not one each (the driver skipped those loaded when it listed them;
        // this catches one committed since, and the sink checks again under each file's claim)
        Map<SourceFile, LedgerEntry> lookedUp = files.size() > 1 ? loadFile.lookUp(files) : null;
        // runs of small files share a commit, as in-process; a lost database fails the rest of the task at once
        for (List<SourceFile> group : CommitGroups.of(files, CommitGroups.MAX_FILES_PER_COMMIT)) {
            List<FileResult> loaded = group.size() == 1 && !loadFile.destinationLost()
                    ? List.of(loadFile.load(group.get(0))) : loadFile.loadGroup(group, lookedUp);
            for (FileResult result : loaded) {
                results.add(laterAttempt ? others.file(result) : result);
            }
        }
        others.holdBackSkips();
        return shipBack(results);
    }

    /** The task's results as one element: their list in Java bytes. */
    private static Iterator<byte[]> shipBack(ArrayList<FileResult> results) {
        return List.of(JavaBytes.of(results)).iterator();
    }
}
