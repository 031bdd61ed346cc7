package io.quantmini;

import java.util.LinkedHashMap;
import java.util.Map;

/** One result of a Polygon grouped-daily response, with every field Polygon sends: for tests that write bronze. */
public final class GroupedDailyResult {

    private GroupedDailyResult() {
    }

    /** The ticker's bar, its vwap halfway between high and low, stamped 2024-03-15 20:00 UTC. */
    public static Map<String, Object> of(String ticker, double open, double high, double low, double close,
                                         double volume, int transactions) {
        Map<String, Object> bar = new LinkedHashMap<>();
        bar.put("T", ticker);
        bar.put("v", volume);
        bar.put("vw", (high + low) / 2);
        bar.put("o", open);
        bar.put("c", close);
        bar.put("h", high);
        bar.put("l", low);
        bar.put("t", 1710532800000L);
        bar.put("n", transactions);
        return bar;
    }
}
