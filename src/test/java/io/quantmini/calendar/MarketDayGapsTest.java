package io.quantmini.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarketDayGapsTest {

    @TempDir
    Path temp;

    private NyseCalendar calendar(String... closures) throws IOException {
        Path file = temp.resolve("closures.csv");
        Files.writeString(file, "date,reason\n" + String.join("", java.util.Arrays.stream(closures)
                .map(day -> day + ",test\n").toList()));
        return NyseCalendar.load(file);
    }

    private static TreeSet<LocalDate> days(NyseCalendar calendar, String from, String to) {
        return new TreeSet<>(calendar.tradingDays(LocalDate.parse(from), LocalDate.parse(to)));
    }

    @Test
    void bronzeThatIsTheCalendarHasNoGapsAndSaysNothing() throws IOException {
        NyseCalendar calendar = calendar();
        MarketDayGaps gaps = MarketDayGaps.of(calendar, days(calendar, "2024-02-12", "2024-02-23"));
        assertEquals(new MarketDayGaps(List.of(), List.of()), gaps);
        assertEquals(List.of(), gaps.warnings("stocks_daily"));
        assertEquals(List.of(), MarketDayGaps.of(calendar, new TreeSet<>()).warnings("stocks_daily"));
    }

    /** Only days between the first and the last bronze day count: the lake's history starts and ends where it does. */
    @Test
    void aTradingDayWithoutBronzeBetweenItsFirstAndLastIsMissing() throws IOException {
        NyseCalendar calendar = calendar();
        TreeSet<LocalDate> bronze = days(calendar, "2024-02-12", "2024-02-23");
        bronze.remove(LocalDate.of(2024, 2, 14));
        MarketDayGaps gaps = MarketDayGaps.of(calendar, bronze);
        assertEquals(List.of(LocalDate.of(2024, 2, 14)), gaps.missing());
        assertEquals(List.of("bronze sd lacks 1 NYSE trading day between its first and last day: 2024-02-14; silver"
                + " and gold read the days either side of it as consecutive. Fetch it: quantmini data ingest -t sd"
                + " -s 2024-02-14 -e 2024-02-14 --incremental (a day the market was closed goes in"
                + " config/calendar/nyse-closures.csv)"), gaps.warnings("sd"));
    }

    /** A long hole names its first five days and its last, and the command fetches the whole span. */
    @Test
    void aLongHoleIsNamedByItsFirstDaysAndItsLast() throws IOException {
        NyseCalendar calendar = calendar();
        TreeSet<LocalDate> bronze = days(calendar, "2024-01-02", "2024-01-05");
        bronze.addAll(days(calendar, "2024-03-01", "2024-03-05"));
        MarketDayGaps gaps = MarketDayGaps.of(calendar, bronze);
        assertEquals(calendar.tradingDays(LocalDate.of(2024, 1, 8), LocalDate.of(2024, 2, 29)), gaps.missing());
        String warning = gaps.warnings("sd").get(0);
        assertEquals("bronze sd lacks 37 NYSE trading days between its first and last day: 2024-01-08, 2024-01-09,"
                + " 2024-01-10, 2024-01-11, 2024-01-12 ... 2024-02-29; silver and gold read the days either side of"
                + " each as consecutive. Fetch them: quantmini data ingest -t sd -s 2024-01-08 -e 2024-02-29"
                + " --incremental (a day the market was closed goes in config/calendar/nyse-closures.csv)", warning);
    }

    /** A bronze day on a holiday, or on a closure added to the file since, is a day the calendar has closed. */
    @Test
    void aBronzeDayTheCalendarHasClosedIsSaid() throws IOException {
        NyseCalendar calendar = calendar("2024-04-10");
        TreeSet<LocalDate> bronze = days(calendar, "2024-02-12", "2024-04-12");
        bronze.add(LocalDate.of(2024, 2, 19)); // Presidents' Day
        bronze.add(LocalDate.of(2024, 4, 10)); // the ad hoc closure
        MarketDayGaps gaps = MarketDayGaps.of(calendar, bronze);
        assertEquals(List.of(), gaps.missing());
        assertEquals(List.of(LocalDate.of(2024, 2, 19), LocalDate.of(2024, 4, 10)), gaps.closed());
        assertEquals(List.of("bronze sd holds 2 days the NYSE calendar has closed: 2024-02-19, 2024-04-10; silver and"
                + " gold keep them as trading days. Remove their bronze files if the market was closed; else, for an"
                + " ad hoc closure, its line in config/calendar/nyse-closures.csv"), gaps.warnings("sd"));
    }
}
