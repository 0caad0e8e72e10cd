package org.loanetl.domain;

/** Root of loan-etl's exceptions; its message is written for the user and never carries a secret. */
public class LoanEtlException extends RuntimeException {

    public LoanEtlException(String message) {
        super(message);
    }

    public LoanEtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
