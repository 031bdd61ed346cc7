package io.quantmini.silver;

import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TickerCursorTest {

    /**
     * Whatever changes from one day to the next (listings, delistings, a run of dropped tickers, a day in another
     * order, a day of strangers), every row gets the id the map gives its ticker.
     */
    @Test
    void everyRowGetsItsTickersIdHoweverTheDaysDiffer() {
        Random random = new Random(5);
        SymbolIds symbols = new SymbolIds();
        TickerCursor cursor = new TickerCursor(symbols);
        TreeSet<String> listed = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            listed.add(ticker(random));
        }
        for (int day = 0; day < 200; day++) {
            for (int change = random.nextInt(6); change > 0; change--) {
                listed.add(ticker(random));
                String delisted = listed.higher(ticker(random));
                if (delisted != null) {
                    listed.remove(delisted);
                }
            }
            if (day % 50 == 7) {
                listed.subSet("B", "D").clear(); // a run of dropped tickers
            }
            List<String> rows = new ArrayList<>(listed);
            if (day % 40 == 13) {
                Collections.shuffle(rows, random);
            }
            if (day % 60 == 21) {
                rows = List.of("ZZ1", "ZZ2", "AAPL");
            }
            int[] ids = new int[rows.size()];
            cursor.startDay();
            for (int r = 0; r < rows.size(); r++) {
                byte[] page = ("xx" + rows.get(r) + "yy").getBytes();
                ids[r] = cursor.idOf(Binary.fromConstantByteArray(page, 2, page.length - 4));
                assertEquals(symbols.idOf(Binary.fromString(rows.get(r))), ids[r], rows.get(r) + " on day " + day);
            }
            cursor.endDay(ids);
        }
    }

    private static String ticker(Random random) {
        StringBuilder ticker = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            ticker.append((char) ('A' + random.nextInt(26)));
        }
        return ticker.toString();
    }
}
