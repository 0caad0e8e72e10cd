package org.loanetl.domain;

/**
 * The destination itself is gone (the database cannot be reached, or dropped the connection), not just this file's
 * load: engines stop starting new files, since each would fail the same way, and the rerun continues.
 */
public class DestinationLostException extends SinkException {

    public DestinationLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
