package org.loanetl.domain.port;

import java.util.List;
import org.loanetl.domain.model.RejectSelection;
import org.loanetl.domain.model.RejectedFile;
import org.loanetl.domain.rules.FileLayout;

/** Where rejected rows are kept with their files' headers, for a replay under later rules. */
public interface RejectStore {

    /**
     * The files that have rejects the selection chooses, in load order. Changes nothing.
     *
     * @return each with its header ({@code null} when not kept) and how many rejects were chosen
     */
    List<RejectedFile> files(RejectSelection selection);

    /**
     * Starts a replay of one file's chosen rejects, in a transaction of its own. Waits while another replay of the same
     * file is open, so that the rejects {@link ReplayTransaction#next} then reads are those left after it: two replays
     * never move one row twice.
     *
     * @param layout today's mapping of the file's stored header: the rows it loads have these columns
     * @throws org.loanetl.domain.SinkException when the store cannot be reached
     */
    ReplayTransaction begin(RejectedFile file, RejectSelection selection, FileLayout layout);
}
