package org.loanetl.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.engine.LoadEngine;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.ListingBatches;
import org.loanetl.domain.load.LoadFile;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadTarget;
import org.loanetl.domain.port.LoanFileSource;

/**
 * Loads files on Spark executors. The driver lists the files through the job's source, skips those the ledger has
 * (one query per {@link ListingBatches batch}; their cleanups are finished on the driver, and they are never shipped),
 * and packs the rest into tasks ({@link FileGroups}: a large file is a task of its own, small files share one); each
 * task runs the domain's {@link LoadFile#load} for each of its files (read, classify, commit through the target's
 * sink in one transaction per file) where it runs, with the sink and ledger its executor opened from the shipped
 * {@link LoadTarget}; the results come back to the driver, which keeps, archives or deletes each committed file
 * ({@link LoadFile#finish}: cleanup only after commit, and in one place), tells the listener, and reports the files in
 * location order, as the in-process engine does. Before listing, the driver finishes the cleanups a crash
 * interrupted ({@link LoadFile#finishInterruptedCleanups}).
 *
 * <p>A retried or speculative task cannot load a file twice: the sink claims {@code (location, version)} (in
 * PostgreSQL an advisory lock held by the load's transaction) and checks the ledger under that claim, and the
 * ledger's unique key on {@code (location, version)} refuses a second commit. A second attempt of a committed file
 * is therefore {@code skipped}; an attempt that finds another still loading the file reports it skipped ("being
 * loaded by another runner"), and if Spark then kills the attempt that was loading (speculation does this), the file
 * is simply loaded by the next run. Speculation buys nothing here and is best left off (Spark's default).
 *
 * <p>A file is read by one task, however large, unless the job sets a chunk size ({@link LoadJob#chunkSize}): then
 * the driver cuts each larger file that can be read in byte ranges into chunks ({@link LoadFile#planChunks}, reading
 * it once end to end), each chunk is a task of its own ({@link LoadFile#loadChunk}, committed with its own ledger
 * entry), and once all are back the driver records the file ({@link LoadFile#completeChunks}), cleans it up and
 * reports it as one file ({@link ChunkedFiles}). A rerun loads only the chunks not yet committed.
 *
 * <p>The job's source must be {@link Serializable} (it is shipped to executors): {@link HadoopLoanFileSource} is.
 * Driver-side only.
 */
public final class SparkLoadEngine implements LoadEngine, AutoCloseable {

    private final JavaSparkContext spark;
    private final LoadTarget target;
    private final boolean ownsContext;

    /** An engine on a Spark context the caller owns (and stops). */
    public SparkLoadEngine(JavaSparkContext spark, LoadTarget target) {
        this(spark, target, false);
    }

