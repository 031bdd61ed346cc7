package io.quantmini.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.LogCapture;
import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.landing.LandingPage;
import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduledIngestTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path lake;

    /** What the planner takes for a whole Parquet file: its magic at both ends. */
    private static final byte[] WHOLE = {'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', '1'};

    /**
     * The window ends at the last day whose bars are final, in market time, as `data ingest` has it: yesterday before
     * 20:00 New York, today after (a schedule of Tokyo mornings took each session a day late).
     */
    @Test
    void coversTheLastDaysUpToTheLastFinalDayInMarketTimeIncrementally() throws IOException {
        // 2024-03-04 19:00 UTC is 14:00 in New York: Monday is still trading
        Clock monday = Clock.fixed(Instant.parse("2024-03-04T19:00:00Z"), ZoneId.of("Asia/Tokyo"));
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(lake), monday, TestApp::schema);
        IngestRequest request = new ScheduledIngest(monday, planner).lastDays("stocks_daily", 7).request();
        assertEquals(LocalDate.of(2024, 2, 26), request.start(), "7 calendar days: Feb 26 (a leap year) .. Mar 3");
        assertEquals(LocalDate.of(2024, 3, 3), request.end());
        assertTrue(request.incremental());
        // 2024-03-05 03:00 UTC is still Monday in New York, 22:00: its bars are final
        Clock mondayNight = Clock.fixed(Instant.parse("2024-03-05T03:00:00Z"), ZoneId.of("Asia/Tokyo"));
        request = new ScheduledIngest(mondayNight, planner).lastDays("stocks_daily", 7).request();
        assertEquals(LocalDate.of(2024, 2, 27), request.start());
        assertEquals(LocalDate.of(2024, 3, 4), request.end());
    }

    /**
     * Splits: the window also covers the recheck days, and the planner fetches those again though bronze has them,
     * while older days bronze has are skipped (a late-reported split: SplitAdjustedIngestTest).
     */
    @Test
    void theRecheckDaysAreFetchedAgainPresentOrNot() throws IOException {
        Clock newYork = Clock.fixed(Instant.parse("2024-03-05T12:00:00Z"), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(lake), newYork, TestApp::schema);
        for (LocalDate day : TestApp.calendar().tradingDays(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 3, 4))) {
            Path file = new LakeLayout(lake).bronzeDayFile("splits", day);
            Files.createDirectories(file.getParent());
            Files.write(file, WHOLE);
        }
        IngestRequest request = new ScheduledIngest(newYork, planner).lastDays("splits", 7, 10).request();
        assertEquals(LocalDate.of(2024, 2, 24), request.start(), "10 calendar days up to Mar 4");
        assertEquals(LocalDate.of(2024, 2, 24), request.refetchFrom());
        assertTrue(request.incremental());
        List<LocalDate> fetched = planner.plan(new IngestRun(request)).stream().map(DayTask::date).toList();
        assertEquals(TestApp.calendar().tradingDays(LocalDate.of(2024, 2, 24), LocalDate.of(2024, 3, 4)), fetched,
                "every trading day of the recheck, all of them in bronze already");

        IngestRequest plain = new ScheduledIngest(newYork, planner).lastDays("splits", 7, 0).request();
        assertEquals(LocalDate.of(2024, 2, 27), plain.start());
        assertTrue(planner.plan(new IngestRun(plain)).isEmpty(), "without a recheck, present days are skipped");
    }

    /** A schedule route older than the recheck calls lastDays('splits', N): said once, since late splits are lost. */
    @Test
    void splitsAskedForWithoutRecheckDaysAreWarnedOfOnce() throws Exception {
        Clock newYork = Clock.fixed(Instant.parse("2024-03-05T12:00:00Z"), NEW_YORK);
        ScheduledIngest schedule = new ScheduledIngest(newYork, new IngestPlanner(TestApp.calendar(),
                new LakeLayout(lake), newYork, TestApp::schema));
        List<String> warnings = io.quantmini.LogCapture.warnings(ScheduledIngest.class, () -> {
            schedule.lastDays("splits", 7, 0);
            schedule.lastDays("stocks_daily", 7);
            schedule.lastDays("splits", 7);
            schedule.lastDays("splits", 7);
        });
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("a split Polygon reports late never reaches the lake"), warnings.get(0));
    }

    /**
     * The daemon was down longer than its window (or the machine asleep): the window starts the day after the lake's
     * last day, so the days missed are fetched instead of left a silent hole; at most a year back.
     */
    @Test
    void aWindowReachesBackToTheDayAfterTheLakesLastDayAtMostAYear() throws IOException {
        LakeLayout layout = new LakeLayout(lake);
        ScheduledIngest schedule = scheduleAt("2024-03-05T15:00:00Z");
        Path last = dayFile(layout, LocalDate.of(2024, 2, 1), WHOLE);

        IngestRequest request = schedule.lastDays("stocks_daily", 7).request();
        assertEquals(LocalDate.of(2024, 2, 2), request.start(), "the day after the lake's last day");
        assertEquals(LocalDate.of(2024, 3, 4), request.end());
        assertEquals(LocalDate.of(2024, 2, 27), schedule.lastDays("splits", 7).request().start(),
                "a dataset without days of its own: the window");

        // the last whole file counts: a last day cut short is owed, and the window starts at it
        Path cut = dayFile(layout, LocalDate.of(2024, 2, 2), new byte[] {'P', 'A', 'R', '1', 0});
        assertEquals(LocalDate.of(2024, 2, 2), windowStart(schedule));
        Files.delete(cut);

        Files.delete(last); // with it, the days up to the new last one are a hole (the next test)
        Path recent = dayFile(layout, LocalDate.of(2024, 3, 1), WHOLE);
        assertEquals(LocalDate.of(2024, 2, 27), windowStart(schedule),
                "a last day inside the window leaves it as it is");

        Files.delete(recent);
        dayFile(layout, LocalDate.of(2021, 6, 1), WHOLE);
        assertEquals(LocalDate.of(2023, 3, 5), windowStart(schedule),
                "366 days back at most; the rest is left to data ingest");
    }

    /**
     * A trading day bronze lacks between its days (one that kept failing longer than the window, a file cut short)
     * moves the window back to it, within a year: once the window had passed it, it stayed a hole for good.
     */
    @Test
    void aWindowReachesBackToAHoleBetweenTheLakesDaysAtMostAYear() throws IOException {
        LakeLayout layout = new LakeLayout(lake);
        ScheduledIngest schedule = scheduleAt("2024-03-05T15:00:00Z");
        wholeDayFiles(layout, LocalDate.of(2024, 2, 12), LocalDate.of(2024, 3, 1));
        assertEquals(LocalDate.of(2024, 2, 27), windowStart(schedule),
                "no hole: the window");

        Files.delete(layout.bronzeDayFile("stocks_daily", LocalDate.of(2024, 2, 22)));
        IngestRun run = schedule.lastDays("stocks_daily", 7);
        assertEquals(LocalDate.of(2024, 2, 22), run.request().start(), "the hole");
        assertEquals(LocalDate.of(2024, 3, 4), run.request().end());
        assertTrue(run.request().incremental(), "only the missing days are fetched");

        dayFile(layout, LocalDate.of(2024, 2, 15), new byte[] {'P', 'A', 'R', '1', 0});
        assertEquals(LocalDate.of(2024, 2, 15), windowStart(schedule),
                "a file cut short is a hole too");

        wholeDayFiles(layout, LocalDate.of(2023, 3, 1), LocalDate.of(2024, 3, 1));
        dayFile(layout, LocalDate.of(2022, 12, 1), WHOLE);
        assertEquals(LocalDate.of(2024, 2, 27), windowStart(schedule),
                "a hole more than 366 days back is left to data ingest (the calendar warning names it)");
        Files.delete(layout.bronzeDayFile("stocks_daily", LocalDate.of(2023, 3, 6)));
        assertEquals(LocalDate.of(2023, 3, 6), windowStart(schedule),
                "one 365 days back is fetched");
    }

    /**
     * The hole search's bounds, day for day: its first day is the last final day less 365 (2023-03-08, a Wednesday,
     * from 2024-03-07), a day before it is left alone, a hole inside the window changes nothing, a file before the
     * first day bounds the lake without being read, and a folder in a file's place is a hole, said in the log.
     */
    @Test
    void theHoleSearchLooksAtExactlyTheYearBeforeTheWindow() throws Exception {
        LakeLayout layout = new LakeLayout(lake);
        ScheduledIngest schedule = scheduleAt("2024-03-08T15:00:00Z");
        List<LocalDate> days = wholeDayFiles(layout, LocalDate.of(2023, 3, 1), LocalDate.of(2024, 3, 6));
        LocalDate window = LocalDate.of(2024, 3, 1);
        assertEquals(window, windowStart(schedule));

        for (LocalDate hole : List.of(LocalDate.of(2023, 3, 7), LocalDate.of(2023, 3, 8), LocalDate.of(2024, 3, 4))) {
            Files.delete(layout.bronzeDayFile("stocks_daily", hole));
            assertEquals(hole.equals(LocalDate.of(2023, 3, 8)) ? hole : window,
                    windowStart(schedule), "without " + hole);
            dayFile(layout, hole, WHOLE);
        }
        dayFile(layout, LocalDate.of(2023, 3, 8), new byte[] {'P', 'A', 'R', '1', 0});
        assertEquals(LocalDate.of(2023, 3, 8), windowStart(schedule), "cut short");
        dayFile(layout, LocalDate.of(2023, 3, 8), WHOLE);

        Path folder = layout.bronzeDayFile("stocks_daily", LocalDate.of(2024, 2, 14));
        Files.delete(folder);
        Files.createDirectory(folder); // a folder by the file's name holds no day
        List<String> said = LogCapture.messages(ScheduledIngest.class, () -> assertEquals(LocalDate.of(2024, 2, 14),
                windowStart(schedule), "a folder in the file's place is a hole"));
        assertTrue(said.contains("scheduled ingest of stocks_daily: bronze lacks the trading day 2024-02-14 between"
                + " its days, so the window starts at it (only missing days are fetched)"), String.valueOf(said));
        Files.delete(folder);
        dayFile(layout, LocalDate.of(2024, 2, 14), WHOLE);

        for (LocalDate day : days) {
            if (day.isBefore(LocalDate.of(2024, 2, 12))) {
                Files.delete(layout.bronzeDayFile("stocks_daily", day));
            }
        }
        assertEquals(window, windowStart(schedule), "a lake started 2024-02-12");
        dayFile(layout, LocalDate.of(2023, 1, 3), new byte[] {'P', 'A', 'R', '1', 0});
        assertEquals(LocalDate.of(2023, 3, 8), windowStart(schedule),
                "a file before the year looked at bounds the lake, cut short or not (it is not read)");
    }

    @Test
    void aStoppingProcessStopsItsScheduledRunsAndTheOnesItWouldStillStart() throws IOException {
        Clock newYork = Clock.fixed(Instant.parse("2024-03-05T15:00:00Z"), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(lake), newYork, TestApp::schema);
        ScheduledIngest schedule = new ScheduledIngest(newYork, planner);
        IngestRun going = schedule.lastDays("stocks_daily", 7);
        assertEquals(null, going.abortReason());

        schedule.stopAll("stopped by a signal");
        assertEquals("stopped by a signal", going.abortReason(), "no new day is requested");
        IngestRun next = schedule.lastDays("splits", 7);
        assertEquals("stopped by a signal", next.abortReason(),
                "the schedule's next step, started during the stop, requests nothing");
        assertEquals(List.of(), planner.plan(next), "and plans nothing");
        assertEquals(0, next.plannedDays());
    }

    /**
     * The data root vanished under the daemon (an unmounted volume): the fire fetches nothing and says why, instead of
     * starting a lake of the last few days in its place.
     */
    @Test
    void aDataRootThatIsGoneIsNotMadeAgain() throws IOException {
        Path root = lake.resolve("mounted");
        Clock newYork = Clock.fixed(Instant.parse("2024-03-05T15:00:00Z"), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(root), newYork, TestApp::schema);
        IngestRun run = new ScheduledIngest(newYork, planner).lastDays("stocks_daily", 7);

        assertEquals(List.of(), planner.plan(run));
        assertTrue(run.failed());
        assertEquals("the data root " + root + " is gone, or is not the folder it was when this process started (an"
                + " unmounted volume?): nothing fetched (mount it, or restart, to resume)", run.abortReason());
        assertFalse(Files.exists(root));
    }

    /**
     * An unmounted volume leaves its empty mount point: another folder than the one start-up found, so nothing runs.
     */
    @Test
    void aDataRootReplacedByAnotherFolderIsNotWrittenTo() throws IOException {
        Path root = Files.createDirectories(lake.resolve("mounted"));
        Clock newYork = Clock.fixed(Instant.parse("2024-03-05T15:00:00Z"), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(root), newYork, TestApp::schema);
        Files.move(root, lake.resolve("elsewhere"));
        Files.createDirectories(root); // the mount point, empty

        IngestRun run = new ScheduledIngest(newYork, planner).lastDays("stocks_daily", 7);
        assertEquals(List.of(), planner.plan(run));
        assertTrue(run.abortReason().contains("is not the folder it was when this process started"), run.abortReason());
        try (java.util.stream.Stream<Path> files = Files.list(root)) {
            assertEquals(0, files.count(), "nothing written into the mount point");
        }
    }

    /**
     * The schedule reads the days for splits once: the run it starts takes the check it made for its window. Shown by
     * damaging the splits after the window was chosen: a second check would fail the run.
     */
    @Test
    void theScheduledRunPlansFromTheSplitCheckThatChoseItsWindow() throws IOException {
        LakeLayout layout = new LakeLayout(lake);
        LocalDate monday = LocalDate.of(2024, 2, 5);
        LocalDate splitDay = LocalDate.of(2024, 3, 4);
        Instant fetchedBefore = LocalDateTime.parse("2024-02-05T21:00").atZone(NEW_YORK).toInstant();
        write("stocks_daily", monday, fetchedBefore, Map.of("status", "OK", "results", List.of(Map.of("T", "AAA",
                "o", 10.0, "h", 11.0, "l", 9.0, "c", 10.5, "v", 1000.0,
                "t", monday.atStartOfDay(NEW_YORK).toInstant().toEpochMilli()))));
        Path splits = write("splits", splitDay, fetchedBefore, Map.of("status", "OK", "results", List.of(Map.of(
                "ticker", "AAA", "execution_date", splitDay.toString(), "split_from", 1, "split_to", 4))));
        Clock morningAfter = Clock.fixed(LocalDateTime.parse("2024-03-05T06:00").atZone(NEW_YORK).toInstant(),
                NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), layout, morningAfter, TestApp::schema);

        IngestRun run = new ScheduledIngest(morningAfter, planner).lastDays("stocks_daily", 7);
        assertEquals(monday, run.request().start(), "the window reaches back to the stale day");
        Files.write(splits, new byte[] {'P', 'A', 'R', '1'});
        List<DayTask> tasks = planner.plan(run);

        assertFalse(run.failed(), String.valueOf(run.failureSummary()));
        assertTrue(tasks.stream().anyMatch(task -> task.date().equals(monday) && task.patchDays().isEmpty()),
                "the stale day, already in bronze, is fetched again: " + tasks);
    }

    /**
     * A run by hand over later days checks the days before it for splits only to warn: an older bronze day it cannot
     * read (cut short) does not fail it.
     */
    @Test
    void anUnreadableDayBeforeAManualRunDoesNotFailIt() throws IOException {
        LakeLayout layout = new LakeLayout(lake);
        LocalDate splitDay = LocalDate.of(2024, 3, 8);
        Instant fetchedBefore = LocalDateTime.parse("2024-03-01T21:00").atZone(NEW_YORK).toInstant();
        write("splits", splitDay, fetchedBefore, Map.of("status", "OK", "results", List.of(Map.of(
                "ticker", "AAA", "execution_date", splitDay.toString(), "split_from", 1, "split_to", 4))));
        dayFile(layout, LocalDate.of(2024, 3, 1), new byte[] {'P', 'A', 'R', '1', 0});
        Clock clock = Clock.fixed(LocalDateTime.parse("2024-03-13T09:00").atZone(NEW_YORK).toInstant(), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), layout, clock, TestApp::schema);

        IngestRun run = new IngestRun(new IngestRequest("stocks_daily", LocalDate.of(2024, 3, 11),
                LocalDate.of(2024, 3, 12), true));
        assertEquals(2, planner.plan(run).size());
        assertFalse(run.failed(), String.valueOf(run.failureSummary()));
    }

    /** The schedule of the lake as it runs at {@code instant}. */
    private ScheduledIngest scheduleAt(String instant) {
        Clock newYork = Clock.fixed(Instant.parse(instant), NEW_YORK);
        return new ScheduledIngest(newYork, new IngestPlanner(TestApp.calendar(), new LakeLayout(lake), newYork,
                TestApp::schema));
    }

    /** Where the schedule's stocks_daily run of the last 7 days starts. */
    private static LocalDate windowStart(ScheduledIngest schedule) {
        return schedule.lastDays("stocks_daily", 7).request().start();
    }

    /** A whole stocks_daily day file for each trading day from {@code from} to {@code to}; returns the days. */
    private static List<LocalDate> wholeDayFiles(LakeLayout layout, LocalDate from, LocalDate to) throws IOException {
        List<LocalDate> days = TestApp.calendar().tradingDays(from, to);
        for (LocalDate day : days) {
            dayFile(layout, day, WHOLE);
        }
        return days;
    }

    /** A stocks_daily bronze day file holding {@code bytes}: what the planner lists, not a readable day. */
    private static Path dayFile(LakeLayout layout, LocalDate date, byte[] bytes) throws IOException {
        Path file = layout.bronzeDayFile("stocks_daily", date);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private Path write(String dataset, LocalDate date, Instant receivedAt, Map<String, Object> response)
            throws IOException {
        byte[] body = new ObjectMapper().writeValueAsBytes(response);
        LakeLayout layout = new LakeLayout(lake);
        new BronzeDayWriter(layout, TestApp.schema(dataset)).write(date,
                List.of(new LandingPage("req-" + dataset + date, lake.resolve(dataset + date + ".json"), body,
                        receivedAt)));
        return layout.bronzeDayFile(dataset, date);
    }
}
