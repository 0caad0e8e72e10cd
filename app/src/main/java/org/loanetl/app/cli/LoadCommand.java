package org.loanetl.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.app.report.ConsoleReport;
import org.loanetl.app.report.ControlCharacters;
import org.loanetl.app.report.JsonReport;
import org.loanetl.app.report.Progress;
import org.loanetl.app.wiring.Database;
import org.loanetl.app.wiring.Faults;
import org.loanetl.app.wiring.Observers;
import org.loanetl.app.wiring.SparkWiring;
import org.loanetl.app.wiring.Wiring;
import org.loanetl.domain.engine.LoadEngine;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.local.DryRun;
import org.loanetl.local.InProcessLoadEngine;
import org.loanetl.spark.SparkStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loan-etl load [SOURCE...]}: loads files into PostgreSQL, each exactly once, and reports what happened. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loads LendingClub loan files (.csv, .csv.gz, .zip) into PostgreSQL, each file exactly once.",
            "Without --db and a config file, loads into an embedded PostgreSQL kept under ~/.loan-etl/."})
final class LoadCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "Folders or files to load (paths or file: URIs), or s3://bucket/prefix URIs. Default: source.paths from the config.")
    List<String> sources = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Where files are loaded: local (this process, default) or spark (see docs/spark.md).")
    String engine;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "Spark master for --engine spark (default: the one spark-submit passes, else local[*] in this process).")
    String sparkMaster;

    @Option(names = "--conf", paramLabel = "spark.KEY=VALUE", description = "A Spark setting for --engine spark. Repeatable.")
    List<String> sparkConf = new ArrayList<>();

    @Option(names = "--after", paramLabel = "ACTION", description = "After a file commits: keep (default), archive or delete it.")
    String after;

    @Option(names = "--archive-dir", paramLabel = "DIR",
            description = "Where --after archive moves files: a folder, or s3://bucket/prefix for S3 sources (default: archive inside each source folder or prefix).")
    String archiveDir;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "An S3-compatible endpoint, e.g. http://127.0.0.1:9000 (default: AWS, or AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL).")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Address buckets as http://host/bucket (most S3-compatible stores need it).")
    boolean s3PathStyle;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    ObserverOptions observerOptions;

    @Option(names = "--threads", paramLabel = "N", description = "Files loaded at once (default 2).")
    String threads;

    @Option(names = "--trust-unchanged", description = "Take a local file's version from the ledger when its size, modification time and inode are as recorded, instead of hashing it again (see docs/configuration.md).")
    boolean trustUnchanged;

    @Option(names = "--files-per-commit", paramLabel = "N",
            description = "Small files (under 4 MB) that may share one commit, 1 to 50 (default 50); 1 commits each file on its own.")
    String filesPerCommit;

    @Option(names = "--chunk-size", paramLabel = "SIZE",
            description = "Files larger than this load as chunks of about this size, each committed on its own, so a big file spreads over Spark's tasks and a rerun resumes where a crash stopped (default 128MB; 0: every file whole).")
    String chunkSize;

    @Option(names = "--current-table", negatable = true,
            description = "Also keep loans_current: one row per loan id, its newest snapshot (docs/rules.md). Default: off.")
    Boolean currentTable;

    @Option(names = "--retry-attempts", paramLabel = "N",
            description = "Tries of a file whose source throttles, answers 5xx or is cut (default 4; 1 retries nothing).")
    String retryAttempts;

    @Option(names = "--wait-for-database", paramLabel = "DURATION",
            description = "How long the run waits for a lost database to come back before its files fail (default 5m; 0 fails them at once).")
    String waitForDatabase;

    @Option(names = "--settle-seconds", paramLabel = "N",
            description = "Leave local files modified less than N seconds ago for a later run (default 0: load every file).")
    String settleSeconds;

    @Option(names = "--dry-run", description = "Read, cast and report; write nothing, touch no database, leave files in place.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    LoadCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings(context.env(), flags());
        if (report != null) {
            OutputFiles.check("--report", report, Wiring.localSourcePaths(settings));
        }
        LoadJob job;
        LoadReport result;
        boolean terminal = System.console() != null && !context.env().containsKey("LOANETL_NO_PROGRESS");
        // the Spark engine reads through Hadoop (its source travels to executors); a dry run is always in-process
        boolean spark = SparkWiring.chosen(settings) && !dryRun;
        try (Progress progress = Progress.forConsole(context.err(), terminal);
             var source = spark ? null : Wiring.source(settings);
             Observers observers = dryRun ? Observers.off(progress) : Observers.of(settings, progress)) {
            var rules = Wiring.rules(settings);
            AfterLoad afterLoad = dryRun ? AfterLoad.KEEP : Wiring.after(settings);
            var retries = Wiring.retries(settings);
            job = (spark ? new LoadJob(SparkWiring.source(settings), rules, afterLoad, observers.listener(), retries)
                    : new LoadJob(Faults.source(source), rules, afterLoad, Faults.listener(observers.listener()),
                            retries)).withChunkSize(settings.bytes(ConfigKey.CHUNK_SIZE));
            int threadCount = (int) settings.integer(ConfigKey.THREADS);
            int perCommit = Wiring.filesPerCommit(settings);
            if (dryRun) {
                DryRun nothing = new DryRun();
                result = new InProcessLoadEngine(nothing, nothing, threadCount).run(job);
            } else {
                // Spark starts while the database opens: both take seconds, and neither needs the other
                try (SparkStart sparkStart = spark ? SparkWiring.begin(settings) : null;
                     Database database = openDatabase(settings, observers)) {
                    if (source != null) {
                        source.trustUnchanged(settings, database.postgres().ledger());
                    }
                    LoadEngine loadEngine = new InProcessLoadEngine(Faults.sink(database.postgres().sink()),
                            database.postgres().ledger(), threadCount, perCommit);
                    result = run(settings, database, job, sparkStart, loadEngine, observers);
                    context.out().println();
                    ConsoleReport.print(result, context.out());
                    if (settings.bool(ConfigKey.DATABASE_CURRENT_TABLE)) {
                        ConsoleReport.printCurrentTableNotes(result, context.out());
                    }
                    context.out().println();
                    context.out().println(database.whereTheDataIs());
                }
            }
        }
        if (dryRun) {
            context.out().println("Dry run: nothing was written.");
            ConsoleReport.print(result, context.out());
        }
        if (report != null) {
            JsonReport.write(result, report);
        }
        if (result.failure() != null) {
            // after the report, so that the files already committed are reported; one line, as every run-ending error
            context.err().println("loan-etl: " + ControlCharacters.escape(result.failure()));
        }
        return exitCode(result);
    }

    /**
     * Runs the job on Spark ({@code sparkStart} given) or in this process, telling the observers when it starts (once
     * Spark is up, with its application as the parent) and how it ends.
     */
    private static LoadReport run(Settings settings, Database database, LoadJob job, SparkStart sparkStart,
                                  LoadEngine loadEngine, Observers observers) {
        LoadReport result;
        try {
            if (sparkStart != null) {
                result = SparkWiring.run(database, job, sparkStart,
                        application -> observers.started(Observers.run(settings, database, application)));
            } else {
                observers.started(Observers.run(settings, database, null));
                result = loadEngine.run(job);
            }
        } catch (RuntimeException | Error e) {
            observers.failed(e);
            throw e;
        }
        observers.ended(result, result.retries());
        return result;
    }

    /** The database; if it cannot be opened, the observers hear the run start and fail (a FAIL event, a push). */
    private static Database openDatabase(Settings settings, Observers observers) {
        try {
            return Wiring.databaseForLoad(settings);
        } catch (RuntimeException e) {
            observers.failedToStart(Observers.unopened(settings), e);
            throw e;
        }
    }

    private static int exitCode(LoadReport result) {
        if (result.failure() != null || result.count(FileStatus.FAILED) > 0 || result.cleanupFailed()) {
            return ExitCode.FAILURE;
        }
        return result.count(FileStatus.REFUSED) > 0 ? ExitCode.REFUSED : ExitCode.OK;
    }

    private Map<ConfigKey, Object> flags() {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SOURCE_PATHS, sources);
        flags.put(ConfigKey.ENGINE, engine);
        flags.put(ConfigKey.SPARK_MASTER, sparkMaster);
        flags.put(ConfigKey.SPARK_CONF, sparkConf);
        flags.put(ConfigKey.SOURCE_AFTER, after);
        flags.put(ConfigKey.SOURCE_ARCHIVE_DIR, archiveDir);
        flags.put(ConfigKey.S3_ENDPOINT, s3Endpoint);
        flags.put(ConfigKey.S3_PATH_STYLE, s3PathStyle ? "true" : null);
        flags.put(ConfigKey.THREADS, threads);
        flags.put(ConfigKey.FILES_PER_COMMIT, filesPerCommit);
        flags.put(ConfigKey.CHUNK_SIZE, chunkSize);
        flags.put(ConfigKey.SOURCE_TRUST_UNCHANGED, trustUnchanged ? "true" : null);
        flags.put(ConfigKey.RETRY_ATTEMPTS, retryAttempts);
        flags.put(ConfigKey.DATABASE_CURRENT_TABLE, currentTable == null ? null : currentTable.toString());
        flags.put(ConfigKey.RETRY_DATABASE_OUTAGE, waitForDatabase);
        flags.put(ConfigKey.SOURCE_SETTLE_SECONDS, settleSeconds);
        flags.putAll(ruleOptions.flags());
        flags.putAll(observerOptions.flags());
        return flags;
    }
}
