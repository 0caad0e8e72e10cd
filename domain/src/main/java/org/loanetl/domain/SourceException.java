package org.loanetl.domain;

/** The source failed (I/O error, lost connection): the file in hand was not committed and stays where it was. */
public class SourceException extends LoanEtlException {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
