package io.quantmini.silver;

import org.apache.parquet.column.ColumnReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the Alpha158 inputs (ticker, open, high, low, close, volume, vwap) of a bronze day file. */
final class BronzeBarsReader {

    static final String TICKER = "ticker";
    private static final List<String> PRICE_COLUMNS = List.of("open", "high", "low", "close", "volume", "vwap");

    private final SymbolIds symbols;

    BronzeBarsReader(SymbolIds symbols) {
        this.symbols = symbols;
    }

    /** Every input field, rounded to float32 as Qlib stores them. */
    DayBars read(Path file) throws IOException {
        return read(file, true);
    }

    /** Ticker ids only. */
    DayBars readTickers(Path file) throws IOException {
        return read(file, false);
    }

    private DayBars read(Path file, boolean prices) throws IOException {
        BytesInputFile bytes = BytesInputFile.read(file);
        try (ParquetColumns in = ParquetColumns.open(bytes, bytes.newStream())) {
            int n = Math.toIntExact(in.rows());
            int[] ids = new int[n];
            float[][] fields = prices ? new float[PRICE_COLUMNS.size()][n] : null;
            List<String> columns = prices ? concat(TICKER, PRICE_COLUMNS) : List.of(TICKER);
            int[] offset = {0};
            in.forEachRowGroup(columns, group -> {
                int rows = Math.toIntExact(group.rows());
                ColumnReader tickers = group.column(TICKER);
                for (int r = 0; r < rows; r++) {
                    ids[offset[0] + r] = symbols.idOf(tickers.getBinary());
                    tickers.consume();
                }
                for (int f = 0; prices && f < fields.length; f++) {
                    readFloats(group.column(PRICE_COLUMNS.get(f)), fields[f], offset[0], rows);
                }
                offset[0] += rows;
            });
            if (!prices) {
                return new DayBars(ids, null, null, null, null, null, null, bytes.checksum());
            }
            return new DayBars(ids, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                    bytes.checksum());
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
