package org.loanetl.domain.run;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.SourceFile;

/**
 * Tells every observer of a run, each in turn; what one of them throws is logged and dropped, so that neither a
 * lineage endpoint nor a metrics gateway can fail a load. {@link #ended} is told at most once, whoever calls it
 * first (the run's own end, or a shutdown hook on SIGTERM). Also a {@link LoadListener}, to hear each file's end from
 * the engine, passing each call on to {@code next} (the progress bar).
 */
public final class RunObservers implements RunObserver, LoadListener {

    private static final System.Logger LOG = System.getLogger(RunObservers.class.getName());

    private final List<RunObserver> observers;
    private final LoadListener next;
    private final AtomicBoolean ended = new AtomicBoolean();

    public RunObservers(List<RunObserver> observers, LoadListener next) {
        this.observers = List.copyOf(observers);
        this.next = next;
    }

    /** Whether anyone listens: with no observer, a run need not build what they would be told. */
    public boolean any() {
        return !observers.isEmpty();
    }

    @Override
    public void started(RunInfo run) {
        each("start", o -> o.started(run));
    }

    @Override
    public void started(SourceFile file) {
        next.started(file);
    }

    @Override
    public void read(SourceFile file, long bytes) {
        next.read(file, bytes);
    }

    @Override
    public void finished(FileResult result) {
        next.finished(result);
        each("file end", o -> o.finished(result));
    }

    /** Tells each observer the run ended, unless they were told already; returns whether this call told them. */
    public boolean end(RunInfo run, RunEnd end) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        each("end", o -> o.ended(run, end));
        return true;
    }

    @Override
    public void ended(RunInfo run, RunEnd end) {
        end(run, end);
    }

    @Override
    public void close() {
        each("close", RunObserver::close);
    }

    private void each(String what, Call call) {
        for (RunObserver observer : observers) {
            try {
                call.on(observer);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> observer.getClass().getSimpleName() + " failed on the run's " + what
                        + " (the load goes on): " + e);
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        void on(RunObserver observer);
    }
}
