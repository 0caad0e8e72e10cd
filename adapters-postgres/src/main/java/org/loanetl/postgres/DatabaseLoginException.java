package org.loanetl.postgres;

import org.loanetl.domain.SinkException;

/**
 * The server was reached but refused the login: a wrong password, an unknown role, a database that does not exist.
 * A configuration mistake, unlike a server that cannot be reached, so the CLI answers it with the usage exit code.
 */
public final class DatabaseLoginException extends SinkException {

    DatabaseLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
