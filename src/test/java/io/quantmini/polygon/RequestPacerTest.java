package io.quantmini.polygon;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The requests-per-second limit, and a stop that does not wait for the slots still to come. */
class RequestPacerTest {

    @Test
    void requestsAreSpacedToTheLimitAcrossThreads() throws Exception {
        RequestPacer pacer = new RequestPacer(20);
        long start = System.nanoTime();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 6; i++) {
                    try {
                        assertTrue(pacer.awaitSlot(() -> false));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 24 requests at 20 per second: the first at once, the 24th 23 intervals of 50 ms later
        assertTrue(seconds >= 23 * 0.05 - 0.01, seconds + " s");
    }

    @Test
    void aRequestWaitingForItsSlotGivesItUpWhenItsRunStops() throws Exception {
        RequestPacer pacer = new RequestPacer(1);
        assertTrue(pacer.awaitSlot(() -> false)); // the first slot is now
        AtomicBoolean stopped = new AtomicBoolean();
        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                // the flag is set anyway
            }
            stopped.set(true);
        }).start();
        long start = System.nanoTime();
        assertFalse(pacer.awaitSlot(stopped::get), "its slot was a second away");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 0.9, "given up at the stop, not at the slot: " + seconds + " s");
    }
}
