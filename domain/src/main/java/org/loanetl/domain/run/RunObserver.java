package org.loanetl.domain.run;

import org.loanetl.domain.load.FileResult;

/**
 * Hears a run from its start to its end: lineage events and metrics implement it. Each call is made once per run
 * and in this order: {@link #started}, {@link #finished} for each file as it ends (from the threads that load, so
 * it must be thread-safe), {@link #ended}, {@link #close}. An observer reports its own trouble (an endpoint that does
 * not answer) in its log and returns: whatever it throws is logged and dropped by {@link RunObservers}, never fails
 * the load.
 */
public interface RunObserver extends AutoCloseable {

    /** The run starts; no file has been listed yet. */
    default void started(RunInfo run) {
    }

    /** A file's load ended, however it ended. */
    default void finished(FileResult result) {
    }

    /** The run ended: completed, failed or aborted; nothing is called after this but {@link #close}. */
    default void ended(RunInfo run, RunEnd end) {
    }

    /** Frees what the observer holds (threads, connections); after {@link #ended}, or instead of it on a crash. */
    @Override
    default void close() {
    }
}
