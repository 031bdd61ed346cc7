package io.quantmini.silver;

import io.quantmini.silver.alpha158.Alpha158;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Computes the Alpha158 features of one block's output days for every symbol with a bar on one of them, in
 * parallel over symbols. Each symbol's series is aligned on the calendar (NaN where it has no bar), starts at
 * {@code max(its first bar, block.lookbackStart)} and ends at its last bar in the block (values are causal, so rows
 * after it change nothing).
 *
 * <p>The result is one {@code float[158][rows]} per output day, indexed like the bronze day's rows.
 */
final class BlockFeatures {

    static final int FEATURES = Alpha158.featureNames().size();

    private BlockFeatures() {
    }

    static float[][][] compute(MarketBars bars, BlockGrid.Block block, ForkJoinPool pool) {
        int from = block.lookbackStart();
        int width = block.lastDay() - from + 1;
        int[] days = block.days();

        float[][][] out = new float[days.length][][];
        // rowOf[k][symbol]: the symbol's row in output day k, or -1
        int[][] rowOf = new int[days.length][];
        boolean[] computed = new boolean[bars.symbols()];
        for (int k = 0; k < days.length; k++) {
            DayBars day = bars.day(days[k]);
            out[k] = new float[FEATURES][day.rows()];
            rowOf[k] = new int[bars.symbols()];
            Arrays.fill(rowOf[k], -1);
            for (int r = 0; r < day.rows(); r++) {
                rowOf[k][day.ids()[r]] = r;
                computed[day.ids()[r]] = true;
            }
        }
        int[] symbols = IntStream.range(0, bars.symbols()).filter(s -> computed[s]).toArray();
        Window window = Window.gather(bars, from, width);
        try {
            pool.submit(() -> IntStream.range(0, symbols.length).parallel().forEach(i -> {
                int s = symbols[i];
                int start = Math.max(bars.firstBar(s), from) - from;
                int end = window.lastBar(s);
                float[][] features = window.compute(s, start, end);
                for (int k = 0; k < days.length; k++) {
                    int row = rowOf[k][s];
                    if (row >= 0) {
                        int at = days[k] - from - start;
                        for (int f = 0; f < FEATURES; f++) {
                            out[k][f][row] = features[f][at];
                        }
                    }
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing features", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("feature computation failed", e.getCause());
        }
        return out;
    }

    /** The block's input rows for every symbol, dense: {@code field[symbol * width + (day − from)]}, NaN if no bar. */
    private static final class Window {
        private final int width;
        private final float[][] fields = new float[6][];
        private final int[] lastBar;

        private Window(int symbols, int width) {
            this.width = width;
            for (int f = 0; f < fields.length; f++) {
                fields[f] = new float[symbols * width];
                Arrays.fill(fields[f], Float.NaN);
            }
            this.lastBar = new int[symbols];
            Arrays.fill(lastBar, -1);
        }

        static Window gather(MarketBars bars, int from, int width) {
            Window w = new Window(bars.symbols(), width);
            for (int t = 0; t < width; t++) {
                DayBars day = bars.day(from + t);
                float[][] source = {day.open(), day.high(), day.low(), day.close(), day.volume(), day.vwap()};
                for (int r = 0; r < day.rows(); r++) {
                    int s = day.ids()[r];
                    int at = s * width + t;
                    for (int f = 0; f < source.length; f++) {
                        w.fields[f][at] = source[f][r];
                    }
                    w.lastBar[s] = t;
                }
            }
            return w;
        }

        int lastBar(int symbol) {
            return lastBar[symbol];
        }

        /** Alpha158 over window offsets start..end of one symbol. */
        float[][] compute(int symbol, int start, int end) {
            double[][] series = new double[fields.length][];
            int base = symbol * width;
            for (int f = 0; f < fields.length; f++) {
                double[] x = new double[end - start + 1];
                for (int t = start; t <= end; t++) {
                    x[t - start] = fields[f][base + t];
                }
                series[f] = x;
            }
            return Alpha158.compute(series[0], series[1], series[2], series[3], series[4], series[5]);
        }
    }
}
