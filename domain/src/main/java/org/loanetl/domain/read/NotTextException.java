package org.loanetl.domain.read;

import java.io.IOException;

/** The bytes are not CSV text (a NUL character, invalid UTF-8); the reader turns it into a refusal. */
final class NotTextException extends IOException {

    NotTextException(String message) {
        super(message);
    }
}
