package io.quantmini.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a daemon as {@code quantmini run} does (Camel's main loop), for tests of what it says. */
final class Daemons {

    private Daemons() {
    }

    /** Starts {@code daemon}'s main loop, waits until its routes run, closes it, and waits for the loop to end. */
    static void startThenClose(QuantMiniCamel daemon) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread running = new Thread(() -> {
            try {
                daemon.runUntilStopped(started::countDown);
            } catch (Exception e) {
                failed.set(e);
            }
        });
        running.start();
        assertTrue(started.await(60, TimeUnit.SECONDS), "started");
        daemon.close();
        running.join(60_000);
        assertNull(failed.get());
    }
}
