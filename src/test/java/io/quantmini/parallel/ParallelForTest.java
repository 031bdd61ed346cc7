package io.quantmini.parallel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelForTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsEveryIndexOnceOnThePoolsThreads() throws IOException {
        for (int n : new int[] {0, 1, 2, 3, 1000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(n);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            ParallelFor.forEach(pool, 2, n, i -> {
                runs.incrementAndGet(i);
                threads.add(Thread.currentThread());
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, runs.get(i), "index " + i + " of " + n);
            }
            assertTrue(!threads.contains(Thread.currentThread()), "ran on the caller");
        }
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        ParallelFor.forEach(5, 3, runs::incrementAndGet);
        AtomicIntegerArray computed = new AtomicIntegerArray(7);
        ParallelFor.compute(pool, 2, 7, computed::incrementAndGet);
        for (int i = 0; i < 5; i++) {
            assertEquals(1, runs.get(i));
        }
        for (int i = 0; i < 7; i++) {
            assertEquals(1, computed.get(i));
        }
    }

    /**
     * While one worker is held by a long task, the other takes every remaining index: task 0 only finishes once all
     * others have run. A split of the range into chunks up front (a parallel stream) gives task 0's worker some of
     * them too, and this waits in vain.
     */
    @Test
    void aFreeWorkerTakesTheNextIndexWhileAnotherIsBusy() throws IOException {
        int n = 64;
        CountDownLatch othersDone = new CountDownLatch(n - 1);
        boolean[] released = new boolean[1];
        ParallelFor.forEach(pool, 2, n, i -> {
            if (i == 0) {
                try {
                    released[0] = othersDone.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            } else {
                othersDone.countDown();
            }
        });
        assertTrue(released[0], "the other worker did not take the remaining indices");
    }

    @Test
    void theFirstFailureIsRethrownAndNoFurtherIndexIsTaken() {
        AtomicIntegerArray runs = new AtomicIntegerArray(100);
        IOException e = assertThrows(IOException.class, () -> ParallelFor.forEach(pool, 1, 100, i -> {
            runs.incrementAndGet(i);
            if (i == 3) {
                throw new IOException("disk full at index 3");
            }
        }));
        assertEquals("disk full at index 3", e.getMessage());
        for (int i = 4; i < 100; i++) {
            assertEquals(0, runs.get(i), "index " + i + " ran after the failure");
        }
        IllegalStateException bug = new IllegalStateException("bad state");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> ParallelFor.forEach(pool, 2, 10, i -> {
            throw bug;
        })));
        assertSame(bug, assertThrows(IllegalStateException.class, () -> ParallelFor.compute(pool, 2, 10, i -> {
            throw bug;
        })));
    }

    /**
     * One worker fails while the other is still inside its task: the failure comes out only once that task has ended,
     * and a second failure rides along, suppressed.
     */
    @Test
    void aFailureWaitsForTheTaskStillRunning() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean slowEnded = new java.util.concurrent.atomic.AtomicBoolean();
        IOException e = assertThrows(IOException.class, () -> ParallelFor.forEach(pool, 2, 2, i -> {
            if (i == 0) {
                slowStarted.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException interrupted) {
                    throw new IOException(interrupted);
                }
                slowEnded.set(true);
                throw new IOException("second failure");
            }
            try {
                slowStarted.await();
            } catch (InterruptedException interrupted) {
                throw new IOException(interrupted);
            }
            throw new IOException("first failure");
        }));
        assertTrue(slowEnded.get(), "returned while a task was still running");
        assertEquals("first failure", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("second failure", e.getSuppressed()[0].getMessage());
    }

    /**
     * The caller interrupted (a forced stop): no new index is taken, and it returns only once the running task ended.
     */
    @Test
    void anInterruptedCallerWaitsForTheTaskStillRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean endedFirst = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                ParallelFor.forEach(pool, 1, 10, i -> {
                    taken.incrementAndGet();
                    started.countDown();
                    long until = System.nanoTime() + 300_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait(); // not interruptible, as a ForkJoinPool task is not
                    }
                    ended.set(true);
                });
            } catch (IOException | RuntimeException e) {
                endedFirst.set(ended.get());
                outcome.set(e);
            }
        });
        caller.start();
        started.await();
        caller.interrupt();
        caller.join(5_000);
        assertTrue(outcome.get() instanceof IOException, String.valueOf(outcome.get()));
        assertTrue(endedFirst.get(), "returned while the task was still running");
        assertEquals(1, taken.get(), "an index was taken after the interrupt");
    }

    /**
     * A ForkJoinPool (the silver stage's) wraps what a submitted task throws in RuntimeExceptions: the task's own
     * IOException still comes out, so the user reads "cannot read bronze day …", not "java.lang.RuntimeException: …".
     */
    @Test
    void aForkJoinPoolsWrappingIsTakenOff() {
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        try {
            IOException io = new IOException("cannot read bronze day x.parquet", new IOException("bad page header"));
            assertSame(io, assertThrows(IOException.class, () -> ParallelFor.forEach(forkJoin, 2, 10, i -> {
                throw io;
            })));
            IllegalStateException bug = new IllegalStateException("bad state");
            assertSame(bug, assertThrows(IllegalStateException.class, () -> ParallelFor.forEach(forkJoin, 2, 10, i -> {
                throw bug;
            })));
        } finally {
            forkJoin.shutdown();
        }
    }
}
