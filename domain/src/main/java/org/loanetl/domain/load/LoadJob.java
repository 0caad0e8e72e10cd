package org.loanetl.domain.load;

import java.util.Objects;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;

/**
 * What to load and how: the source, the rules, what to do with each file after its commit, who hears about it, and
 * how failures that pass are retried, and the size of the chunks large files load in (0: every file whole).
 * Driver-side only (the source and the listener are not shipped to executors).
 */
public record LoadJob(LoanFileSource source, LoadRules rules, AfterLoad after, LoadListener listener,
                      RetryPolicy retries, long chunkSize) {

    public LoadJob {
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must not be negative, was " + chunkSize);
        }
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(listener, "listener");
    }

    /** A job that loads every file whole. */
    public LoadJob(LoanFileSource source, LoadRules rules, AfterLoad after, LoadListener listener,
                   RetryPolicy retries) {
        this(source, rules, after, listener, retries, 0);
    }

    /** This job, loading files larger than {@code bytes} in chunks of about that size ({@link LoadFile#planChunks}). */
    public LoadJob withChunkSize(long bytes) {
        return new LoadJob(source, rules, after, listener, retries, bytes);
    }

    /** A job that retries nothing ({@link RetryPolicy#NONE}). */
    public LoadJob(LoanFileSource source, LoadRules rules, AfterLoad after, LoadListener listener) {
        this(source, rules, after, listener, RetryPolicy.NONE);
    }
}
