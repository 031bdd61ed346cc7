package io.quantmini.ingest;

import io.quantmini.calendar.NyseCalendar;
import io.quantmini.polygon.FetchRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * One unit of ingest work, the body of each split exchange: a dataset's data for one trading day, or one ticker's
 * bars over the days a split made stale ({@link #tickerPatch}). {@code vars} fill the other placeholders of the
 * dataset's endpoint path and query: a day's {@code {since}} (the day after the previous trading day, so that a
 * request can cover the calendar days since the last session), a per-ticker task's {@code {ticker}} and
 * {@code {from}}.
 *
 * @param patchDays for a per-ticker task, the bronze days its bars replace the ticker's rows in (ascending, the last
 *                  one is {@code date}); empty for a day's task
 * @param rebase    a day fetched again because a split made its bars stale ({@link SplitBasis}): its file is replaced
 *                  even when the answer holds the same rows, so that its received time says they are on the new basis
 *                  (else the day would stay stale, and be fetched again on every run)
 */
public record DayTask(String dataset, LocalDate date, Map<String, String> vars, List<LocalDate> patchDays,
                      boolean rebase) implements FetchRequest {

    /** A per-ticker task's ticker and first day: its request's {@code {ticker}} and {@code {from}}. */
    public static final String TICKER_VAR = "ticker";
    public static final String FROM_VAR = "from";
    /** A day's first calendar day since the previous session: its request's {@code {since}}. */
    public static final String SINCE_VAR = "since";
    /**
     * The same days as UTC instants, for endpoints filtered by a time rather than a date (news' {@code published_utc}):
     * midnight in New York at the start of {@code {since}}, and at the end of {@code {date}} (exclusive), e.g.
     * {@code 2024-01-02T05:00:00Z}. The New York day is the one the bronze day's window checks use.
     */
    public static final String WINDOW_START_VAR = "window_start";
    public static final String WINDOW_END_VAR = "window_end";
    /** Every {@code {name}} the fetcher fills in a request's path and query: the day's {@code {date}} and the above. */
    public static final Set<String> PLACEHOLDERS = Set.of("date", SINCE_VAR, WINDOW_START_VAR, WINDOW_END_VAR,
            TICKER_VAR, FROM_VAR);

    public DayTask {
        vars = Map.copyOf(vars);
        patchDays = List.copyOf(patchDays);
    }

    public DayTask(String dataset, LocalDate date, Map<String, String> vars, List<LocalDate> patchDays) {
        this(dataset, date, vars, patchDays, false);
    }

    public DayTask(String dataset, LocalDate date) {
        this(dataset, date, Map.of(), List.of());
    }

    /**
     * A trading day's task, whose {@code {since}} is the day after the previous trading day: a dataset of events
     * (splits) asks for the calendar days {@code since … date}, so that one executed on a weekend or a holiday falls
     * in the next session's request rather than in none.
     */
    static DayTask tradingDay(String dataset, LocalDate date, LocalDate previousTradingDay, boolean rebase) {
        LocalDate since = previousTradingDay.plusDays(1);
        return new DayTask(dataset, date, Map.of(SINCE_VAR, since.toString(),
                WINDOW_START_VAR, newYorkMidnight(since).toString(),
                WINDOW_END_VAR, newYorkMidnight(date.plusDays(1)).toString()), List.of(), rebase);
    }

    private static Instant newYorkMidnight(LocalDate day) {
        return day.atStartOfDay(NyseCalendar.ZONE).toInstant();
    }

    /** A request for one ticker's bars from its first stale day to its last, which patch those days. */
    static DayTask tickerPatch(String dataset, String ticker, SortedSet<LocalDate> staleDays) {
        return new DayTask(dataset, staleDays.last(),
                Map.of(TICKER_VAR, ticker, FROM_VAR, staleDays.first().toString()), List.copyOf(staleDays));
    }

    /** The ticker of a per-ticker task; null for a day's task. */
    public String ticker() {
        return vars.get(TICKER_VAR);
    }

    /**
     * Short: Camel prints bodies in its logs (an in-flight dump at shutdown printed a per-ticker task's whole list of
     * patch days, 10,000 characters on one line).
     */
    @Override
    public String toString() {
        return patchDays.isEmpty() ? "DayTask[" + dataset + " " + date + "]"
                : "DayTask[" + dataset + " " + ticker() + " " + patchDays.get(0) + ".." + date + ", "
                        + patchDays.size() + " days]";
    }
}
