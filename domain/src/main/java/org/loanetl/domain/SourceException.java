package org.loanetl.domain;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The source failed (I/O error, lost connection): the file in hand was not committed and stays where it was. */
public class SourceException extends LoanEtlException {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A folder, prefix or file that could not be listed, in one line that names it: {@code /data/in/2012: cannot list:
     * permission denied}. The place is the one the file system names, when it names one (a subfolder deep inside a
     * listed folder), else {@code where}.
     */
    public static SourceException cannotList(String where, IOException e) {
        String place = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : where;
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or folder (removed while it was listed?)";
        } else if (e instanceof FileSystemException f) {
            why = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        } else {
            why = String.valueOf(e.getMessage());
        }
        return new SourceException(place + ": cannot list: " + why, e);
    }
}
