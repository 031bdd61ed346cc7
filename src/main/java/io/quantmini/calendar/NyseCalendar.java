package io.quantmini.calendar;

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
