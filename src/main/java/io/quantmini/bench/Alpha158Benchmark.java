package io.quantmini.bench;

import io.quantmini.parallel.ParallelFor;
import io.quantmini.silver.alpha158.Alpha158;
import io.quantmini.silver.alpha158.Alpha158Workspace;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.IntStream;

/**
 * Throughput of {@link Alpha158#compute} on synthetic data: N symbols × D days (random-walk OHLCV with a few
 * holes), streamed the way a silver writer runs: the market is processed in batches of symbols; a batch's inputs are
 * generated (off the clock), its symbols are computed in parallel — each thread reusing one
 * {@link Alpha158Workspace} and one output table — and each symbol's 158 × D output is reduced to a checksum and
 * dropped before the next symbol. Only one batch of inputs is ever in memory, so the peak heap is bounded by the
 * batch size and the thread count, not by the market.
 *
 * <pre>scripts/bench alpha158 [symbols=10000] [days=1260] [threads=all cores] [batch=500]</pre>
 */
public final class Alpha158Benchmark {
    private Alpha158Benchmark() {
    }

    public static void main(String[] args) {
        int symbols = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 1_260;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 500;

        System.out.printf("Alpha158 benchmark: %,d symbols x %,d days, %d threads, batches of %,d symbols, "
            + "max heap %,d MB%n", symbols, days, threads, batch, Runtime.getRuntime().maxMemory() >> 20);
        ForkJoinPool pool = new ForkJoinPool(threads);
        ThreadLocal<Alpha158Workspace> workspaces = ThreadLocal.withInitial(Alpha158Workspace::new);
        ThreadLocal<float[][]> tables = ThreadLocal.withInitial(() -> Alpha158.newTable(days));
        try {
            int warm = Math.min(symbols, Math.max(50, symbols / 20));
            run(pool, workspaces, tables, threads, warm, days, batch);
            System.gc();
            JvmFigures.resetHeapPeaks();
            java.util.Map<String, Double> vmBefore = JvmFigures.vmThreadCpuSeconds();
            long start = System.nanoTime();
            double[] result = run(pool, workspaces, tables, threads, symbols, days, batch);
            double wall = (System.nanoTime() - start) / 1e9;
            StringBuilder vm = new StringBuilder();
            JvmFigures.vmThreadCpuSeconds().forEach((kind, cpu) -> vm.append(String.format(", %s %.2f s", kind,
                cpu - vmBefore.getOrDefault(kind, 0.0))));
            double seconds = result[1];
            double cpu = result[2];
            long rows = (long) symbols * days;
            System.out.printf("computed %,d rows x 158 features in %.2f s: %,.0f rows/s (%,.0f rows/s per thread)%n",
                rows, seconds, rows / seconds, rows / seconds / threads);
            System.out.printf("compute cpu %.2f s: %,.0f rows per CPU-second; load %.2f (JVM threads meanwhile%s)%n",
                cpu, rows / cpu, JvmFigures.loadAverage(), vm);
            System.out.printf("wall time incl. generating the inputs %.2f s; checksum %.6g%n", wall, result[0]);
            System.out.printf("peak heap %,d MB (one batch of inputs: %,d MB; whole market's inputs would be %,d MB)%n",
                JvmFigures.peakHeapBytes() >> 20, (long) Math.min(batch, symbols) * days * 6 * 8 >> 20,
                (long) symbols * days * 6 * 8 >> 20);
        } finally {
            pool.shutdown();
        }
    }

    /** Returns {checksum, seconds spent computing, process CPU seconds spent computing (generation excluded)}. */
    private static double[] run(ForkJoinPool pool, ThreadLocal<Alpha158Workspace> workspaces,
                                ThreadLocal<float[][]> tables, int threads, int count, int days, int batch) {
        DoubleAdder checksum = new DoubleAdder();
        long computeNanos = 0;
        long cpuNanos = 0;
        double[][][] bars = new double[Math.min(batch, count)][6][days]; // one batch of inputs, refilled in place
        for (int from = 0; from < count; from += batch) {
            int first = from;
            int size = Math.min(batch, count - from);
            pool.submit(() -> IntStream.range(0, size).parallel()
                .forEach(k -> syntheticSymbol(first + k, bars[k]))).join();
            long start = System.nanoTime();
            long cpuStart = JvmFigures.processCpuNanos();
            ParallelFor.compute(pool, threads, size, k -> {
                double[][] b = bars[k];
                float[][] f = tables.get();
                Alpha158.compute(b[0], b[1], b[2], b[3], b[4], b[5], f, workspaces.get());
                double sum = 0;
                int last = days - 1;
                for (float[] feature : f) {
                    float v = feature[last];
                    if (Float.isFinite(v)) {
                        sum += v;
                    }
                }
                checksum.add(sum);
            });
            computeNanos += System.nanoTime() - start;
            cpuNanos += JvmFigures.processCpuNanos() - cpuStart;
        }
        return new double[] {checksum.sum(), computeNanos / 1e9, cpuNanos / 1e9};
    }

    /** open, high, low, close, volume, vwap of one random-walk symbol; about 0.5% of days are holes. */
    public static void syntheticSymbol(int seed, double[][] b) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
        int days = b[0].length;
        double price = 5 + rnd.nextDouble() * 200;
        for (int i = 0; i < days; i++) {
            if (i > 0 && rnd.nextDouble() < 0.005) {
                for (double[] field : b) {
                    field[i] = Double.NaN;
                }
                continue;
            }
            double open = price * (1 + 0.01 * rnd.nextGaussian());
            double close = open * (1 + 0.02 * rnd.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.01 * Math.abs(rnd.nextGaussian()));
            double low = Math.min(open, close) * (1 - 0.01 * Math.abs(rnd.nextGaussian()));
            b[0][i] = round2(open);
            b[1][i] = round2(high);
            b[2][i] = round2(low);
            b[3][i] = round2(close);
            b[4][i] = Math.floor(1e5 + 1e6 * rnd.nextDouble());
            b[5][i] = (open + high + low + close) / 4;
            price = close;
        }
    }

    private static double round2(double v) {
        return Math.max(0.01, Math.round(v * 100) / 100.0);
    }

}
