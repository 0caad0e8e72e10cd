package org.loanetl.domain.port;

import java.io.Serializable;

/**
 * Where loads go, as a value that can travel: the sink and the ledger, opened where they are used. A distributed
 * engine ships one to its workers (Spark serializes it into each task), and each worker connects on its own; so an
 * implementation holds only settings, never a connection, and opens (or reuses, one per JVM) what it needs on the
 * first call. The settings may hold a secret (a database password): an implementation must not print it.
 */
public interface LoadTarget extends Serializable {

    /**
     * The sink for this JVM. Before: nothing. After: a sink that can begin loads; repeated calls may return the same
     * one.
     *
     * @throws org.loanetl.domain.SinkException when the destination cannot be reached
     */
    LoadSink sink();

    /**
     * The ledger for this JVM, over the same destination as {@link #sink()}.
     *
     * @throws org.loanetl.domain.SinkException when the destination cannot be reached
     */
    LoadLedger ledger();
}
