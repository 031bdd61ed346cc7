package io.quantmini.parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code task(i)} for every i in [0, n) on a few workers; the first failure stops the others from taking more
 * and is rethrown.
 *
 * <p>Each worker takes the next index when it is done with one, so the workers finish together however uneven the
 * tasks are. A parallel stream instead splits the range into ~n/(4·threads) chunks up front: with a few dozen
 * tasks of a second each, one thread then sat idle for up to a chunk at the end of every round (measured on the
 * Alpha158 benchmark: 6% of two cores).
 */
public final class ParallelFor {

    @FunctionalInterface
    public interface IndexTask {
        void run(int index) throws IOException;
    }

    private ParallelFor() {
    }

    /** On a pool of its own with {@code threads} threads (none when one would do), shut down on return. */
    public static void forEach(int n, int threads, IndexTask task) throws IOException {
        int workers = Math.max(1, Math.min(threads, n));
        if (workers == 1) {
            for (int i = 0; i < n; i++) {
                task.run(i);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            forEach(pool, workers, n, task);
        } finally {
            pool.shutdownNow();
        }
    }

    /** As {@link #forEach(ExecutorService, int, int, IndexTask)}, for tasks that do no I/O. */
    public static void compute(ExecutorService pool, int workers, int n, IntConsumer task) {
        try {
            forEach(pool, workers, n, task::accept);
        } catch (IOException e) {
            throw new UncheckedIOException("interrupted", e); // an IntConsumer throws no IOException
        }
    }

    /**
     * On {@code workers} tasks of the caller's pool (whose threads may keep per-thread state between calls). The
     * caller must not be one of the pool's threads. Returns, or throws the first failure (any later ones suppressed
     * in it), only once no task runs any more: a caller that goes on (releases a lock, reports the run) does so with
     * nothing still writing behind it.
     */
    public static void forEach(ExecutorService pool, int workers, int n, IndexTask task) throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < Math.min(workers, n); t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        task.run(i);
                    } catch (IOException | RuntimeException | Error e) {
                        next.set(n);
                        Throwable thrown = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
                        if (!firstFailure.compareAndSet(null, thrown) && firstFailure.get() != thrown) {
                            firstFailure.get().addSuppressed(thrown);
                        }
                        throw e;
                    }
                }
                return null;
            }));
        }
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (ExecutionException e) {
                    firstFailure.compareAndSet(null, thrownByTask(e.getCause())); // not the task's own: the pool's
                    break;
                } catch (InterruptedException e) {
                    // no new index is taken; the ones running finish (a ForkJoinPool's tasks cannot be interrupted)
                    next.set(n);
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            IOException stopped = new IOException("interrupted");
            if (firstFailure.get() != null) {
                stopped.addSuppressed(firstFailure.get());
            }
            throw stopped;
        }
        if (firstFailure.get() != null) {
            rethrow(firstFailure.get());
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /**
     * What the task threw. A ForkJoinPool hands it back wrapped: a checked exception inside a plain RuntimeException
     * (its Callable adapter's), and, for the waiting thread, inside a new exception of the same class. Both wrappers
     * are made from the cause alone (no message of their own, or the cause's {@code toString()}), which is what tells
     * them from an exception that wraps another of its class to say more, as a reader's "cannot read …" does.
     */
    private static Throwable thrownByTask(Throwable thrown) {
        while (isBareWrapper(thrown)) {
            thrown = thrown.getCause();
        }
        return thrown;
    }

    private static boolean isBareWrapper(Throwable t) {
        Throwable cause = t == null ? null : t.getCause();
        return cause != null && (t.getClass() == RuntimeException.class || t.getClass() == cause.getClass())
                && (t.getMessage() == null || t.getMessage().equals(cause.toString()));
    }
}
