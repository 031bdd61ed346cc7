package io.quantmini.polygon;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The requests-per-second limit: each request gets the next free slot, slots evenly spaced, shared by all the days a
 * process fetches at once. A request waiting for its slot gives it up as soon as its run stops (a signal, a refused
 * key): with 50 days in flight and a low limit, a stop would otherwise go on sending requests for a minute. Camel's
 * throttle cannot be told that; this is why the pacing is here.
 */
final class RequestPacer {

    /** How often a waiting request looks whether its run has stopped. */
    private static final long CHECK_MILLIS = 50;

    private final long intervalNanos;
    private long nextSlot = Long.MIN_VALUE; // guarded by this

    RequestPacer(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("requests per second must be positive: " + perSecond);
        }
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    /**
     * Waits for this request's slot.
     *
     * @return false when {@code stopped} became true before the slot came: the request is not to be sent
     */
    boolean awaitSlot(BooleanSupplier stopped) throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = nextSlot == Long.MIN_VALUE || nextSlot - now < 0 ? now : nextSlot;
            nextSlot = slot + intervalNanos;
        }
        return awaitTime(slot, stopped);
    }

    /**
     * Waits until {@link System#nanoTime()} reaches {@code time}, looking every {@value #CHECK_MILLIS} ms whether
     * {@code stopped} became true.
     *
     * @return false when it did: the wait was given up
     */
    static boolean awaitTime(long time, BooleanSupplier stopped) throws InterruptedException {
        while (true) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            long wait = time - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, CHECK_MILLIS));
        }
    }
}
