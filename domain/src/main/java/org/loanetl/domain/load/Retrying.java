package org.loanetl.domain.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.loanetl.domain.DestinationLostException;
import org.loanetl.domain.TransientSourceException;

/**
 * A run's retry state, shared by the threads that load: whether a failure is worth another try, and the wait before
 * it. A lost database is one outage for the whole run, however many threads meet it: its clock starts at the first
 * failure and stops at the next success, and every file waits until the outage is over or has lasted
 * {@link RetryPolicy#outageLimit}. Thread-safe.
 */
final class Retrying {

    /** Waits; a test's waits pass without time passing. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final long NO_OUTAGE = Long.MIN_VALUE;

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final RandomGenerator random;
    private final AtomicLong outageSince = new AtomicLong(NO_OUTAGE);

    Retrying(RetryPolicy policy, Sleeper sleeper, LongSupplier nanoTime, RandomGenerator random) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.random = random;
    }

    /** Real waits on the system clock. */
    static Retrying of(RetryPolicy policy) {
        return new Retrying(policy, d -> Thread.sleep(d.toMillis()), System::nanoTime, RandomGenerator.getDefault());
    }

    /** Whether the failure is one that passes: a lost database, or a source's {@link TransientSourceException}. */
    static boolean passes(RuntimeException failure) {
        return failure instanceof DestinationLostException || failure instanceof TransientSourceException;
    }

    /**
     * Whether to try again after {@code failure} ended try number {@code retry} + 1 of something; if so, has waited
     * the backoff already. A lost database is retried while its outage is shorter than the limit, any number of times;
     * a source's passing failure up to {@link RetryPolicy#attempts}; anything else never. An interrupted wait says no
     * (and keeps the interrupt).
     */
    boolean again(int retry, RuntimeException failure) {
        return again(retry, failure, wait -> {
        });
    }

    /** {@link #again(int, RuntimeException)}, telling {@code before} each wait before it begins. */
    boolean again(int retry, RuntimeException failure, java.util.function.Consumer<Duration> before) {
        if (failure instanceof DestinationLostException) {
            long now = nanoTime.getAsLong();
            outageSince.compareAndSet(NO_OUTAGE, now);
            long since = outageSince.get();
            if (since == NO_OUTAGE || now - since >= policy.outageLimit().toNanos()) {
                return false;
            }
            Duration left = Duration.ofNanos(policy.outageLimit().toNanos() - (now - since));
            Duration wait = policy.delay(retry, random);
            return pause(wait.compareTo(left) > 0 ? left : wait, before);
        }
        if (failure instanceof TransientSourceException && retry + 1 < policy.attempts()) {
            return pause(policy.delay(retry, random), before);
        }
        return false;
    }

    /** Something reached the database: an outage, if there was one, is over. */
    void reached() {
        outageSince.set(NO_OUTAGE);
    }

    private boolean pause(Duration wait, java.util.function.Consumer<Duration> before) {
        try {
            before.accept(wait);
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
