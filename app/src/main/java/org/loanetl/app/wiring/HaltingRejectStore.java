package org.loanetl.app.wiring;

import java.util.List;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.model.LoadCounts;
import org.loanetl.domain.model.LoanRow;
import org.loanetl.domain.model.Reject;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.RejectedFile;
import org.loanetl.domain.port.RejectStore;
import org.loanetl.domain.port.ReplayTransaction;
import org.loanetl.domain.rules.FileLayout;

/** A reject store whose replays call {@code tick} before each reject handed on: {@link Faults} halts there. */
final class HaltingRejectStore implements RejectStore {

    private final RejectStore store;
    private final Runnable tick;

    HaltingRejectStore(RejectStore store, Runnable tick) {
        this.store = store;
        this.tick = tick;
    }

    @Override
    public List<RejectedFile> files(RejectSelection selection) {
        return store.files(selection);
    }

    @Override
    public ReplayTransaction begin(RejectedFile file, RejectSelection selection, FileLayout layout) {
        ReplayTransaction replay = store.begin(file, selection, layout);
        return new ReplayTransaction() {
            @Override
            public List<Reject> next(long afterLine, int limit) {
                return replay.next(afterLine, limit);
            }

            @Override
            public void loaded(LoanRow row) {
                tick.run();
                replay.loaded(row);
            }

            @Override
            public void filtered(LoanRow row, FilterReason reason) {
                tick.run();
                replay.filtered(row, reason);
            }

            @Override
            public void stillRejected(Reject reject) {
                tick.run();
                replay.stillRejected(reject);
            }

            @Override
            public void commit(LoadCounts replayed, String rules) {
                replay.commit(replayed, rules);
            }

            @Override
            public void close() {
                replay.close();
            }
        };
    }
}
