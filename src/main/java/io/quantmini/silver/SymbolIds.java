package io.quantmini.silver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small dense ids for tickers, shared by every day read in one run, so a day's bars are an {@code int[]} of ids
 * rather than 10,000 strings each. Ids are internal to the run (assigned in encounter order); nothing written
 * depends on them.
 */
final class SymbolIds {

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> tickers = new ArrayList<>();

    int idOf(String ticker) {
        Integer id = ids.get(ticker);
        return id != null ? id : ids.computeIfAbsent(ticker, this::register);
    }

    private Integer register(String ticker) {
        synchronized (tickers) {
            tickers.add(ticker);
            return tickers.size() - 1;
        }
    }

    String ticker(int id) {
        synchronized (tickers) {
            return tickers.get(id);
        }
    }

    int size() {
        synchronized (tickers) {
            return tickers.size();
        }
    }
}
