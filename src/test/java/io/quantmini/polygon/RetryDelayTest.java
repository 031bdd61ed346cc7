package io.quantmini.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantmini.LogCapture;
import io.quantmini.lake.LakeWriteException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * How long a retry waits (exponential backoff with jitter, or Polygon's Retry-After) and which failures are retried.
 */
class RetryDelayTest {

    private final PolygonRetryPolicy policy = new PolygonRetryPolicy(5, 100, 5_000);

    /** Attempt n waits a random time in [e/2, e], e = 100 ms x 2^(n-1), at most the 5 s cap. */
    @Test
    void theWaitDoublesEachAttemptWithinHalfToAllOfItUpToTheCap() {
        long[] ceilings = {100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            int n = attempt;
            LongSummaryStatistics waits = LongStream.range(0, 2_000)
                    .map(i -> policy.delayBeforeRetry(n, -1, "test")).summaryStatistics();
            long ceiling = ceilings[attempt - 1];
            assertTrue(waits.getMin() >= ceiling / 2, "attempt " + attempt + ": " + waits);
            assertTrue(waits.getMax() <= ceiling, "attempt " + attempt + ": " + waits);
            // jitter: the waits spread over the range, so that clients that failed together do not retry together
            assertTrue(waits.getMax() - waits.getMin() >= ceiling / 4, "attempt " + attempt + ": " + waits);
        }
        assertTrue(policy.delayBeforeRetry(60, -1, "test") <= 5_000, "a large attempt number does not overflow");
    }

    @Test
    void retryAfterIsAFloorUpToTheCap() {
        assertEquals(3_000, policy.delayBeforeRetry(1, 3_000, "test"), "longer than the backoff: Polygon's wait");
        long shortAsk = policy.delayBeforeRetry(4, 1, "test");
        assertTrue(shortAsk >= 400 && shortAsk <= 800, "shorter than the backoff: the backoff, " + shortAsk);
        assertEquals(5_000, policy.delayBeforeRetry(1, 60_000, "test"), "longer than the cap: the cap");
        assertEquals(5_000, policy.delayBeforeRetry(1, Long.MAX_VALUE, "test"));
    }

    /** A wait past the cap is said in words a reader takes in: milliseconds up to a day, not 19 digits beyond. */
    @Test
    void anAskPastTheCapIsSaidReadably() throws Exception {
        assertEquals(List.of("test: Polygon asked to wait 60000 ms (Retry-After); waiting the configured maximum of"
                + " 5000 ms"), LogCapture.warnings(PolygonRetryPolicy.class,
                        () -> policy.delayBeforeRetry(1, 60_000, "test")));
        assertEquals(List.of("test: Polygon asked to wait more than a day (Retry-After); waiting the configured"
                + " maximum of 5000 ms"), LogCapture.warnings(PolygonRetryPolicy.class,
                        () -> policy.delayBeforeRetry(1, Long.MAX_VALUE, "test")));
    }

    @Test
    void transportFailuresAndRetryableAnswersAreRetriedNotOurDiskNorOtherFailures() {
        assertTrue(PolygonRetryPolicy.isRetryable(new SocketTimeoutException("read timed out")));
        assertTrue(PolygonRetryPolicy.isRetryable(new RuntimeException(new IOException("connection reset"))));
        assertTrue(PolygonRetryPolicy.isRetryable(new PolygonException("503", 503, true, -1)));
        assertFalse(PolygonRetryPolicy.isRetryable(new PolygonException("NOT_AUTHORIZED", 403, false, -1)));
        assertFalse(PolygonRetryPolicy.isRetryable(new LakeWriteException("landing file",
                new IOException("disk full"))),
                "our own disk: asking Polygon again cannot help");
        assertFalse(PolygonRetryPolicy.isRetryable(new IllegalStateException("a bug")));
    }
}
