package io.quantmini.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NYSE's recurring full-day holidays, computed by rule for one year.
 * <p>
 * The rules are the modern schedule (Monday holidays since 1971, MLK Day since 1998, Juneteenth
 * since 2022); earlier years get the modern rules, which is not what the exchange did then.
 * Ad hoc closures are data, not rules: see {@link ClosuresFile}.
 */
final class NyseHolidays {

    private NyseHolidays() {
    }

    static Set<LocalDate> of(int year) {
        Set<LocalDate> days = new TreeSet<>();
        // NYSE Rule 7.2: a Saturday New Year's Day is not made up on the Friday before (that Friday
        // ends the previous year's accounting period), unlike the other Saturday holidays.
        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
            days.add(observed(newYear));
        }
        if (year >= 1998) {
            days.add(nthWeekday(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
        }
        days.add(nthWeekday(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        days.add(easterSunday(year).minusDays(2));
        days.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (year >= 2022) {
            days.add(observed(LocalDate.of(year, Month.JUNE, 19)));
        }
        days.add(observed(LocalDate.of(year, Month.JULY, 4)));
        days.add(nthWeekday(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        days.add(nthWeekday(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
        days.add(observed(LocalDate.of(year, Month.DECEMBER, 25)));
        return days;
    }

    /** Saturday holidays move to Friday, Sunday holidays to Monday. */
    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate nthWeekday(int year, Month month, DayOfWeek weekday, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
    }

    /** Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
