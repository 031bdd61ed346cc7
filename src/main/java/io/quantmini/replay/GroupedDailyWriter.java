package io.quantmini.replay;

import java.util.List;

/**
 * Writes the synthetic market's bars in the shapes of Polygon's daily aggregates, compact, straight to bytes: a day
 * of every ticker ({@code /v2/aggs/grouped/locale/us/market/stocks/{date}}), or days of one ticker
 * ({@code /v2/aggs/ticker/{ticker}/range/1/day/{from}/{to}}), with the same numbers for the same bar.
 */
final class GroupedDailyWriter {

    private static final int BYTES_PER_ROW = 128;

    private final MarketModel model;
    private final byte[][] rowPrefixes;

    GroupedDailyWriter(MarketModel model, List<String> tickers) {
        this.model = model;
        this.rowPrefixes = new byte[tickers.size()][];
        for (int i = 0; i < tickers.size(); i++) {
            rowPrefixes[i] = new JsonBytes(32).ascii("{\"T\":").string(tickers.get(i)).ascii(",\"v\":").toByteArray();
        }
    }

    byte[] day(int day, long closeMillis, boolean adjusted, String requestId) {
        int count = 0;
        for (int ticker = 0; ticker < rowPrefixes.length; ticker++) {
            if (model.listed(ticker, day)) {
                count++;
            }
        }
        if (count == 0) {
            return empty(adjusted, requestId);
        }
        JsonBytes json = header(count, adjusted, count * BYTES_PER_ROW).ascii(",\"results\":[");
        Bar bar = new Bar();
        boolean first = true;
        for (int ticker = 0; ticker < rowPrefixes.length; ticker++) {
            if (!model.listed(ticker, day)) {
                continue;
            }
            model.bar(ticker, day, adjusted, bar);
            if (!first) {
                json.ascii(",");
            }
            first = false;
            json.raw(rowPrefixes[ticker]);
            values(json, bar, closeMillis);
        }
        return footer(json.ascii("]"), count, requestId);
    }

    /**
     * The bars of one ticker on market days {@code from..to} (indices) that it is listed, oldest first; none for a
     * ticker the market does not have ({@code ticker < 0}).
     */
    byte[] tickerDays(int ticker, String name, int from, int to, long[] barMillis, boolean adjusted,
                      String requestId) {
        int count = 0;
        for (int day = from; ticker >= 0 && day <= to; day++) {
            count += model.listed(ticker, day) ? 1 : 0;
        }
        JsonBytes json = new JsonBytes(count * BYTES_PER_ROW + 200).ascii("{\"ticker\":").string(name)
                .ascii(",\"queryCount\":").number(count).ascii(",\"resultsCount\":").number(count)
                .ascii(",\"adjusted\":").ascii(adjusted ? "true" : "false");
        if (count > 0) {
            json.ascii(",\"results\":[");
            Bar bar = new Bar();
            boolean first = true;
            for (int day = from; day <= to; day++) {
                if (!model.listed(ticker, day)) {
                    continue;
                }
                model.bar(ticker, day, adjusted, bar);
                json.ascii(first ? "{\"v\":" : ",{\"v\":");
                first = false;
                values(json, bar, barMillis[day]);
            }
            json.ascii("]");
        }
        return footer(json, count, requestId);
    }

    /** A bar's fields from the volume on: {@code <volume>,"vw":…,"n":…}}. */
    private static void values(JsonBytes json, Bar bar, long millis) {
        json.fixedPoint(bar.volume, Bar.VOLUME_DECIMALS)
                .ascii(",\"vw\":").fixedPoint(bar.vwap, Bar.PRICE_DECIMALS)
                .ascii(",\"o\":").fixedPoint(bar.open, Bar.PRICE_DECIMALS)
                .ascii(",\"c\":").fixedPoint(bar.close, Bar.PRICE_DECIMALS)
                .ascii(",\"h\":").fixedPoint(bar.high, Bar.PRICE_DECIMALS)
                .ascii(",\"l\":").fixedPoint(bar.low, Bar.PRICE_DECIMALS)
                .ascii(",\"t\":").number(millis)
                .ascii(",\"n\":").number(bar.transactions).ascii("}");
    }

    /** A day without bars: like Polygon, no {@code results} key at all. */
    byte[] empty(boolean adjusted, String requestId) {
        return footer(header(0, adjusted, 0), 0, requestId);
    }

    private static JsonBytes header(int count, boolean adjusted, int capacity) {
        return new JsonBytes(capacity + 160).ascii("{\"queryCount\":").number(count)
                .ascii(",\"resultsCount\":").number(count)
                .ascii(",\"adjusted\":").ascii(adjusted ? "true" : "false");
    }

    private static byte[] footer(JsonBytes json, int count, String requestId) {
        return json.ascii(",\"status\":\"OK\",\"request_id\":").string(requestId)
                .ascii(",\"count\":").number(count).ascii("}").toByteArray();
    }
}
