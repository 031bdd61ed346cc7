package io.quantmini.silver;

import io.quantmini.lake.ParquetColumns;
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

    /** Every input field, rounded to float32 as Qlib stores them: {@link #readTickers}, then {@link #readPrices}. */
    DayBars read(Path file) throws IOException {
        return readPrices(file, readTickers(file));
    }

    /** Ticker ids only. */
    DayBars readTickers(Path file) throws IOException {
        try {
            BytesInputFile bytes = BytesInputFile.read(file);
            try (ParquetColumns in = ParquetColumns.open(bytes, bytes.newStream())) {
                io.quantmini.lake.DayFiles.requireOwnDay(file, in.footerMetadata());
                int[] ids = new int[Math.toIntExact(in.rows())];
                int[] offset = {0};
                TickerCursor cursor = cursors.get();
                cursor.startDay();
                in.forEachRowGroup(List.of(TICKER), group -> {
                    int rows = Math.toIntExact(group.rows());
                    readIds(group, cursor, ids, offset[0], rows);
                    offset[0] += rows;
                });
                cursor.endDay(ids);
                return new DayBars(ids, null, null, null, null, null, null, bytes.checksum());
            }
        } catch (IOException | RuntimeException e) {
            throw failed(file, e);
        }
    }

    /**
     * Every input field of a day whose ids were read before ({@code tickers}, from {@link #readTickers}). The ids
     * are kept, not decoded again, so the file must still hold the bytes they came from. (Ids and fields are read
     * by separate methods: one method for both, with flags, was deoptimized and recompiled by C2 as a run went from
     * one use to the other, ~4 CPU-s of compilation per full build.)
     */
    DayBars readPrices(Path file, DayBars tickers) throws IOException {
        try {
            BytesInputFile bytes = BytesInputFile.read(file);
            if (bytes.checksum() != tickers.fileChecksum()) {
                throw new IOException("it changed while silver was reading it (re-run silver)");
            }
            try (ParquetColumns in = ParquetColumns.open(bytes, bytes.newStream())) {
                float[][] fields = new float[PRICE_COLUMNS.size()][tickers.rows()];
                int[] offset = {0};
                in.forEachRowGroup(PRICE_COLUMNS, group -> {
                    int rows = Math.toIntExact(group.rows());
                    readPrices(group, fields, offset[0], rows);
                    offset[0] += rows;
                });
                return new DayBars(tickers.ids(), fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                        tickers.fileChecksum());
            }
        } catch (IOException | RuntimeException e) {
            throw failed(file, e);
        }
    }

    /** Whatever goes wrong reading a bronze day is an IOException that names the file. */
    private static IOException failed(Path file, Exception e) {
        return new IOException(io.quantmini.lake.DayFiles.whyUnreadable(file, e, "cannot read bronze day " + file), e);
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
}
