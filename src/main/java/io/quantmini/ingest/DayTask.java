package io.quantmini.ingest;

import java.time.LocalDate;
import java.util.Map;

/**
 * One unit of ingest work: a dataset's data for one trading day, the body of each split exchange. {@code vars} fill
 * the other placeholders of the dataset's endpoint path and query ({@code {ticker}}, {@code {from}}), for requests that
 * are not one per day.
 */
public record DayTask(String dataset, LocalDate date, Map<String, String> vars) {

    public static final String PROPERTY = "quantminiDay";
    /** A per-ticker task's ticker, first day (its request's {@code {from}}) and days to patch (comma-separated). */
    public static final String TICKER_VAR = "ticker";
    public static final String FROM_VAR = "from";
    public static final String DAYS_VAR = "days";

    public DayTask {
        vars = Map.copyOf(vars);
    }

    public DayTask(String dataset, LocalDate date) {
        this(dataset, date, Map.of());
    }
}
