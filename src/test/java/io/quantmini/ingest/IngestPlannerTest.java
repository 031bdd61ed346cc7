package io.quantmini.ingest;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestPlannerTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path root;

    private List<LocalDate> plannedDays(String newYorkTime, LocalDate start, LocalDate end) throws IOException {
        Clock clock = Clock.fixed(LocalDateTime.parse(newYorkTime).atZone(NEW_YORK).toInstant(), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), new LakeLayout(root), clock, TestApp::schema);
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
    void todayIsFinalAt20hNewYorkTimeWhateverZoneTheClockIsIn() throws IOException {
        // The schedule's zone may be London's; the bars are final by New York's clock (21:00 London = 16:00 NY).
        ZoneId london = ZoneId.of("Europe/London");
        Clock beforeTheClose = Clock.fixed(LocalDateTime.parse("2024-03-06T21:00").atZone(london).toInstant(), london);
        IngestRun run = new IngestRun(new IngestRequest("stocks_daily", LocalDate.of(2024, 3, 5),
                LocalDate.of(2024, 3, 6),
                false));
        assertEquals(List.of(LocalDate.of(2024, 3, 5)), new IngestPlanner(TestApp.calendar(), new LakeLayout(root),
                beforeTheClose, TestApp::schema).plan(run).stream().map(DayTask::date).toList());
    }

    @Test
    void aRangeOfOnlyTheUnfinishedDayPlansNothing() throws IOException {
        LocalDate tue = LocalDate.of(2024, 3, 5);
        assertEquals(List.of(), plannedDays("2024-03-05T15:00", tue, tue));
    }

    /**
     * {@code --incremental} fetches again a bronze day whose file is cut short, and one the disk will not read, each
     * said as it is: the disk's error was reported as a file cut short (found by the fault-injection QA helper).
     * Here the unreadable file is a folder under the day's name, which reads as "Is a directory".
     */
    @Test
    void anIncrementalRunSaysWhetherABronzeDayIsCutShortOrUnreadable() throws Exception {
        LakeLayout lake = new LakeLayout(root);
        LocalDate mon = LocalDate.of(2024, 3, 4);
        LocalDate tue = LocalDate.of(2024, 3, 5);
        LocalDate wed = LocalDate.of(2024, 3, 6);
        Path cutShort = lake.bronzeDayFile("stocks_daily", mon);
        Files.createDirectories(cutShort.getParent());
        Files.write(cutShort, new byte[] {'P', 'A', 'R', '1', 0, 0});
        Path unreadable = lake.bronzeDayFile("stocks_daily", tue);
        Files.createDirectories(unreadable);
        Path whole = lake.bronzeDayFile("stocks_daily", wed);
        Files.write(whole, "PAR1 a footer PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Clock clock = Clock.fixed(LocalDateTime.parse("2024-03-07T07:00").atZone(NEW_YORK).toInstant(), NEW_YORK);
        IngestPlanner planner = new IngestPlanner(TestApp.calendar(), lake, clock, TestApp::schema);
        List<DayTask> planned = new java.util.ArrayList<>();
        List<String> warnings = io.quantmini.LogCapture.warnings(IngestPlanner.class, () -> planned.addAll(
                planner.plan(new IngestRun(new IngestRequest("stocks_daily", mon, wed, true)))));
        assertEquals(List.of(mon, tue), planned.stream().map(DayTask::date).toList());
        assertEquals(List.of("stocks_daily 2024-03-04: " + cutShort + " is not a whole Parquet file: fetched again",
                "stocks_daily 2024-03-05: cannot read its bronze file (" + unreadable + ": Is a directory): fetched"
                        + " again"), warnings);
    }

    /**
     * Planning sweeps what a killed run left in the folders the run writes, but not the in-flight temps of a run
     * still going in another process (or this one): its rename would fail.
     */
    @Test
    void planningSweepsADeadWritersTempsAndLeavesALiveWritersTemps() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        LakeLayout lake = new LakeLayout(root);
        LocalDate mon = LocalDate.of(2024, 3, 4);
        Path month = lake.bronzeDayFile("stocks_daily", mon).getParent();
        Path landing = lake.landingDay("stocks_daily", mon);
        Files.createDirectories(month);
        Files.createDirectories(landing);
        Path dead = month.resolve(".2024-03-04.parquet" + AtomicFiles.TEMP_MARKER + ended.pid() + "-1f2e");
        Path deadLanding = landing.resolve(".abc.json" + AtomicFiles.TEMP_MARKER + ended.pid() + "-77aa");
        Path live = month.resolve(".2024-03-05.parquet" + AtomicFiles.TEMP_MARKER + ProcessHandle.current().pid()
                + "-9c0d");
        Path liveLanding = landing.resolve(".def.json" + AtomicFiles.TEMP_MARKER + ProcessHandle.current().pid()
                + "-5b5b");
        for (Path temp : List.of(dead, deadLanding, live, liveLanding)) {
            Files.write(temp, new byte[] {1, 2, 3});
        }

        assertEquals(List.of(mon), plannedDays("2024-03-05T09:00", mon, mon));

        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(deadLanding));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(live));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(liveLanding));
    }

    /** A split check that cannot read its input fails the run, naming the file, and the missing days still come in. */
    @Test
    void anUnreadableSplitsDayFailsTheRunButNotItsDays() throws IOException {
        LakeLayout lake = new LakeLayout(root);
        Path splits = lake.bronzeDayFile("splits", LocalDate.of(2024, 3, 1));
        Files.createDirectories(splits.getParent());
        Files.write(splits, new byte[] {'P', 'A', 'R', '1'});
        Path monday = lake.bronzeDayFile("stocks_daily", LocalDate.of(2024, 3, 4));
        Files.createDirectories(monday.getParent());
        Files.write(monday, new byte[] {'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', '1'}); // looks whole: in bronze
        Clock clock = Clock.fixed(LocalDateTime.parse("2024-03-06T09:00").atZone(NEW_YORK).toInstant(), NEW_YORK);
        IngestRun run = new IngestRun(new IngestRequest("stocks_daily", LocalDate.of(2024, 3, 4),
                LocalDate.of(2024, 3, 5), true));

        List<DayTask> tasks = new IngestPlanner(TestApp.calendar(), lake, clock, TestApp::schema).plan(run);

        assertEquals(List.of(new DayTask("stocks_daily", LocalDate.of(2024, 3, 5), Map.of("since", "2024-03-05",
                "window_start", "2024-03-05T05:00:00Z", "window_end", "2024-03-06T05:00:00Z"), List.of())), tasks,
                "the day, its request covering the calendar days since the previous session");
        assertTrue(run.failed());
        assertTrue(run.failureSummary().contains("split check") && run.failureSummary().contains(splits.toString()),
                run.failureSummary());
        assertEquals(LocalDate.of(2024, 2, 28), new ScheduledIngest(clock, new IngestPlanner(TestApp.calendar(), lake,
                clock, TestApp::schema)).lastDays("stocks_daily", 7).request().start(), "the window stays 7 days");
    }

    @Test
    void aRangeInTheFuturePlansNothing() throws IOException {
        assertEquals(List.of(), plannedDays("2024-03-05T21:00", LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 15)));
    }
}
