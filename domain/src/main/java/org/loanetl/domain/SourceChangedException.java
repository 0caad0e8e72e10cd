package org.loanetl.domain;

/**
 * The file changed while it was being read (a copy or an upload still running, an edit in place): the bytes loaded
 * are not one version of it, so nothing of it may commit. It stays where it was, and a later run loads it.
 */
public class SourceChangedException extends SourceException {

    public SourceChangedException(String message) {
        super(message, null);
    }

    /** The file at {@code where} changed while it was read, as {@code how} says; the message says what follows. */
    public static SourceChangedException whileRead(String where, String how) {
        return new SourceChangedException(where + ": changed while being read (" + how + "); nothing of it committed,"
                + " left in place for a later run");
    }
}
