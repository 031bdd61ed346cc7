package io.quantmini.calendar;

import io.quantmini.lake.DayFiles;
import io.quantmini.text.Plural;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * How a dataset's bronze days differ from the NYSE calendar between its first and last day: trading days without a
 * bronze day, and bronze days on a day the calendar has closed. Silver and gold take their calendar from the bronze
 * days, as Qlib's {@code dump_bin} takes it from the data, so a missing day joins the days on either side of it
 * (a {@code Ref($close, 1)} across it reads two sessions back), and a day the calendar has closed is a day of every
 * series: the stages say so rather than build on it silently.
 *
 * @param missing trading days from the first bronze day to the last that have no bronze day, in order
 * @param closed  bronze days the calendar has closed (a holiday, or an ad hoc closure added since), in order
 */
public record MarketDayGaps(List<LocalDate> missing, List<LocalDate> closed) {

    /** Days named in full in a warning; the rest are counted. */
    static final int NAMED = 5;

    public static MarketDayGaps of(NyseCalendar calendar, NavigableSet<LocalDate> bronzeDays) {
        if (bronzeDays.isEmpty()) {
            return new MarketDayGaps(List.of(), List.of());
        }
        NavigableSet<LocalDate> trading = new TreeSet<>(calendar.tradingDays(bronzeDays.first(), bronzeDays.last()));
        List<LocalDate> closed = new ArrayList<>();
        for (LocalDate day : bronzeDays) {
            if (!trading.remove(day)) {
                closed.add(day);
            }
        }
        return new MarketDayGaps(List.copyOf(trading), List.copyOf(closed));
    }

    /**
     * The {@link #warnings} of the bronze days in {@code bronzeDataset}. A comparison that cannot be made (the calendar
     * file unreadable, the folder changing under the listing) is one more warning, never an error: the work this
     * follows is done, and stays done.
     */
    public static List<String> warningsOfBronze(Supplier<NyseCalendar> calendar, Path bronzeDataset, String dataset) {
        try {
            return of(calendar.get(), DayFiles.list(bronzeDataset).navigableKeySet()).warnings(dataset);
        } catch (IOException | RuntimeException e) {
            return List.of("bronze " + dataset + " not compared with the NYSE calendar: " + e.getMessage());
        }
    }

    /** One line per kind of difference, each saying what it does to silver and gold and how to mend it. */
    public List<String> warnings(String dataset) {
        List<String> lines = new ArrayList<>();
        if (!missing.isEmpty()) {
            boolean one = missing.size() == 1;
            lines.add("bronze " + dataset + " lacks " + Plural.of(missing.size(), "NYSE trading day")
                    + " between its first and last day: " + named(missing) + "; silver and gold read the days either"
                    + " side of " + (one ? "it" : "each") + " as consecutive. Fetch " + (one ? "it" : "them")
                    + ": quantmini data ingest -t " + dataset + " -s " + missing.get(0) + " -e "
                    + missing.get(missing.size() - 1) + " --incremental (a day the market was closed goes in"
                    + " config/calendar/nyse-closures.csv)");
        }
        if (!closed.isEmpty()) {
            boolean one = closed.size() == 1;
            lines.add("bronze " + dataset + " holds " + Plural.of(closed.size(), "day")
                    + " the NYSE calendar has closed: " + named(closed) + "; silver and gold keep "
                    + (one ? "it" : "them") + " as trading days. Remove "
                    + (one ? "its bronze file" : "their bronze files")
                    + " if the market was closed; else, for an ad hoc closure, its line in"
                    + " config/calendar/nyse-closures.csv");
        }
        return lines;
    }

    private static String named(List<LocalDate> days) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(NAMED, days.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(days.get(i));
        }
        return days.size() > NAMED ? text + " ... " + days.get(days.size() - 1) : text.toString();
    }
}
