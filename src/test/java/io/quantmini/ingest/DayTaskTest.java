package io.quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantmini.polygon.PolygonUrls;
import java.net.URI;
import java.time.LocalDate;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DayTaskTest {

    /** Camel logs bodies: a per-ticker task of a long history reads as one short line, not its list of days. */
    @Test
    void aTaskPrintsAsOneShortLine() {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (LocalDate d = LocalDate.of(2020, 1, 1); days.size() < 1_000; d = d.plusDays(1)) {
            days.add(d);
        }
        assertEquals("DayTask[stocks_daily_by_ticker AAPL 2020-01-01..2022-09-26, 1000 days]",
                DayTask.tickerPatch("stocks_daily_by_ticker", "AAPL", days).toString());
        assertEquals("DayTask[stocks_daily 2024-01-02]",
                new DayTask("stocks_daily", LocalDate.of(2024, 1, 2)).toString());
    }

    /**
     * A day's window as UTC instants: from New York's midnight at the start of {since} to the one ending {date}, across
     * the change to daylight saving time (2024-03-10) here, as an endpoint filtered by a time is asked for them.
     */
    @Test
    void aTradingDaysWindowIsFilledAsNewYorkMidnightsInUtc() {
        DayTask monday = DayTask.tradingDay("news", LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 8), false);
        assertEquals("2024-03-09", monday.vars().get("since"));
        assertEquals("2024-03-09T05:00:00Z", monday.vars().get("window_start"));
        assertEquals("2024-03-12T04:00:00Z", monday.vars().get("window_end"));
        assertEquals("https://api.polygon.io/v2/reference/news?published_utc.gte=2024-03-09T05%3A00%3A00Z"
                        + "&published_utc.lt=2024-03-12T04%3A00%3A00Z&limit=1000",
                PolygonUrls.forDay(URI.create("https://api.polygon.io"), "/v2/reference/news",
                        "published_utc.gte={window_start}&published_utc.lt={window_end}&limit=1000", monday.date(),
                        monday.vars()).toString());
    }
}
