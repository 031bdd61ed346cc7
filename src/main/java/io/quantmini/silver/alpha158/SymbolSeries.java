package io.quantmini.silver.alpha158;

/** One symbol's float32-rounded input fields on its calendar rows ({@code vwap} may be null). */
final class SymbolSeries {
    final double[] open;
    final double[] high;
    final double[] low;
    final double[] close;
    final double[] volume;
    final double[] vwap;

    SymbolSeries(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] vwap) {
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.vwap = vwap;
    }
}