    private SparkLoadEngine(JavaSparkContext spark, LoadTarget target, boolean ownsContext) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.target = Objects.requireNonNull(target, "target");
        this.ownsContext = ownsContext;
    }

    /**
     * Starts (or joins, under {@code spark-submit}) a Spark context and an engine on it; {@link #close} stops it.
     * Without a master from the settings or {@code spark-submit}, runs {@code local[*]} in this JVM, bound to
     * loopback. The Spark UI is off unless {@code spark.ui.enabled} says otherwise.
     */
    public static SparkLoadEngine start(SparkSettings settings, LoadTarget target) {
        return owning(startContext(settings), target);
    }

    /** The context {@link #start} runs on. */
    static JavaSparkContext startContext(SparkSettings settings) {
        SparkConf conf = new SparkConf(true);
        conf.setIfMissing("spark.app.name", "loan-etl");
        if (settings.master() != null) {
            conf.setMaster(settings.master());
        }
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.ui.enabled", "false");
        settings.conf().forEach(conf::set);
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return new JavaSparkContext(SparkContext.getOrCreate(conf));
    }

    /** An engine that stops the context when it is closed. */
    static SparkLoadEngine owning(JavaSparkContext spark, LoadTarget target) {
        return new SparkLoadEngine(spark, target, true);
    }

    @Override
    public LoadReport run(LoadJob job) {
        if (!(job.source() instanceof Serializable)) {
            throw new LoanEtlException("the Spark engine ships the source to its executors, and "
                    + job.source().getClass().getSimpleName() + " cannot be shipped");
        }
        LoadFile driver = new LoadFile(job.source(), target.sink(), target.ledger(), job.rules(), job.after(),
                job.listener(), job.retries(), job.chunkSize());
        List<FileResult> results = new ArrayList<>(driver.finishInterruptedCleanups());
        List<String> ignored = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        String failure = null;
        try (Stream<SourceFile> listed = job.source().files(ignored::add)) {
            listed.forEach(files::add);
        } catch (RuntimeException e) {
            // the listing failed (a folder that cannot be read): the files listed before it still load, as the
            // in-process engine loads them, and the report says what they did and why the run stopped
            failure = LoadReport.whyListingStopped(e);
        }
        // files the ledger has are skipped (and their cleanups finished) here, a query per batch: never shipped
        List<SourceFile> toLoad = new ArrayList<>();
        // only a file the ledger was asked about may load in chunks: one it could not answer for loads whole, and
        // its load says why (a file loaded whole before must not be loaded again chunk by chunk)
        List<SourceFile> mayChunk = new ArrayList<>();
        ListingBatches batches = ListingBatches.of(files.iterator());
        while (batches.hasNext()) {
            List<SourceFile> batch = batches.next();
            Map<SourceFile, LedgerEntry> lookedUp = driver.lookUp(batch);
            for (SourceFile file : batch) {
                if (lookedUp == null || !lookedUp.containsKey(file)) {
                    toLoad.add(file);
                    if (lookedUp != null && job.chunkSize() > 0) {
                        mayChunk.add(file);
                    }
                } else {
                    results.add(driver.run(file, lookedUp));
                }
            }
        }
        toLoad.forEach(job.listener()::started);
        // a large file is read once here, end to end, to find where its chunks begin
        ChunkedFiles chunked = ChunkedFiles.plan(driver, mayChunk);
        List<FileResult> loaded = toLoad.isEmpty() ? List.of() : loadOnExecutors(job, toLoad, chunked, driver);
        for (FileResult result : loaded) {
            FileResult finished = driver.finish(result);
            job.listener().finished(finished);
            results.add(finished);
        }
        return LoadReport.inLocationOrder(results, ignored, failure);
    }

    /**
     * Loads the files on the executors: each chunk of a file loaded in chunks is a task of its own (the chunks first,
     * being the largest), the other files are packed into tasks ({@link FileGroups}). Gives one result per file.
     */
    private List<FileResult> loadOnExecutors(LoadJob job, List<SourceFile> files, ChunkedFiles chunked,
                                             LoadFile driver) {
        List<byte[]> shipped = new ArrayList<>();
        chunked.all().forEach(chunk -> shipped.add(JavaBytes.of(new ArrayList<>(List.of(chunk)))));
        List<SourceFile> whole = files.stream().filter(f -> !chunked.has(f)).toList();
        for (List<SourceFile> task : FileGroups.pack(whole, spark.defaultParallelism())) {
            shipped.add(JavaBytes.of(new ArrayList<>(task)));
        }
        LoadOnExecutor load = new LoadOnExecutor((LoanFileSource & Serializable) job.source(), target, job.rules(),
                job.after(), job.retries(), job.chunkSize());
        spark.setJobDescription("loan-etl: load " + files.size() + " file(s) in " + shipped.size() + " task(s)");
        List<FileResult> results;
        try {
            // each task sends its results back as one list
            results = spark.parallelize(shipped, shipped.size()).flatMap(load).collect().stream()
                    .flatMap(bytes -> JavaBytes.read(bytes, ArrayList.class).stream())
                    .map(FileResult.class::cast).toList();
        } catch (RuntimeException e) {
            // the job as a whole failed (an executor lost too often, a task that could not be sent): files (and
            // chunks) whose task committed stay committed; the next run skips them and loads or finishes the rest
            String why = "the Spark job failed before this file's result came back (it may have committed; the next"
                    + " run skips it if so): " + firstLine(e);
            return files.stream().map(f -> FileResult.failed(f, why).withChunks(chunked.count(f))).toList();
        } finally {
            spark.setJobDescription(null);
        }
        return chunked.gather(results, driver);
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }

    /** Stops the Spark context if this engine started it. */
    @Override
    public void close() {
        if (ownsContext) {
            spark.stop();
        }
    }
}
