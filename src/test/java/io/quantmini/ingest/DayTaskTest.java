package io.quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
