package io.quantmini.silver;

import org.apache.parquet.io.api.Binary;

/**
 * Ticker ids for the rows of consecutive days read by one thread. Days list nearly the same tickers in the same
 * (sorted) order, so each row's ticker is first compared with the one that followed the previous row's ticker in the
 * last day read: one comparison of a few bytes where {@link SymbolIds#idOf} hashes them and probes a shared map.
 * A miss (a new or a dropped ticker) takes the map and moves the cursor to after that ticker's row in the last day.
 */
final class TickerCursor {

    private final SymbolIds symbols;
    /** The ids of the last day read, in row order, and each id's row in it (valid where {@code last[row] == id}). */
    private int[] last = new int[0];
    private int[] rowOf = new int[0];
    private int next;

    TickerCursor(SymbolIds symbols) {
        this.symbols = symbols;
    }

    /** Starts a day: the next ticker is expected to be the last day's first. */
    void startDay() {
        next = 0;
    }

    int idOf(Binary ticker) {
        if (next < last.length) {
            int expected = last[next];
            if (symbols.bytesOf(expected).equals(ticker)) {
                next++;
                return expected;
            }
        }
        int id = symbols.idOf(ticker);
        if (id < rowOf.length) {
            int row = rowOf[id];
            if (row < last.length && last[row] == id) {
                next = row + 1;
            }
        }
        return id;
    }

    /** Ends a day whose rows had {@code ids} (not changed afterwards): the next day is compared with it. */
    void endDay(int[] ids) {
        int symbolCount = symbols.size();
        if (rowOf.length < symbolCount) {
            rowOf = new int[Math.max(symbolCount, 2 * rowOf.length)];
        }
        for (int row = 0; row < ids.length; row++) {
            rowOf[ids[row]] = row;
        }
        last = ids;
    }
}
