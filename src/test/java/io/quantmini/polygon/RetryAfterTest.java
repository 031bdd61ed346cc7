package io.quantmini.polygon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantmini.config.ApiKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} as Polygon (or a proxy in front of it) may send it. */
class RetryAfterTest {

    private final PolygonResponseHandler handler = new PolygonResponseHandler(null,
            Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC), ApiKey.none());

    @Test
    void secondsAnHttpDateAndValuesBeyondALongAreRead() {
        assertEquals(5_000, handler.retryAfterMillis("5"));
        assertEquals(0, handler.retryAfterMillis("-3"));
        assertEquals(90_000, handler.retryAfterMillis("Thu, 26 Nov 2026 12:01:30 GMT"));
        assertEquals(-1, handler.retryAfterMillis("soon"));
        assertEquals(-1, handler.retryAfterMillis(null));
        // these overflowed to a negative wait, read as "no header": the retry came after ~100 ms, not the cap
        assertEquals(Long.MAX_VALUE, handler.retryAfterMillis("9300000000000000"));
        assertEquals(Long.MAX_VALUE, handler.retryAfterMillis("99999999999999999999999"));
    }
}
