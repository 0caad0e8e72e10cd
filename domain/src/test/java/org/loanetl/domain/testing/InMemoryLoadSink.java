package org.loanetl.domain.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.loanetl.domain.SinkException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.FileTransaction;
import org.loanetl.domain.port.GroupTransaction;
import org.loanetl.domain.port.LoadSink;
import org.loanetl.domain.rules.FileLayout;

/**
 * A {@link LoadSink} in memory that keeps the port's promises: rows and rejects stay invisible until commit, the
 * commit records the ledger entry in the same step, a file already in the ledger or claimed by an open load is not
 * begun again, and a load closed without commit leaves nothing. Groups ({@link #beginGroup}) hold their files'
 * commits until the group commits, and their claims until it ends. Can be told to fail at begin or at commit (of a
 * file, or of the group that holds it), or not to group at all. Writes {@code begin}, {@code commit} and
 * {@code rollback} (each with the file name; a grouped file's commit when its group commits), {@code group commit}
 * and {@code group rollback} to its journal. Thread-safe.
 */
public final class InMemoryLoadSink implements LoadSink {

    private final InMemoryLoadLedger ledger;
    private final Journal journal;
    private final List<CommittedLoad> committed = new ArrayList<>();
    private final Set<String> claims = new HashSet<>();
    private final Set<String> failBegin = new HashSet<>();
    private final Set<String> failCommit = new HashSet<>();
    private final Set<String> failGroupCommit = new HashSet<>();
    private boolean groups = true;

    public InMemoryLoadSink(InMemoryLoadLedger ledger) {
        this(ledger, new Journal());
    }

    public InMemoryLoadSink(InMemoryLoadLedger ledger, Journal journal) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** Makes {@link #begin} of this file throw a {@link SinkException}, as an unreachable database would. */
    public synchronized void failBeginning(SourceFile file) {
        failBegin.add(file.location());
    }

    /** Makes the commit of this file throw a {@link SinkException}; nothing of it becomes visible. */
    public synchronized void failCommitting(SourceFile file) {
        failCommit.add(file.location());
    }

    /** Lets every commit succeed again. */
    public synchronized void commitAgain() {
        failCommit.clear();
    }

    /** Makes the commit of any group that holds this file throw; nothing of that group becomes visible. */
    public synchronized void failGroupCommitting(SourceFile file) {
        failGroupCommit.add(file.location());
    }

    /** Whether {@link #beginGroup} gives groups (the default) or none, as a sink that cannot group. */
    public synchronized void groups(boolean on) {
        groups = on;
    }

    @Override
    public synchronized Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
        return begin(file, layout, null);
    }

    private synchronized Optional<FileTransaction> begin(SourceFile file, FileLayout layout, Group group) {
        journal.add("begin " + file.name());
        if (failBegin.contains(file.location())) {
            throw new SinkException("cannot reach the database", new java.net.ConnectException("connection refused"));
        }
        if (ledger.find(file).isPresent() || !claims.add(claim(file))) {
            return Optional.empty();
        }
        return Optional.of(new Load(file, layout, group));
    }

    @Override
    public synchronized Optional<GroupTransaction> beginGroup() {
        return groups ? Optional.of(new Group()) : Optional.empty();
    }

    /** Every committed load, in commit order. */
    public synchronized List<CommittedLoad> committed() {
        return List.copyOf(committed);
    }

    /** The committed load of exactly this file and version, if any. */
    public synchronized Optional<CommittedLoad> committed(SourceFile file) {
        return committed.stream().filter(c -> c.file().equals(file)).findFirst();
    }

    /** Every row committed so far, all files together. */
    public synchronized List<LoanRow> rows() {
        return committed.stream().flatMap(c -> c.rows().stream()).toList();
    }

    /** Every reject committed so far, all files together. */
    public synchronized List<Reject> rejects() {
        return committed.stream().flatMap(c -> c.rejects().stream()).toList();
    }

    /** Whether a load has been begun and neither committed nor closed. */
    public synchronized boolean hasOpenLoads() {
        return !claims.isEmpty();
    }

