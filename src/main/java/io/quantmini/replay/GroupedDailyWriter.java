package io.quantmini.replay;

import java.util.List;

/**
 * Writes the synthetic market's day in the shape of Polygon's grouped daily aggregates
 * ({@code /v2/aggs/grouped/locale/us/market/stocks/{date}}), compact, straight to bytes.
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
            json.raw(rowPrefixes[ticker]).fixedPoint(bar.volume, Bar.VOLUME_DECIMALS)
                    .ascii(",\"vw\":").fixedPoint(bar.vwap, Bar.PRICE_DECIMALS)
                    .ascii(",\"o\":").fixedPoint(bar.open, Bar.PRICE_DECIMALS)
                    .ascii(",\"c\":").fixedPoint(bar.close, Bar.PRICE_DECIMALS)
                    .ascii(",\"h\":").fixedPoint(bar.high, Bar.PRICE_DECIMALS)
                    .ascii(",\"l\":").fixedPoint(bar.low, Bar.PRICE_DECIMALS)
                    .ascii(",\"t\":").number(closeMillis)
                    .ascii(",\"n\":").number(bar.transactions).ascii("}");
        }
        return footer(json.ascii("]"), count, requestId);
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
