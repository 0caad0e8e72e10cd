package org.loanetl.spark;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaSparkContext;
import org.loanetl.domain.port.LoadTarget;

/**
 * Starts the Spark context on a thread of its own, so that it comes up while the caller does other start-up work
 * (opening and migrating the database, which the engine needs first): both take seconds, and neither needs the other.
 * {@link #engine} waits for the context and hands it to an engine, which stops it; {@link #close} stops a context no
 * engine took, so a failure in between leaves no Spark running.
 */
public final class SparkStart implements AutoCloseable {

    private final CompletableFuture<JavaSparkContext> context;
    private boolean taken;

    private SparkStart(SparkSettings settings) {
        this.context = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                context.complete(SparkLoadEngine.startContext(settings));
            } catch (Throwable e) {
                context.completeExceptionally(e);
            }
        }, "loan-etl-spark-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Begins starting the context (or joining the one {@code spark-submit} made). */
    public static SparkStart begin(SparkSettings settings) {
        return new SparkStart(settings);
    }

    /**
     * The engine on the started context, for this target; throws what starting the context threw.
     *
     * @throws IllegalStateException when an engine was already made from this start
     */
    public SparkLoadEngine engine(LoadTarget target) {
        if (taken) {
            throw new IllegalStateException("the Spark context was already handed to an engine");
        }
        JavaSparkContext spark = await();
        taken = true;
        return SparkLoadEngine.owning(spark, target);
    }

    private JavaSparkContext await() {
        try {
            return context.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Spark was starting", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Spark did not start: " + cause, cause);
        }
    }

    /** The context, once started (for tests: whether it was stopped). */
    JavaSparkContext context() {
        return await();
    }

    /** Stops the context unless an engine took it (the engine stops it then); waits for it to finish starting. */
    @Override
    public void close() {
        if (taken) {
            return;
        }
        taken = true;
        try {
            await().stop();
        } catch (RuntimeException | Error ignored) {
            // it never started: nothing to stop (and what starting threw is the caller's already: rethrowing that
            // same Throwable from a try-with-resources close hides it behind "Self-suppression not permitted")
        }
    }
}
