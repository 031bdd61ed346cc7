package io.quantmini.silver;

import org.apache.parquet.io.api.Binary;

import java.util.ArrayList;
import java.util.List;
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
    /** By id: each ticker's own copy of its UTF-8 bytes. */
    private final List<Binary> tickers = new ArrayList<>();

    /**
     * The id of the ticker whose UTF-8 bytes are {@code ticker}. A new ticker is kept as its own copy of the bytes:
     * the reader's binary is a view of the page it came from, which would otherwise stay in memory with it.
     */
    int idOf(Binary ticker) {
        Integer id = ids.get(ticker);
        return id != null ? id
                : ids.computeIfAbsent(Binary.fromConstantByteArray(ticker.getBytes().clone()), this::register);
    }

    private Integer register(Binary ticker) {
        synchronized (tickers) {
            tickers.add(ticker);
            return tickers.size() - 1;
        }
    }

    String ticker(int id) {
        synchronized (tickers) {
            return tickers.get(id).toStringUsingUTF8();
        }
    }

    int size() {
        synchronized (tickers) {
            return tickers.size();
        }
    }
}
