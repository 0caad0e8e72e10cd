package org.loanetl.spark;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.loanetl.domain.port.LoadTarget;
import org.loanetl.domain.testing.InMemoryLoadLedger;
import org.loanetl.domain.testing.InMemoryLoadSink;

/**
 * A {@link LoadTarget} over the in-memory fakes that survives Spark's serialization: only its id travels, and the
 * fakes are looked up in a static registry, which every executor shares in {@code local[N]} mode (one JVM).
 */
record RegistryTarget(String id) implements LoadTarget {

    private static final Map<String, InMemoryLoadSink> SINKS = new ConcurrentHashMap<>();
    private static final Map<String, InMemoryLoadLedger> LEDGERS = new ConcurrentHashMap<>();

    static RegistryTarget create() {
        return over(new InMemoryLoadLedger());
    }

    /** A target with a sink of its own over this target's ledger: what a later run sees, with nothing committed yet. */
    RegistryTarget nextRun() {
        return over(ledger());
    }

    private static RegistryTarget over(InMemoryLoadLedger ledger) {
        RegistryTarget target = new RegistryTarget(UUID.randomUUID().toString());
        LEDGERS.put(target.id, ledger);
        SINKS.put(target.id, new InMemoryLoadSink(ledger));
        return target;
    }

    /** This target: its in-memory ledger records files loaded in chunks, as PostgreSQL's does. */
    LoadTarget chunking() {
        return this;
    }

    @Override
    public InMemoryLoadSink sink() {
        return SINKS.get(id);
    }

    @Override
    public InMemoryLoadLedger ledger() {
        return LEDGERS.get(id);
    }
}
