package org.loanetl.domain;

/**
 * The file changed while it was being read (a copy or an upload still running, an edit in place): the bytes loaded
 * are not one version of it, so nothing of it may commit. It stays where it was, and a later run loads it.
 */
public class SourceChangedException extends SourceException {

    public SourceChangedException(String message) {
        super(message, null);
    }
}