    private synchronized void commit(Load load, LoadCounts counts, AfterLoad then) {
        if (failCommit.contains(load.file.location())) {
            throw new SinkException(load.file.name() + ": commit failed: connection lost", null);
        }
        if (load.group != null) {
            load.group.pending.add(new Pending(load, counts, then));
            return;
        }
        publish(load, counts, then);
    }

    private synchronized void publish(Load load, LoadCounts counts, AfterLoad then) {
        committed.add(new CommittedLoad(load.file, load.layout, load.rows, load.rejects, counts));
        ledger.record(new LedgerEntry(load.file, counts, InMemoryLoadLedger.LOADED_AT,
                then == AfterLoad.KEEP ? AfterLoad.KEEP : null));
        if (then != null && then != AfterLoad.KEEP) {
            ledger.intend(load.file, then);
        }
        if (load.sums != null) {
            ledger.sums(load.file, load.sums);
        }
        journal.add("commit " + load.file.name());
    }

    private synchronized void close(Load load) {
        if (load.group != null) {
            if (!load.committed) {
                // its part of the group is rolled back; the group's claim on it lasts until the group ends
                journal.add("rollback " + load.file.name());
            }
            return;
        }
        if (claims.remove(claim(load.file)) && !load.committed) {
            journal.add("rollback " + load.file.name());
        }
    }

    private synchronized void commit(Group group) {
        for (Pending pending : group.pending) {
            if (failGroupCommit.contains(pending.load.file.location())) {
                throw new SinkException("group commit failed: connection lost", null);
            }
        }
        group.pending.forEach(p -> publish(p.load, p.counts, p.then));
        journal.add("group commit");
    }

    private synchronized void close(Group group) {
        for (Load load : group.begun) {
            claims.remove(claim(load.file));
        }
        if (!group.committed && !group.pending.isEmpty()) {
            journal.add("group rollback");
        }
    }

    private record Pending(Load load, LoadCounts counts, AfterLoad then) {
    }

    private final class Group implements GroupTransaction {

        private final List<Load> begun = new ArrayList<>();
        private final List<Pending> pending = new ArrayList<>();
        private boolean committed;
        private boolean closed;

        @Override
        public Optional<FileTransaction> begin(SourceFile file, FileLayout layout) {
            Optional<FileTransaction> load = InMemoryLoadSink.this.begin(file, layout, this);
            load.ifPresent(l -> begun.add((Load) l));
            return load;
        }

        @Override
        public boolean usable() {
            return !closed && !committed;
        }

        @Override
        public void commit() {
            InMemoryLoadSink.this.commit(this);
            committed = true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                InMemoryLoadSink.this.close(this);
            }
        }
    }

    private static String claim(SourceFile file) {
        return file.location() + "@" + file.version();
    }

    private final class Load implements FileTransaction {

        private final SourceFile file;
        private final FileLayout layout;
        private final Group group;
        private final List<LoanRow> rows = new ArrayList<>();
        private final List<Reject> rejects = new ArrayList<>();
        private org.loanetl.domain.model.ControlSums sums;
        private boolean committed;
        private boolean closed;

        Load(SourceFile file, FileLayout layout, Group group) {
            this.file = file;
            this.layout = layout;
            this.group = group;
        }

        @Override
        public void add(LoanRow row) {
            open();
            rows.add(row);
        }

        @Override
        public void reject(Reject reject) {
            open();
            rejects.add(reject);
        }

        @Override
        public void controlSums(org.loanetl.domain.model.ControlSums sums) {
            open();
            this.sums = sums;
        }

        @Override
        public void commit(LoadCounts counts, AfterLoad then) {
            open();
            InMemoryLoadSink.this.commit(this, counts, then);
            this.committed = true;
        }

        @Override
        public void close() {
            if (!closed) {
                this.closed = true;
                InMemoryLoadSink.this.close(this);
            }
        }

        private void open() {
            if (closed || committed) {
                throw new IllegalStateException(file.name() + ": load already " + (closed ? "closed" : "committed"));
            }
        }
    }
}
