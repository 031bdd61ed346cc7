package io.quantmini.calendar;

import java.util.Locale;
import java.time.format.TextStyle;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NYSE full-day sessions: weekdays that are neither a rule-based holiday ({@link NyseHolidays}) nor
 * an ad hoc closure from the editable closures file. Early closes count as trading days. Thread-safe.
 */
public final class NyseCalendar {

    /** The exchange's time zone: trading dates, and the hour a day's bars are final, are New York's. */
    public static final ZoneId ZONE = ZoneId.of("America/New_York");

    private final Map<LocalDate, String> closures;
    private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

    private NyseCalendar(Map<LocalDate, String> closures) {
        this.closures = closures;
    }

    /** The ad hoc closures file of a config folder: {@code calendar/nyse-closures.csv}. */
    public static Path closuresFile(Path configDir) {
        return configDir.resolve("calendar").resolve("nyse-closures.csv");
    }

    /**
     * @param closuresCsv the ad hoc closures, e.g. {@code config/calendar/nyse-closures.csv}
     * @throws IllegalArgumentException on a malformed line, naming the file and the line number
     */
    public static NyseCalendar load(Path closuresCsv) {
        return new NyseCalendar(ClosuresFile.read(closuresCsv));
    }

    public boolean isTradingDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
            return false;
        }
        return !closures.containsKey(day)
                && !holidaysByYear.computeIfAbsent(day.getYear(), NyseHolidays::of).contains(day);
    }

    /** The last trading day before {@code day}. */
    public LocalDate previousTradingDay(LocalDate day) {
        LocalDate previous = day.minusDays(1);
        while (!isTradingDay(previous)) {
            previous = previous.minusDays(1);
        }
        return previous;
    }

    /**
     * Refuses a day file of daily bars dated a Saturday or a Sunday, which no session falls on: it is a copy under a
     * wrong name, and taken in it would add a day to every symbol's series, and to Qlib's calendar. (A copy under a
     * weekday holiday's name is caught when it is read: its footer names the day its rows belong to,
     * {@code DayFiles.requireOwnDay}.)
     */
    public static void requireWeekday(LocalDate day, Path file) throws IOException {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
            throw new IOException(file + " is dated " + day + ", a "
                    + weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + ", when no market trades: a day file of daily bars under a wrong name; remove it");
        }
    }

    /** Trading days from {@code fromInclusive} to {@code toInclusive}, in order. */
    public List<LocalDate> tradingDays(LocalDate fromInclusive, LocalDate toInclusive) {
        if (fromInclusive.isAfter(toInclusive)) {
            throw new IllegalArgumentException("from " + fromInclusive + " is after to " + toInclusive);
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = fromInclusive; !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (isTradingDay(day)) {
                days.add(day);
            }
        }
        return days;
    }
}
