package org.loanetl.domain.load;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.loanetl.domain.DestinationLostException;
import java.util.random.RandomGenerator;

/**
 * How a run heals itself from failures that pass, instead of failing the file: a source that throttles or answers
 * 5xx, a read cut in the middle ({@link org.loanetl.domain.TransientSourceException}), a database that drops or
 * refuses connections ({@link org.loanetl.domain.DestinationLostException}). Errors that do not pass (a wrong
 * password, a missing bucket, a refused file) are never retried.
 *
 * <p>The waits grow exponentially from {@code firstDelay} to at most {@code maxDelay}, each drawn at random between
 * half and all of its step (jitter), so that threads and runners that failed together do not retry together.
 *
 * @param attempts    how many times a file is tried when its source fails in a way that passes, the first included;
 *                    1 retries nothing
 * @param firstDelay  the wait before the first retry
 * @param maxDelay    the longest wait between two tries
 * @param outageLimit how long a run waits for a lost database to come back, counted from the first failure of the
 *                    outage, before the files it holds fail (the next run loads them); zero fails them at once
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Duration outageLimit)
        implements Serializable {

    /** Four tries of a file's source, waits from 1 s to 30 s, and five minutes for a lost database. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    /** No retries: every failure fails its file at once, as before self-healing. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(outageLimit, "outageLimit");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (firstDelay.isNegative() || maxDelay.isNegative() || outageLimit.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") is shorter than firstDelay (" + firstDelay + ")");
        }
    }

    /**
     * Calls {@code reach} (opening the database, say) until it does not find the destination lost, waiting between
     * tries as a run waits for a lost database, for at most {@link #outageLimit}; tells {@code waiting} each wait
     * before it begins.
     *
     * @throws DestinationLostException the last failure, once the limit has passed (or at once, with no limit)
     */
    public <T> T reaching(Supplier<T> reach, BiConsumer<DestinationLostException, Duration> waiting) {
        Retrying retrying = Retrying.of(this);
        for (int retry = 0; ; retry++) {
            try {
                return reach.get();
            } catch (DestinationLostException e) {
                if (!retrying.again(retry, e, wait -> waiting.accept(e, wait))) {
                    throw e;
                }
            }
        }
    }

    /**
     * The wait before retry number {@code retry} (0 for the first): {@code firstDelay * 2^retry}, at most
     * {@code maxDelay}, then a random part of it between half and all.
     */
    public Duration delay(int retry, RandomGenerator random) {
        long first = firstDelay.toMillis();
        long max = maxDelay.toMillis();
        long step = retry >= 30 ? max : Math.min(max, first << retry);
        if (step <= 1) {
            return Duration.ofMillis(step);
        }
        long half = step / 2;
        return Duration.ofMillis(half + random.nextLong(step - half + 1));
    }
}
