package org.loanetl.app.cli;

/** What loan-etl's exit code means; scripts rely on these numbers. */
public final class ExitCode {

    /** Every file loaded or skipped (loaded before). */
    public static final int OK = 0;
    /** A failure: the database or the source failed, or a cleanup did not finish. Committed files stay committed. */
    public static final int FAILURE = 1;
    /** Bad usage or configuration (a refused database login included); nothing was done. */
    public static final int USAGE = 2;
    /** A file was refused; the others were committed. */
    public static final int REFUSED = 3;

    private ExitCode() {
    }
}
