package org.loanetl.domain.engine;

import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadReport;

/**
 * Runs a load: takes the files a source lists and puts each through {@link org.loanetl.domain.load.LoadFile}, the
 * one per-file use case, so every engine gives the same result row for row. Engines differ only in where and how
 * many files run at once.
 */
public interface LoadEngine {

    /** Loads every listed file once and reports each; a failed file does not stop the others. */
    LoadReport run(LoadJob job);
}
