package io.quantmini.silver;

import io.quantmini.parallel.ParallelFor;
import io.quantmini.silver.alpha158.Alpha158;
import io.quantmini.silver.alpha158.Alpha158Workspace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Computes the Alpha158 features of one block's output days for every symbol with a bar on one of them, in
 * parallel over symbols. Each symbol's series is aligned on the calendar (NaN where it has no bar), starts at
 * {@code max(its first bar, block.lookbackStart)} and ends at its last bar in the block (values are causal, so rows
 * after it change nothing).
 *
 * <p>The result is the 158 feature columns of each output day ({@link DayTables}), indexed like the bronze day's
 * rows. Each worker thread computes batches of {@link #BATCH} ticker-adjacent symbols into its own {@link Scratch}
 * (Alpha158 workspace, input series, the batch's output rows, which the kernel writes in place), so the per-symbol
 * work allocates nothing, then copies the batch into the day tables.
 */
final class BlockFeatures {

    static final int FEATURES = Alpha158.featureNames().size();

    /** Per worker thread; the stage's pool threads end with the run, and their scratch with them. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private BlockFeatures() {
    }

    /**
     * Symbols computed together by one task, so that their values land side by side in each day's columns: the
     * longer those runs, the cheaper the copy into the day columns (measured: 512 per run cost a fifth of 64).
     */
    static final int BATCH = 512;

    /** Symbols a thread's batch holds when a day has {@code rows} of them: a small market's batch is smaller. */
    static int batchSlots(int rows) {
        return Math.max(1, Math.min(BATCH, rows));
    }

    /**
     * @param order  every symbol id, in the order the bronze days sort their rows (by ticker): symbols next to each
     *               other in it are next to each other in every day's rows
     * @param tables where the result goes
     * @param clock  adds up where the time went
     */
    static DayFeatures[] compute(MarketBars bars, BlockGrid.Block block, int[] order, ForkJoinPool pool,
                                 DayTables tables, ComputeClock clock) {
        int from = block.lookbackStart();
        int width = block.lastDay() - from + 1;
        int[] days = block.days();

        int[] dayRows = new int[days.length];
        for (int k = 0; k < days.length; k++) {
            dayRows[k] = bars.day(days[k]).rows();
        }
        long allocating = System.nanoTime();
        DayFeatures[] out = tables.columns(dayRows);
        clock.tables(System.nanoTime() - allocating);
        // rowOf[k][symbol]: the symbol's row in output day k, or -1
        int[][] rowOf = new int[days.length][];
        boolean[] computed = new boolean[bars.symbols()];
        for (int k = 0; k < days.length; k++) {
            DayBars day = bars.day(days[k]);
            rowOf[k] = new int[bars.symbols()];
            Arrays.fill(rowOf[k], -1);
            for (int r = 0; r < day.rows(); r++) {
                rowOf[k][day.ids()[r]] = r;
                computed[day.ids()[r]] = true;
            }
        }
        int[] symbols = IntStream.of(order).filter(s -> computed[s]).toArray();
        Window window = Window.gather(bars, from, width, pool);
        int batches = (symbols.length + BATCH - 1) / BATCH;
        ParallelFor.compute(pool, pool.getParallelism(), batches, b -> {
            Scratch scratch = SCRATCH.get();
            int first = b * BATCH;
            int count = Math.min(BATCH, symbols.length - first);
            scratch.size(days.length, days[0] - from, block.lastDay() - days[0] + 1, batchSlots(symbols.length));
            long started = ComputeClock.threadCpuNanos();
            for (int j = 0; j < count; j++) {
                int s = symbols[first + j];
                int start = Math.max(bars.firstBar(s), from) - from;
                window.compute(s, start, window.lastBar(s), j, scratch);
            }
            long kept = ComputeClock.threadCpuNanos();
            scratch.scatter(days, from, count, first, symbols, rowOf, out);
            clock.features(kept - started);
            clock.copy(ComputeClock.threadCpuNanos() - kept);
        });
        return out;
    }

    /** The block's input rows for every symbol, dense: {@code field[symbol * width + (day − from)]}, NaN if no bar. */
    private static final class Window {
        private final int width;
        private final float[][] fields = new float[6][];
        private final int[] lastBar;

        private Window(int symbols, int width) {
            this.width = width;
            this.lastBar = new int[symbols];
            Arrays.fill(lastBar, -1);
        }

        /** The inputs of days {@code from … from + width − 1}, one field per task of {@code pool}. */
        static Window gather(MarketBars bars, int from, int width, ForkJoinPool pool) {
            Window w = new Window(bars.symbols(), width);
            ParallelFor.compute(pool, pool.getParallelism(), w.fields.length, f -> {
                float[] field = new float[bars.symbols() * width];
                Arrays.fill(field, Float.NaN);
                for (int t = 0; t < width; t++) {
                    DayBars day = bars.day(from + t);
                    float[] source = field(day, f);
                    int[] ids = day.ids();
                    for (int r = 0, n = day.rows(); r < n; r++) {
                        field[ids[r] * width + t] = source[r];
                    }
                }
                w.fields[f] = field;
            });
            for (int t = 0; t < width; t++) {
                DayBars day = bars.day(from + t);
                int[] ids = day.ids();
                for (int r = 0, n = day.rows(); r < n; r++) {
                    w.lastBar[ids[r]] = t;
                }
            }
            return w;
        }

        /** Input field {@code f}: open, high, low, close, volume, vwap. */
        private static float[] field(DayBars day, int f) {
            return switch (f) {
                case 0 -> day.open();
                case 1 -> day.high();
                case 2 -> day.low();
                case 3 -> day.close();
                case 4 -> day.volume();
                default -> day.vwap();
            };
        }

        int lastBar(int symbol) {
            return lastBar[symbol];
        }

        /**
         * Alpha158 over window offsets start..end of one symbol, straight into batch slot {@code slot} of the
         * scratch: the rows from the block's first output day on; the lookback rows before it are history only.
         */
        void compute(int symbol, int start, int end, int slot, Scratch scratch) {
            int n = end - start + 1;
            double[][] series = scratch.series(n);
            int base = symbol * width + start;
            for (int f = 0; f < fields.length; f++) {
                double[] x = series[f];
                float[] field = fields[f];
                for (int t = 0; t < n; t++) {
                    x[t] = field[base + t];
                }
            }
            int history = Math.min(n, Math.max(0, scratch.firstOutput - start));
            Alpha158.compute(series[0], series[1], series[2], series[3], series[4], series[5], history,
                    scratch.batch, scratch.offset(slot, start), scratch.workspace);
        }
    }

    /**
     * One thread's reusable buffers. Alpha158 wants input arrays of exactly the series length: most symbols of a
     * block span its whole window, so one set per length seen is kept (at most the block width of them).
     *
     * <p>Alpha158 writes each symbol's output rows (from the block's first output day on; the lookback rows before
     * it are never written) straight into {@link #batch}, one array per feature holding the batch's series side by
     * side ({@code [feature][slot * span + day offset]}), so that filling a day's column reads one array per feature
     * and writes the batch's adjacent rows in one run. With per-symbol tables the same copy read 158 × batch arrays
     * and, measured, cost as much as computing the features; computing into a per-symbol table and copying it into
     * the batch cost ~1.5 thread-seconds of the benchmark's full build.
     */
    private static final class Scratch {
        final Alpha158Workspace workspace = new Alpha158Workspace();
        private final Map<Integer, double[][]> series = new HashMap<>();
        private float[][] batch = new float[FEATURES][0];
        /** Block offset of the first output day, and the output days' span from it to the block's last day. */
        private int firstOutput;
        private int span;
        /**
         * Per output day of the block: the batch's symbols present that day as runs of consecutive rows, three ints a
         * run (first row, first batch slot, length). Ticker-adjacent symbols sit in adjacent rows of every day they all
         * trade, so a batch is a few runs, and the copy needs no per-value index.
         */
        private int[][] runs = new int[0][];

        void size(int days, int firstOutput, int span, int slots) {
            this.firstOutput = firstOutput;
            this.span = span;
            if (batch[0].length < slots * span) {
                batch = new float[FEATURES][slots * span];
            }
            if (runs.length < days) {
                runs = new int[days][3 * BATCH];
            }
        }

        double[][] series(int n) {
            return series.computeIfAbsent(n, length -> new double[6][length]);
        }

        /**
         * Where the row of a series starting at block offset {@code start} goes in the batch's columns, less the
         * row's index: slot {@code slot}'s span starts at the first output day, so rows before it (history) would
         * fall before the slot and are not written.
         */
        int offset(int slot, int start) {
            return slot * span + start - firstOutput;
        }

        /** Copies the batch's values of each output day into that day's columns, at the symbols' rows. */
        void scatter(int[] days, int blockStart, int count, int first, int[] symbols, int[][] rowOf,
                     DayFeatures[] out) {
            int[] runInts = new int[days.length]; // per day: how much of runs[k] holds this batch's runs
            for (int k = 0; k < days.length; k++) {
                int[] dayRows = rowOf[k];
                int[] dayRuns = runs[k];
                int n = 0;
                int j = 0;
                while (j < count) {
                    int row = dayRows[symbols[first + j]];
                    if (row < 0) {
                        j++;
                        continue;
                    }
                    int length = 1;
                    while (j + length < count && dayRows[symbols[first + j + length]] == row + length) {
                        length++;
                    }
                    dayRuns[n++] = row;
                    dayRuns[n++] = j;
                    dayRuns[n++] = length;
                    j += length;
                }
                runInts[k] = n;
            }
            int stride = span;
            for (int f = 0; f < FEATURES; f++) {
                float[] values = batch[f];
                for (int k = 0; k < days.length; k++) {
                    float[] dayValues = out[k].values();
                    int column = out[k].column(f);
                    int[] dayRuns = runs[k];
                    int offset = days[k] - blockStart - firstOutput;
                    for (int r = 0, n = runInts[k]; r < n; r += 3) {
                        int row = column + dayRuns[r];
                        int at = dayRuns[r + 1] * stride + offset;
                        for (int end = row + dayRuns[r + 2]; row < end; row++, at += stride) {
                            dayValues[row] = values[at];
                        }
                    }
                }
            }
        }
    }
}
