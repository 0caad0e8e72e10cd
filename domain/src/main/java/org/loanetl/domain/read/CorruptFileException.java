package org.loanetl.domain.read;

import java.io.IOException;

/**
 * The file's bytes cannot be unpacked: a corrupt or truncated gzip or zip. A bad file, like one that is not CSV text:
 * it is refused and left in place, not failed (a failure tells a scheduler to retry, and a retry reads the same bytes).
 * The message says what is wrong without the file's name ({@code not a readable gzip file: Not in GZIP format}); the
 * refusal adds it.
 */
public final class CorruptFileException extends IOException {

    public CorruptFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
