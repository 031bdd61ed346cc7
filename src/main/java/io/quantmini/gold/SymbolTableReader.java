package io.quantmini.gold;

import io.quantmini.parallel.ParallelFor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Reads day files in parallel and regroups their rows by Qlib code into a {@link SymbolTable}.
 *
 * <p>Two tickers that differ only in case share one code (Qlib's directories are lower-case); on a day
 * with rows for both, the row of the ticker that sorts first (String order) is kept, like dump_bin's
 * "first row of a date wins", and a warning is logged. Tickers whose code Qlib cannot represent
 * ({@link QlibNames#representable}) are skipped with a warning.
 */
final class SymbolTableReader {

    private static final Logger LOG = LoggerFactory.getLogger(SymbolTableReader.class);

    private final List<String> columns;
    private final int exactColumn;
    private final Predicate<String> keepCode;
    private final int threads;
    /** Tickers already said to be skipped. */
    private final Set<String> skippedSaid = ConcurrentHashMap.newKeySet();

    /**
     * @param exactColumn index into {@code columns} kept as double too, or -1
     * @param keepCode    which codes to keep
     */
    SymbolTableReader(List<String> columns, int exactColumn, Predicate<String> keepCode, int threads) {
        this.columns = columns;
        this.exactColumn = exactColumn;
        this.keepCode = keepCode;
        this.threads = Math.max(1, threads);
    }

    /** One day's kept rows, in compact form until they are regrouped. */
    private record Chunk(int dayIndex, int[] tickerIds, float[][] values, double[] exact) {
    }

    SymbolTable read(List<DayFile> days) throws IOException {
        ConcurrentHashMap<String, Integer> tickerIds = new ConcurrentHashMap<>();
        AtomicInteger nextId = new AtomicInteger();
        Chunk[] chunks = new Chunk[days.size()];
        ParallelFor.forEach(days.size(), threads, i -> chunks[i] = readDay(days.get(i), tickerIds, nextId));
        return regroup(chunks, tickerIds);
    }

    private Chunk readDay(DayFile file, ConcurrentHashMap<String, Integer> tickerIds, AtomicInteger nextId)
            throws IOException {
        DayColumns day = DayColumns.read(file.path(), columns);
        int[] keep = new int[day.rows()];
        int kept = 0;
        for (int row = 0; row < day.rows(); row++) {
            String ticker = day.tickers()[row];
            if (ticker == null) {
                continue;
            }
            String code = QlibNames.code(ticker);
            if (!keepCode.test(code)) {
                continue;
            }
            if (!QlibNames.representable(code)) {
                if (skippedSaid.add(ticker)) { // once a run: the ticker is skipped on every day it trades
                    LOG.warn("{}: ticker '{}' cannot be a Qlib instrument name; skipped (on every day)",
                            file.path().getFileName(), ticker.replace("\t", "\\t").replace("\n", "\\n"));
                }
                continue;
            }
            keep[kept++] = row;
        }
        int[] ids = new int[kept];
        float[][] values = new float[columns.size()][kept];
        double[] exact = exactColumn >= 0 ? new double[kept] : null;
        for (int i = 0; i < kept; i++) {
            int row = keep[i];
            ids[i] = tickerIds.computeIfAbsent(day.tickers()[row], t -> nextId.getAndIncrement());
            for (int c = 0; c < columns.size(); c++) {
                values[c][i] = (float) day.values()[c][row];
            }
            if (exact != null) {
                exact[i] = day.values()[exactColumn][row];
            }
        }
        return new Chunk(file.dayIndex(), ids, values, exact);
    }

    /**
     * Tickers that differ only in case (or in what Qlib's names fold) are one Qlib instrument: their bars become one
     * series, and silver, which keeps tickers apart, computed the features of each on its own. Said once per code,
     * whether or not the tickers ever trade on the same day (that case is also said per day below).
     */
    private static void warnOfSharedCodes(String[] tickers, String[] codes, int[] codeOfTicker) {
        java.util.Map<Integer, java.util.List<String>> byCode = new java.util.TreeMap<>();
        for (int id = 0; id < tickers.length; id++) {
            byCode.computeIfAbsent(codeOfTicker[id], k -> new java.util.ArrayList<>()).add(tickers[id]);
        }
        byCode.forEach((code, shared) -> {
            if (shared.size() > 1) {
                java.util.Collections.sort(shared);
                LOG.warn("tickers {} are one Qlib instrument {}: their bars are one series in gold, and its feature"
                        + " files mix the features silver computed for each ticker apart", shared, codes[code]);
            }
        });
    }

    private SymbolTable regroup(Chunk[] chunks, ConcurrentHashMap<String, Integer> tickerIds) {
        String[] tickers = new String[tickerIds.size()];
        tickerIds.forEach((ticker, id) -> tickers[id] = ticker);
        String[] codes = Arrays.stream(tickers).map(QlibNames::code).distinct().sorted().toArray(String[]::new);
        int[] codeOfTicker = new int[tickers.length];
        for (int id = 0; id < tickers.length; id++) {
            codeOfTicker[id] = Arrays.binarySearch(codes, QlibNames.code(tickers[id]));
        }
        warnOfSharedCodes(tickers, codes, codeOfTicker);

        Arrays.sort(chunks, (a, b) -> Integer.compare(a.dayIndex(), b.dayIndex()));
        int[] capacity = new int[codes.length];
        for (Chunk chunk : chunks) {
            for (int id : chunk.tickerIds()) {
                capacity[codeOfTicker[id]]++;
            }
        }
        int[] offset = new int[codes.length];
        int total = 0;
        for (int k = 0; k < codes.length; k++) {
            offset[k] = total;
            total += capacity[k];
        }
        int[] count = new int[codes.length];
        int[] day = new int[total];
        int[] tickerAt = new int[total];
        float[][] values = new float[columns.size()][total];
        double[] exact = exactColumn >= 0 ? new double[total] : null;
        for (int i = 0; i < chunks.length; i++) {
            Chunk chunk = chunks[i];
            chunks[i] = null; // let each day go once regrouped: the table and the chunks need not coexist whole
            for (int r = 0; r < chunk.tickerIds().length; r++) {
                int id = chunk.tickerIds()[r];
                int k = codeOfTicker[id];
                int pos = offset[k] + count[k];
                if (count[k] > 0 && day[pos - 1] == chunk.dayIndex()) {
                    pos--;
                    LOG.warn("tickers '{}' and '{}' are one Qlib code {}: keeping the first on day index {}",
                            tickers[tickerAt[pos]], tickers[id], codes[k], chunk.dayIndex());
                    if (tickers[id].compareTo(tickers[tickerAt[pos]]) >= 0) {
                        continue;
                    }
                } else {
                    count[k]++;
                }
                day[pos] = chunk.dayIndex();
                tickerAt[pos] = id;
                for (int c = 0; c < values.length; c++) {
                    values[c][pos] = chunk.values()[c][r];
                }
                if (exact != null) {
                    exact[pos] = chunk.exact()[r];
                }
            }
        }
        return new SymbolTable(codes, offset, count, day, values, exact, exactColumn);
    }
}
