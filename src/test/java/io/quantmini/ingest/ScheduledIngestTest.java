package io.quantmini.ingest;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduledIngestTest {

    @Test
    void coversTheLastDaysUpToYesterdayInMarketTimeIncrementally() {
        // 2024-03-05 03:00 UTC is still 2024-03-04 in New York.
        Clock newYork = Clock.fixed(Instant.parse("2024-03-05T03:00:00Z"), ZoneId.of("America/New_York"));
        IngestRequest request = new ScheduledIngest(newYork).lastDays("stocks_daily", 7).request();
        assertEquals(LocalDate.of(2024, 2, 26), request.start(), "7 calendar days: Feb 26 (a leap year) .. Mar 3");
        assertEquals(LocalDate.of(2024, 3, 3), request.end());
        assertTrue(request.incremental());
    }
}
