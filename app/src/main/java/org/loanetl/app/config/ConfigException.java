package org.loanetl.app.config;

import org.loanetl.domain.LoanEtlException;

/** Bad configuration: the message names the key (or flag, or variable) and why, as in
 * {@code config key filters.min-credit-score: not an integer: "seven hundred"}. Exit code 2. */
public class ConfigException extends LoanEtlException {

    public ConfigException(String message) {
        super(message);
    }
}
