package io.quantmini.silver;

import org.apache.parquet.io.api.Binary;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small dense ids for tickers, shared by every day read in one run, so a day's bars are an {@code int[]} of ids
 * rather than 10,000 strings each. Ids are internal to the run (assigned in encounter order); nothing written
 * depends on them.
 *
 * <p>Keyed by the ticker's UTF-8 bytes as parquet hands them over: a run looks up every row of every bronze day
 * (12.5 million for five years of 10,000 tickers), and decoding each into a String was a tenth of the read phase.
 */
final class SymbolIds {

    private final ConcurrentHashMap<Binary, Integer> ids = new ConcurrentHashMap<>();
    /**
     * By id: each ticker's own copy of its UTF-8 bytes, in an array replaced when it grows and published by the
     * volatile write, so that {@link #bytesOf} reads it without a lock (an id handed out is always in it).
     */
    private volatile Binary[] tickers = new Binary[64];
    private int count;

    /**
     * The id of the ticker whose UTF-8 bytes are {@code ticker}. A new ticker is kept as its own copy of the bytes:
     * the reader's binary is a view of the page it came from, which would otherwise stay in memory with it.
     */
    int idOf(Binary ticker) {
        Integer id = ids.get(ticker);
        return id != null ? id
                : ids.computeIfAbsent(Binary.fromConstantByteArray(ticker.getBytes().clone()), this::register);
    }

    private synchronized Integer register(Binary ticker) {
        Binary[] all = tickers;
        if (count == all.length) {
            all = Arrays.copyOf(all, 2 * all.length);
        }
        all[count] = ticker;
        tickers = all;
        return count++;
    }

    /** The UTF-8 bytes of ticker {@code id}. */
    Binary bytesOf(int id) {
        return tickers[id];
    }

    String ticker(int id) {
        return bytesOf(id).toStringUsingUTF8();
    }

    synchronized int size() {
        return count;
    }
}
