package io.quantmini.ingest;

import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduledIngestTest {

    @TempDir
    Path lake;

    @Test
    void coversTheLastDaysUpToYesterdayInMarketTimeIncrementally() throws IOException {
        // 2024-03-05 03:00 UTC is still 2024-03-04 in New York.
        Clock newYork = Clock.fixed(Instant.parse("2024-03-05T03:00:00Z"), ZoneId.of("America/New_York"));
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(lake), newYork, TestApp::schema);
        IngestRequest request = new ScheduledIngest(newYork, planner).lastDays("stocks_daily", 7).request();
        assertEquals(LocalDate.of(2024, 2, 26), request.start(), "7 calendar days: Feb 26 (a leap year) .. Mar 3");
        assertEquals(LocalDate.of(2024, 3, 3), request.end());
        assertTrue(request.incremental());
    }
}
