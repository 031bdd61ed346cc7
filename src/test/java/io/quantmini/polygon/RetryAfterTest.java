package io.quantmini.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} as Polygon (or a proxy in front of it) may send it. */
class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAnHttpDateAndValuesBeyondALongAreRead() {
        assertEquals(5_000, RetryAfter.millis("5", clock));
        assertEquals(0, RetryAfter.millis("-3", clock));
        assertEquals(90_000, RetryAfter.millis("Thu, 26 Nov 2026 12:01:30 GMT", clock));
        assertEquals(0, RetryAfter.millis("Thu, 26 Nov 2026 11:59:00 GMT", clock));
        assertEquals(-1, RetryAfter.millis("soon", clock));
        assertEquals(-1, RetryAfter.millis(null, clock));
        // these overflowed to a negative wait, read as "no header": the retry came after ~100 ms, not the cap
        assertEquals(Long.MAX_VALUE, RetryAfter.millis("9300000000000000", clock));
        assertEquals(Long.MAX_VALUE, RetryAfter.millis("99999999999999999999999", clock));
    }
}
