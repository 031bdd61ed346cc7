package io.quantmini.silver.alpha158;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.IntStream;

/**
 * Throughput of {@link Alpha158#compute} on synthetic data: N symbols × D days (random-walk OHLCV with a few
 * holes), computed in parallel over symbols. Inputs are generated before the clock starts; each symbol's
 * 158 × D output is reduced to a checksum and dropped, as a streaming silver writer would.
 *
 * <pre>java -cp target/classes io.quantmini.silver.alpha158.Alpha158Benchmark [symbols=10000] [days=1260] [threads=all cores]</pre>
 */
public final class Alpha158Benchmark {
    private Alpha158Benchmark() {
    }

    public static void main(String[] args) {
        int symbols = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 1_260;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();

        System.out.printf("Alpha158 benchmark: %,d symbols x %,d days, %d threads, max heap %,d MB%n",
            symbols, days, threads, Runtime.getRuntime().maxMemory() >> 20);
        long genStart = System.nanoTime();
        double[][][] bars = new double[symbols][][];
        IntStream.range(0, symbols).parallel().forEach(k -> bars[k] = syntheticSymbol(k, days));
        System.out.printf("generated inputs in %.1f s%n", (System.nanoTime() - genStart) / 1e9);

        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            int warm = Math.min(symbols, Math.max(50, symbols / 20));
            run(pool, bars, warm);
            resetPeaks();
            long start = System.nanoTime();
            double checksum = run(pool, bars, symbols);
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = (long) symbols * days;
            System.out.printf("computed %,d rows x 158 features in %.2f s: %,.0f rows/s (%,.0f rows/s per thread)%n",
                rows, seconds, rows / seconds, rows / seconds / threads);
            System.out.printf("peak heap %,d MB (inputs alone: %,d MB); checksum %.6g%n", peakHeapBytes() >> 20,
                (long) symbols * days * 6 * 8 >> 20, checksum);
        } finally {
            pool.shutdown();
        }
    }

    private static double run(ForkJoinPool pool, double[][][] bars, int count) {
        DoubleAdder checksum = new DoubleAdder();
        pool.submit(() -> IntStream.range(0, count).parallel().forEach(k -> {
            double[][] b = bars[k];
            float[][] f = Alpha158.compute(b[0], b[1], b[2], b[3], b[4], b[5]);
            double sum = 0;
            int last = f[0].length - 1;
            for (float[] feature : f) {
                float v = feature[last];
                if (Float.isFinite(v)) {
                    sum += v;
                }
            }
            checksum.add(sum);
        })).join();
        return checksum.sum();
    }

    /** open, high, low, close, volume, vwap of one random-walk symbol; about 0.5% of days are holes. */
    static double[][] syntheticSymbol(int seed, int days) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
        double[][] b = new double[6][days];
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
        return b;
    }

    private static double round2(double v) {
        return Math.max(0.01, Math.round(v * 100) / 100.0);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound on the simultaneous peak). */
    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
