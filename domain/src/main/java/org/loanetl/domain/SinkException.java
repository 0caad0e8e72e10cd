package org.loanetl.domain;

/** The destination failed (database down, connection lost): the file in hand was not committed. */
public class SinkException extends LoanEtlException {

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
