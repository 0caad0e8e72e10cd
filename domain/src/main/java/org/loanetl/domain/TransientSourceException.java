package org.loanetl.domain;

/**
 * The source failed in a way that passes (throttled, a 5xx answer, a read that timed out or was cut): the file in hand
 * was not committed, and trying it again a little later may well succeed. Load engines retry it within the run's
 * retry budget; any other {@link SourceException} is the file's own trouble and is not retried.
 */
public class TransientSourceException extends SourceException {

    public TransientSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
