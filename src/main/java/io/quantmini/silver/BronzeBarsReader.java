package io.quantmini.silver;

import io.quantmini.lake.PlainPages;
import org.apache.parquet.column.ColumnReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the Alpha158 inputs (ticker, open, high, low, close, volume, vwap) of a bronze day file. */
final class BronzeBarsReader {

    static final String TICKER = "ticker";
    private static final List<String> PRICE_COLUMNS = List.of("open", "high", "low", "close", "volume", "vwap");

    /** Each reading thread's cursor over the last day it read (days are read in parallel). */
    private final ThreadLocal<TickerCursor> cursors;

    BronzeBarsReader(SymbolIds symbols) {
        this.cursors = ThreadLocal.withInitial(() -> new TickerCursor(symbols));
    }

    /** Every input field, rounded to float32 as Qlib stores them. */
    DayBars read(Path file) throws IOException {
        return read(file, true, null);
    }

    /** Ticker ids only. */
    DayBars readTickers(Path file) throws IOException {
        return read(file, false, null);
    }

    /**
     * Every input field of a day whose ids were read before ({@code tickers}, from {@link #readTickers}). The ids
     * are kept, not decoded again, so the file must still hold the bytes they came from.
     */
    DayBars readPrices(Path file, DayBars tickers) throws IOException {
        return read(file, true, tickers);
    }

    /** Reads a bronze day; whatever goes wrong is an IOException that names the file. */
    private DayBars read(Path file, boolean prices, DayBars known) throws IOException {
        try {
            return readFile(file, prices, known);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read bronze day " + file + ": " + e.getMessage(), e);
        }
    }

    private DayBars readFile(Path file, boolean prices, DayBars known) throws IOException {
        BytesInputFile bytes = BytesInputFile.read(file);
        if (known != null && bytes.checksum() != known.fileChecksum()) {
            throw new IOException("it changed while silver was reading it (re-run silver)");
        }
        try (ParquetColumns in = ParquetColumns.open(bytes, bytes.newStream())) {
            int n = Math.toIntExact(in.rows());
            int[] ids = known != null ? known.ids() : new int[n];
            float[][] fields = prices ? new float[PRICE_COLUMNS.size()][n] : null;
            List<String> columns = known != null ? PRICE_COLUMNS
                    : prices ? concat(TICKER, PRICE_COLUMNS) : List.of(TICKER);
            int[] offset = {0};
            TickerCursor cursor = cursors.get();
            if (known == null) {
                cursor.startDay();
            }
            in.forEachRowGroup(columns, group -> {
                int rows = Math.toIntExact(group.rows());
                if (known == null) {
                    readIds(group, cursor, ids, offset[0], rows);
                }
                if (prices) {
                    readPrices(group, fields, offset[0], rows);
                }
                offset[0] += rows;
            });
            if (known == null) {
                cursor.endDay(ids);
            }
            if (!prices) {
                return new DayBars(ids, null, null, null, null, null, null, bytes.checksum());
            }
            return new DayBars(ids, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                    bytes.checksum());
        }
    }

    private static void readIds(ParquetColumns.RowGroup group, TickerCursor cursor, int[] ids, int from, int rows)
            throws IOException {
        if (!group.plain(TICKER)) {
            ColumnReader tickers = group.column(TICKER);
            for (int r = 0; r < rows; r++) {
                ids[from + r] = cursor.idOf(tickers.getBinary());
                tickers.consume();
            }
            return;
        }
        PlainPages.binaries(group.pages(TICKER), group.descriptor(TICKER), rows, (row, ticker) -> {
            if (ticker == null) {
                throw new IOException("a row without a ticker");
            }
            ids[from + row] = cursor.idOf(ticker);
        });
    }

    /** The row group's price columns as float32, NaN where null, into {@code fields[…][from …]}. */
    private static void readPrices(ParquetColumns.RowGroup group, float[][] fields, int from, int rows)
            throws IOException {
        double[] decoded = new double[rows];
        for (int f = 0; f < fields.length; f++) {
            String name = PRICE_COLUMNS.get(f);
            if (!group.plain(name)) {
                readFloats(group.column(name), fields[f], from, rows);
                continue;
            }
            PlainPages.numbers(group.pages(name), group.descriptor(name), decoded, 0, rows);
            for (int r = 0; r < rows; r++) {
                fields[f][from + r] = (float) decoded[r];
            }
        }
    }

    /** A null (optional column without a value) reads as NaN. */
    private static void readFloats(ColumnReader column, float[] into, int from, int rows) {
        int defined = column.getDescriptor().getMaxDefinitionLevel();
        for (int r = 0; r < rows; r++) {
            into[from + r] = column.getCurrentDefinitionLevel() == defined ? (float) column.getDouble() : Float.NaN;
            column.consume();
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
