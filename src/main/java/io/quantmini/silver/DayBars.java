package io.quantmini.silver;

/**
 * One bronze day as Alpha158 reads it: per row (bronze file order), the symbol id and the float32 fields. A
 * null {@code vwap} in bronze is NaN here. With {@code open == null} only the ids are held (a day outside the
 * block being computed: its ids still tell where each symbol's history starts). {@code fileChecksum} is the
 * {@link BytesInputFile#checksum} of the file as read: the silver writer requires the same bytes.
 */
record DayBars(int[] ids, float[] open, float[] high, float[] low, float[] close, float[] volume, float[] vwap,
               long fileChecksum) {

    int rows() {
        return ids.length;
    }

    boolean hasPrices() {
        return open != null;
    }
}
