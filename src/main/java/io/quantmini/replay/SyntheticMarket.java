package io.quantmini.replay;

import io.quantmini.calendar.NyseCalendar;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deterministic synthetic US stock market served as Polygon would: grouped daily bars for every
 * NYSE trading day of the spec's range, each ticker's daily bars over a date range, and the reference list of splits.
 * The market has IPOs (tickers listed after the first day), delistings (gone before the last day) and exactly one 1:4
 * split when the range has at least two trading days. The same spec always gives byte-identical
 * responses.
 */
public final class SyntheticMarket implements PolygonResponder {

    /** The market: how many tickers, which days, and the seed everything is drawn from. */
    public record Spec(int tickers, LocalDate start, LocalDate end, long seed) {

        /** The most tickers a market can have: its names are four letters. */
        public static final int MAX_TICKERS = SyntheticTickers.MAX;

        public Spec {
            if (tickers < 1 || tickers > SyntheticTickers.MAX) {
                throw new IllegalArgumentException("tickers must be between 1 and " + SyntheticTickers.MAX + ": "
                        + tickers);
            }
            if (start == null || end == null || start.isAfter(end)) {
                throw new IllegalArgumentException("start " + start + " must not be after end " + end);
            }
        }
    }

    /** The grouped daily bars path, followed by the date: what the ingest asks for one trading day. */
    public static final String GROUPED_DAILY = "/v2/aggs/grouped/locale/us/market/stocks/";
    static final String SPLITS = "/v3/reference/splits";
    static final String TICKER_AGGS = "/v2/aggs/ticker/";
    static final String DAY_RANGE = "/range/1/day/";
    private static final ZoneId NEW_YORK = NyseCalendar.ZONE;
    private static final LocalTime CLOSE = LocalTime.of(16, 0);

    private final Spec spec;
    private final List<String> tickers;
    private final List<LocalDate> tradingDays;
    private final long[] closeMillis;
    /** Polygon stamps a per-ticker day bar at the start of its window, midnight New York time. */
    private final long[] midnightMillis;
    private final MarketModel model;
    private final GroupedDailyWriter grouped;
    private final Optional<SplitEvent> split;

    public SyntheticMarket(Spec spec, NyseCalendar calendar) {
        this.spec = spec;
        this.tickers = SyntheticTickers.names(spec.tickers());
        this.tradingDays = List.copyOf(calendar.tradingDays(spec.start(), spec.end()));
        this.closeMillis = tradingDays.stream()
                .mapToLong(day -> day.atTime(CLOSE).atZone(NEW_YORK).toInstant().toEpochMilli()).toArray();
        this.midnightMillis = tradingDays.stream()
                .mapToLong(day -> day.atStartOfDay(NEW_YORK).toInstant().toEpochMilli()).toArray();
        this.model = new MarketModel(tickers.size(), tradingDays.size(), spec.seed());
        this.grouped = new GroupedDailyWriter(model, tickers);
        this.split = model.splitTicker() < 0 ? Optional.empty() : Optional.of(new SplitEvent(
                tickers.get(model.splitTicker()), tradingDays.get(model.splitDay()), 1, MarketModel.SPLIT_TO));
    }

    /** Every ticker that trades at some point in the range, IPOs and delistings included. */
    public List<String> tickers() {
        return tickers;
    }

    public List<LocalDate> tradingDays() {
        return tradingDays;
    }

    /** e.g. {@code synthetic market: 100 tickers, 2024-01-02..2024-12-31 (252 trading days), seed 42}. */
    public String description() {
        return "synthetic market: " + tickers.size() + " tickers, " + spec.start() + ".." + spec.end()
                + " (" + tradingDays.size() + " trading days), seed " + spec.seed();
    }

    @Override
    public String toString() {
        return description();
    }

    @Override
    public ReplayResponse respond(String path, Map<String, String> query, String baseUrl) {
        String requestId = RequestIds.of("synthetic:" + spec, path, query);
        if (path.startsWith(GROUPED_DAILY) && path.indexOf('/', GROUPED_DAILY.length()) < 0) {
            return groupedDaily(path.substring(GROUPED_DAILY.length()), query, path, requestId);
        }
        if (path.equals(SPLITS)) {
            return splits(query, requestId);
        }
        if (path.startsWith(TICKER_AGGS) && path.contains(DAY_RANGE)) {
            return tickerDays(path, query, requestId);
        }
        return ReplayResponse.notFound(path);
    }

