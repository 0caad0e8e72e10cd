package org.loanetl.app.wiring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.run.RunEnd;
import org.loanetl.domain.run.RunInfo;
import org.loanetl.domain.run.RunObserver;
import org.loanetl.domain.run.RunObservers;
import org.loanetl.lineage.OpenLineageObserver;
import org.loanetl.metrics.PushgatewayObserver;

/**
 * The observers of one {@code load} run, as the {@code lineage.*} and {@code metrics.*} keys ask (none by default):
 * told when it starts and ends, and, as the job's listener, of each file's end (passed on to the progress bar). A run
 * stopped by SIGTERM or Ctrl-C ends as {@code ABORT}, with the files finished so far, from a shutdown hook that is
 * removed once the run ends by itself.
 */
public final class Observers implements AutoCloseable {

    private final RunObservers observers;
    private final Queue<FileResult> finished = new ConcurrentLinkedQueue<>();
    private RunInfo run;
    private Thread abortHook;

    private Observers(List<RunObserver> chosen, LoadListener next) {
        List<RunObserver> all = new ArrayList<>();
        if (!chosen.isEmpty()) {
            all.add(new RunObserver() {
                @Override
                public void finished(FileResult result) {
                    Observers.this.finished.add(result);
                }
            });
            all.addAll(chosen);
        }
        this.observers = new RunObservers(all, next);
    }

    /** The observers the settings turn on, in front of {@code next}. */
    public static Observers of(Settings settings, LoadListener next) {
        ObserverSettings.configuredParent(settings); // a half-configured parent is refused before anything loads
        List<RunObserver> chosen = new ArrayList<>();
        ObserverSettings.lineage(settings).ifPresent(s -> chosen.add(new OpenLineageObserver(s)));
        ObserverSettings.metrics(settings).ifPresent(s -> chosen.add(new PushgatewayObserver(s)));
        return new Observers(chosen, next);
    }

    /** No observer: every file's end goes to {@code next} only (a dry run). */
    public static Observers off(LoadListener next) {
        return new Observers(List.of(), next);
    }

    /** The job's listener: hears each file's end, and passes every call on. */
    public LoadListener listener() {
        return observers;
    }

    /**
     * What identifies this run: a new id, the engine, the sources, the database (without user or password) and
     * schema it loads into, and its parent: the one {@code lineage.parent.*} names, else {@code sparkApplication}
     * (or {@code null}).
     */
    public static RunInfo run(Settings settings, Database database, RunInfo.ParentRun sparkApplication) {
        RunInfo.ParentRun parent = ObserverSettings.configuredParent(settings);
        return new RunInfo(UUID.randomUUID(), Instant.now(), settings.text(ConfigKey.ENGINE).trim().toLowerCase(Locale.ROOT),
                settings.list(ConfigKey.SOURCE_PATHS), ObserverSettings.lineageName(database.postgres().settings().jdbcUrl()),
                database.postgres().schema(), parent != null ? parent : sparkApplication);
    }

    /**
     * The identity of a run whose database could not be opened (unreachable, a wrong password): the database named
     * from the settings as far as they tell, so that the run's {@code START} and {@code FAIL} still go out.
     */
    public static RunInfo unopened(Settings settings) {
        String url = settings.text(ConfigKey.DATABASE_URL);
        String schema = settings.text(ConfigKey.DATABASE_SCHEMA);
        return new RunInfo(UUID.randomUUID(), Instant.now(), settings.text(ConfigKey.ENGINE).trim().toLowerCase(Locale.ROOT),
                settings.list(ConfigKey.SOURCE_PATHS),
                url == null || url.isBlank() ? "postgres://localhost/embedded" : ObserverSettings.lineageName(url.trim()),
                schema == null || schema.isBlank() ? "loanetl" : schema.trim(), ObserverSettings.configuredParent(settings));
    }

    /** A run that failed before it could start loading (its database could not be opened): started, then failed. */
    public synchronized void failedToStart(RunInfo info, Throwable error) {
        started(info);
        failed(error);
    }

    /** The run starts: observers hear it, and a SIGTERM from now on ends it as {@code ABORT}. */
    public synchronized void started(RunInfo info) {
        if (!observers.any()) {
            return;
        }
        this.run = info;
        abortHook = new Thread(this::aborted, "loan-etl-run-abort");
        Runtime.getRuntime().addShutdownHook(abortHook);
        observers.started(info);
    }

    /**
     * The run ended by itself, as its report says.
     *
     * @param retries the transient failures retried within the run
     */
    public synchronized void ended(LoadReport report, long retries) {
        if (run != null) {
            observers.end(run, RunEnd.of(report, Instant.now(), retries));
            removeHook();
        }
    }

    /** The run stopped on an error it could not report file by file (the engine threw). */
    public synchronized void failed(Throwable error) {
        if (run != null) {
            String why = String.valueOf(error.getMessage() == null ? error : error.getMessage()).lines().findFirst()
                    .orElse(error.getClass().getSimpleName());
            observers.end(run, new RunEnd(RunEnd.Outcome.FAIL, soFar(), why, Instant.now(), 0));
            removeHook();
        }
    }

    private void aborted() {
        if (run != null) {
            observers.end(run, new RunEnd(RunEnd.Outcome.ABORT, soFar(),
                    "stopped (SIGTERM or Ctrl-C) before the run ended", Instant.now(), 0));
            observers.close();
        }
    }

    private LoadReport soFar() {
        return LoadReport.inLocationOrder(List.copyOf(finished), List.of(), null);
    }

    private void removeHook() {
        if (abortHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(abortHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook runs, and finds the run told already
            }
            abortHook = null;
        }
    }

    @Override
    public synchronized void close() {
        removeHook();
        observers.close();
    }
}
