package org.loanetl.domain;

/**
 * A whole file is refused: nothing from it is loaded and the file stays where it was. The message names the file
 * and the reason ({@code 2012.csv: refused: header lacks column loan_status}); {@link #reason()} is the reason alone.
 */
public class FileRefusedException extends LoanEtlException {

    private final String reason;

    public FileRefusedException(String file, String reason) {
        super(file + ": refused: " + reason);
        this.reason = reason;
    }

    /** Why the file was refused, without the file name. */
    public String reason() {
        return reason;
    }
}
