package io.quantmini.ingest;

import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IngestPlannerTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path root;

    private List<LocalDate> plannedDays(String newYorkTime, LocalDate start, LocalDate end) throws IOException {
        Clock clock = Clock.fixed(LocalDateTime.parse(newYorkTime).atZone(NEW_YORK).toInstant(), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(root), clock);
        IngestRun run = new IngestRun(new IngestRequest("stocks_daily", start, end, false));
        return planner.plan(run).stream().map(DayTask::date).toList();
    }

    @Test
    void todayIsRequestedOnlyOnceItsAfterHoursSessionHasEnded() throws IOException {
        LocalDate mon = LocalDate.of(2024, 3, 4);
        LocalDate tue = LocalDate.of(2024, 3, 5);
        LocalDate wed = LocalDate.of(2024, 3, 6);
        // Tuesday during the session, and at 19:59 (after-hours trades still change its bar): Monday is the last.
        assertEquals(List.of(mon), plannedDays("2024-03-05T11:00", mon, wed));
        assertEquals(List.of(mon), plannedDays("2024-03-05T19:59", mon, wed));
        // From 20:00 New York time Tuesday is final; Wednesday is still the future.
        assertEquals(List.of(mon, tue), plannedDays("2024-03-05T20:00", mon, wed));
        // Just after midnight the previous day is final.
        assertEquals(List.of(mon, tue), plannedDays("2024-03-06T00:05", mon, wed));
    }

    @Test
    void aRangeOfOnlyTheUnfinishedDayPlansNothing() throws IOException {
        LocalDate tue = LocalDate.of(2024, 3, 5);
        assertEquals(List.of(), plannedDays("2024-03-05T15:00", tue, tue));
    }

    @Test
    void aRangeInTheFuturePlansNothing() throws IOException {
        assertEquals(List.of(), plannedDays("2024-03-05T21:00", LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 15)));
    }
}