    /** {@code /v2/aggs/ticker/{ticker}/range/1/day/{from}/{to}}: one ticker's bars, oldest first. */
    private ReplayResponse tickerDays(String path, Map<String, String> query, String requestId) {
        int range = path.lastIndexOf(DAY_RANGE);
        String ticker = path.substring(TICKER_AGGS.length(), range);
        String[] dates = path.substring(range + DAY_RANGE.length()).split("/");
        LocalDate from;
        LocalDate to;
        try {
            if (dates.length != 2) {
                return ReplayResponse.notFound(path);
            }
            from = LocalDate.parse(dates[0]);
            to = LocalDate.parse(dates[1]);
        } catch (DateTimeParseException e) {
            return badRequest("from and to must be yyyy-mm-dd", requestId);
        }
        Boolean adjusted = adjusted(query);
        if (adjusted == null) {
            return badAdjusted(query, requestId);
        }
        int first = firstDayFrom(from);
        int last = firstDayFrom(to.plusDays(1)) - 1;
        return ReplayResponse.ok(grouped.tickerDays(tickers.indexOf(ticker), ticker, first, last, midnightMillis,
                adjusted, requestId));
    }

    /** Polygon's {@code adjusted} query flag (true when absent); null when it is neither true nor false. */
    private static Boolean adjusted(Map<String, String> query) {
        return switch (query.getOrDefault("adjusted", "true")) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }

    private static ReplayResponse badAdjusted(Map<String, String> query, String requestId) {
        return badRequest("adjusted must be true or false, not '" + query.get("adjusted") + "'", requestId);
    }

    /** Index of the first trading day on or after {@code day}. */
    private int firstDayFrom(LocalDate day) {
        int index = Collections.binarySearch(tradingDays, day);
        return index >= 0 ? index : -index - 1;
    }

    private ReplayResponse groupedDaily(String date, Map<String, String> query, String path, String requestId) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return ReplayResponse.notFound(path);
        }
        Boolean adjusted = adjusted(query);
        if (adjusted == null) {
            return badAdjusted(query, requestId);
        }
        int index = Collections.binarySearch(tradingDays, day);
        if (index < 0) {
            return ReplayResponse.ok(grouped.empty(adjusted, requestId));
        }
        return ReplayResponse.ok(grouped.day(index, closeMillis[index], adjusted, requestId));
    }

    private ReplayResponse splits(Map<String, String> query, String requestId) {
        JsonBytes json = new JsonBytes(256).ascii("{\"results\":[");
        try {
            if (split.isPresent() && matches(split.get(), query)) {
                SplitEvent event = split.get();
                json.ascii("{\"execution_date\":").string(event.executionDate().toString())
                        .ascii(",\"split_from\":").number(event.splitFrom())
                        .ascii(",\"split_to\":").number(event.splitTo())
                        .ascii(",\"ticker\":").string(event.ticker()).ascii("}");
            }
        } catch (DateTimeParseException e) {
            return badRequest("execution_date filters must be yyyy-mm-dd", requestId);
        }
        return ReplayResponse.ok(json.ascii("],\"status\":\"OK\",\"request_id\":").string(requestId)
                .ascii("}").toByteArray());
    }

    /** Polygon's splits filters: ticker, execution_date and its .gt/.gte/.lt/.lte forms. */
    private static boolean matches(SplitEvent event, Map<String, String> query) {
        LocalDate date = event.executionDate();
        String ticker = query.get("ticker");
        return (ticker == null || ticker.equals(event.ticker()))
                && test(query.get("execution_date"), bound -> date.isEqual(bound))
                && test(query.get("execution_date.gt"), bound -> date.isAfter(bound))
                && test(query.get("execution_date.gte"), bound -> !date.isBefore(bound))
                && test(query.get("execution_date.lt"), bound -> date.isBefore(bound))
                && test(query.get("execution_date.lte"), bound -> !date.isAfter(bound));
    }

    private static boolean test(String bound, java.util.function.Predicate<LocalDate> condition) {
        return bound == null || condition.test(LocalDate.parse(bound));
    }

    private static ReplayResponse badRequest(String message, String requestId) {
        return ReplayResponse.json(400, new JsonBytes(128).ascii("{\"status\":\"ERROR\",\"request_id\":")
                .string(requestId).ascii(",\"error\":").string(message).ascii("}").toByteArray());
    }
}
