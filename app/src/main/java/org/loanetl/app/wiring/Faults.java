package org.loanetl.app.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.ForwardingFileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.FileLayout;

/**
 * Fault injection for the reliability suite (docs/reliability.md): with the system property {@value #PROPERTY} set
 * to {@code STEP:N}, the JVM halts, as {@code kill -9} would (no shutdown hooks, no cleanup), at the N-th time a load
 * reaches that step. Steps: {@code read} (N KiB read), {@code copy} (the N-th row handed to the database), {@code
 * commit} (just after the N-th file's commit became visible, before its cleanup: with small files sharing a commit,
 * just after the commit of the group that holds the N-th file), {@code finish} (just after the N-th archive or
 * delete, before the ledger records it), {@code replay} (the N-th stored reject a replay hands to its transaction).
 * Without the property every method returns what it was given, unchanged.
 */
public final class Faults {

    public static final String PROPERTY = "loanetl.fault";
    /** The exit status of a halted run, the same as a process killed by SIGKILL. */
    public static final int HALT_STATUS = 137;

    private static final Optional<Faults> CONFIGURED = parse(System.getProperty(PROPERTY));

    private final String step;
    private final long at;
    private final AtomicLong count = new AtomicLong();

    private Faults(String step, long at) {
        this.step = step;
        this.at = at;
    }

    private static Optional<Faults> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return Optional.empty();
        }
        String[] parts = spec.split(":");
        return Optional.of(new Faults(parts[0].trim(), Long.parseLong(parts[1].trim())));
    }

    /** The source, halting at {@code finish:N}. */
    public static LoanFileSource source(LoanFileSource source) {
        return CONFIGURED.filter(f -> f.step.equals("finish")).<LoanFileSource>map(f -> new HaltingSource(source, f))
                .orElse(source);
    }

    /** The sink, halting at {@code copy:N} or {@code commit:N}; its groups too. */
    public static LoadSink sink(LoadSink sink) {
        return CONFIGURED.filter(f -> f.step.equals("copy") || f.step.equals("commit"))
                .<LoadSink>map(f -> new HaltingSink(sink, f))
                .orElse(sink);
    }

    /** A sink whose loads, on their own or in a group, halt at {@code copy:N} or {@code commit:N}. */
    static final class HaltingSink implements LoadSink {

        private final LoadSink sink;
        private final Faults faults;

        HaltingSink(LoadSink sink, Faults faults) {
            this.sink = sink;
            this.faults = faults;
        }

        @Override
        public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
            return sink.begin(file, layout).map(load -> faults.wrap(load, null));
        }

        @Override
        public Optional<GroupTransaction> beginGroup() {
            return sink.beginGroup().map(group -> new GroupTransaction() {
                private final AtomicLong files = new AtomicLong();

                @Override
                public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
                    return group.begin(file, layout).map(load -> faults.wrap(load, files));
                }

                @Override
                public boolean usable() {
                    return group.usable();
                }

                @Override
                public void commit() {
                    group.commit();
                    if (faults.step.equals("commit")) {
                        faults.tick(files.get());
                    }
                }

                @Override
                public void close() {
                    group.close();
                }
            });
        }
    }

    /** The reject store, whose replays halt at {@code replay:N}. */
    public static org.loanetl.domain.port.RejectStore rejects(org.loanetl.domain.port.RejectStore store) {
        return CONFIGURED.filter(f -> f.step.equals("replay"))
                .<org.loanetl.domain.port.RejectStore>map(f -> new HaltingRejectStore(store, () -> f.tick(1)))
                .orElse(store);
    }

    /** The listener, halting at {@code read:N} (KiB). */
    public static LoadListener listener(LoadListener listener) {
        return CONFIGURED.filter(f -> f.step.equals("read")).<LoadListener>map(f -> new LoadListener() {
            @Override
            public void started(SourceFile file) {
                listener.started(file);
            }

            @Override
            public void read(SourceFile file, long bytes) {
                listener.read(file, bytes);
                f.tick(bytes / 1024.0);
            }

            @Override
            public void finished(FileResult result) {
                listener.finished(result);
            }
        }).orElse(listener);
    }

    /**
     * A source that halts after the N-th {@code finish}. Every other method of {@link LoanFileSource}, its defaults
     * included, is passed on: a default left in place would silently change a run with faults ({@code owns} unpassed
     * never finishes a cleanup a crash interrupted).
     */
    static final class HaltingSource implements LoanFileSource {

        private final LoanFileSource source;
        private final Faults faults;

        HaltingSource(LoanFileSource source, Faults faults) {
            this.source = source;
            this.faults = faults;
        }

        @Override
        public Stream<SourceFile> files(Consumer<String> ignored) {
            return source.files(ignored);
        }

        @Override
        public InputStream open(SourceFile file) throws IOException {
            return source.open(file);
        }

        @Override
        public void confirmUnchanged(SourceFile file) throws IOException {
            source.confirmUnchanged(file);
        }

        @Override
        public void finish(SourceFile file, AfterLoad after) throws IOException {
            source.finish(file, after);
            faults.tick(1);
        }

        @Override
        public boolean slowToOpen(SourceFile file) {
            return source.slowToOpen(file);
        }

        @Override
        public boolean owns(SourceFile file) {
            return source.owns(file);
        }

        @Override
        public boolean readsRanges(SourceFile file) {
            return source.readsRanges(file);
        }

        @Override
        public InputStream openRange(SourceFile file, long start, long end) throws IOException {
            return source.openRange(file, start, end);
        }

        @Override
        public void confirmRangeUnchanged(SourceFile file) throws IOException {
            source.confirmRangeUnchanged(file);
        }
    }

    /** @param inGroup counts the group's committed files, whose commit becomes visible with the group's; else null */
    private FileTransaction wrap(FileTransaction load, AtomicLong inGroup) {
        return new ForwardingFileTransaction(load) {
            @Override
            public void add(LoanRow row) {
                if (step.equals("copy")) {
                    tick(1);
                }
                load.add(row);
            }

            @Override
            public void commit(LoadCounts counts, AfterLoad then) {
                load.commit(counts, then);
                if (inGroup != null) {
                    inGroup.incrementAndGet();
                } else if (step.equals("commit")) {
                    tick(1);
                }
            }
        };
    }

    private void tick(double amount) {
        long before = count.getAndAdd((long) Math.ceil(amount));
        if (before < at && before + Math.ceil(amount) >= at) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
