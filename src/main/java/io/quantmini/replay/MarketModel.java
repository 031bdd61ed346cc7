package io.quantmini.replay;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The synthetic market's numbers. Per ticker, a seeded geometric random walk of (split-adjusted)
 * closes is precomputed as floats, plus its listing window; everything else in a bar is derived
 * on demand from a generator seeded by (seed, ticker, day), so any day can be produced alone and
 * the same seed always yields the same bars.
 */
final class MarketModel {

    static final int SPLIT_TO = 4;
    private static final long PRICE_UNIT = 10_000;  // Bar.PRICE_DECIMALS
    private static final long VOLUME_UNIT = 1_000;  // Bar.VOLUME_DECIMALS

    private final long seed;
    private final int days;
    private final float[][] closes;
    private final float[] sigma;
    private final float[] baseVolume;
    private final float[] tradeSize;
    private final int[] firstDay;
    private final int[] lastDay;
    private final int splitTicker;
    private final int splitDay;

    MarketModel(int tickers, int days, long seed) {
        this.seed = seed;
        this.days = days;
        this.closes = new float[tickers][];
        this.sigma = new float[tickers];
        this.baseVolume = new float[tickers];
        this.tradeSize = new float[tickers];
        this.firstDay = new int[tickers];
        this.lastDay = new int[tickers];
        IntStream.range(0, tickers).parallel().forEach(this::walk);

        SplittableRandom market = new SplittableRandom(seed);
        int[] order = shuffled(tickers, market);
        int lifecycles = tickers >= 3 && days >= 3 ? Math.max(1, tickers / 100) : 0;
        for (int i = 0; i < lifecycles; i++) {
            firstDay[order[i]] = 1 + market.nextInt(days - 1);                 // IPO after the first day
            lastDay[order[lifecycles + i]] = market.nextInt(days - 1);          // delisted before the last day
        }
        boolean split = days >= 2 && tickers > 2 * lifecycles;
        this.splitTicker = split ? order[2 * lifecycles] : -1;
        this.splitDay = split ? days / 2 : -1;
        if (split) {
            // Splits happen to expensive stocks: scale this walk to ~$50 (adjusted) on the split day.
            float scale = 50f / closes[splitTicker][splitDay];
            float[] walk = closes[splitTicker];
            for (int d = 0; d < days; d++) {
                walk[d] *= scale;
            }
        }
    }

    boolean listed(int ticker, int day) {
        return day >= firstDay[ticker] && day <= lastDay[ticker];
    }

    /** Index of the ticker that splits, or -1 (fewer than 2 days or too few tickers). */
    int splitTicker() {
        return splitTicker;
    }

    /** Index of the day the split takes effect: the first day quoted on the new share count. */
    int splitDay() {
        return splitDay;
    }

    /** Fills {@code bar} for a listed ticker on a day; {@code adjusted} applies the split to earlier bars. */
    void bar(int ticker, int day, boolean adjusted, Bar bar) {
        SplittableRandom rng = new SplittableRandom(mix(seed, ticker, day));
        float s = sigma[ticker];
        double close = closes[ticker][day];
        double firstPrevious = close * StrictMath.exp(0.5 * s * rng.nextGaussian());
        double previous = day > firstDay[ticker] ? closes[ticker][day - 1] : firstPrevious;
        double open = previous * StrictMath.exp(0.3 * s * rng.nextGaussian());
        double up = 1 + 0.6 * s * Math.abs(rng.nextGaussian());
        double down = 1 - Math.min(0.5, 0.6 * s * Math.abs(rng.nextGaussian()));

        long o = priceUnits(open);
        long c = priceUnits(close);
        long h = Math.max(priceUnits(Math.max(open, close) * up), Math.max(o, c));
        long l = Math.max(1, Math.min(priceUnits(Math.min(open, close) * down), Math.min(o, c)));
        long vw = l + Math.round((h - l) * (0.3 + 0.4 * rng.nextDouble()));

        long shares = Math.max(1, Math.round(baseVolume[ticker] * StrictMath.exp(0.6 * rng.nextGaussian())));
        long volume = shares * VOLUME_UNIT;
        if (rng.nextInt(10) == 0) {
            volume += 1 + rng.nextInt((int) VOLUME_UNIT - 1); // fractional-share volume, as Polygon reports
        }
        bar.transactions = Math.max(1, Math.round(shares / (double) tradeSize[ticker]));

        long priceFactor = 1;
        long volumeFactor = 1;
        if (ticker == splitTicker && day < splitDay) {
            if (adjusted) {
                volumeFactor = SPLIT_TO;
            } else {
                priceFactor = SPLIT_TO;
            }
        }
        bar.open = o * priceFactor;
        bar.high = h * priceFactor;
        bar.low = l * priceFactor;
        bar.close = c * priceFactor;
        bar.vwap = vw * priceFactor;
        bar.volume = volume * volumeFactor;
    }

    private void walk(int ticker) {
        SplittableRandom rng = new SplittableRandom(mix(seed, ticker, -1));
        sigma[ticker] = (float) (0.008 + 0.027 * rng.nextDouble());
        baseVolume[ticker] = (float) StrictMath.exp(logUniform(rng, 1e4, 5e7));
        tradeSize[ticker] = (float) (40 + 360 * rng.nextDouble());
        double price = rng.nextInt(20) == 0 ? 0.2 + 0.8 * rng.nextDouble() : StrictMath.exp(logUniform(rng, 3, 500));
        double drift = 0.0003 * rng.nextGaussian() - 0.5 * sigma[ticker] * sigma[ticker];
        float[] walk = new float[days];
        for (int d = 0; d < days; d++) {
            price *= StrictMath.exp(drift + sigma[ticker] * rng.nextGaussian());
            walk[d] = (float) price;
        }
        closes[ticker] = walk;
        firstDay[ticker] = 0;
        lastDay[ticker] = days - 1;
    }

    /** Cents at a dollar and above, hundredths of a cent below, as US stocks are quoted. */
    private static long priceUnits(double price) {
        if (price >= 1) {
            return Math.round(price * 100) * (PRICE_UNIT / 100);
        }
        return Math.max(1, Math.round(price * PRICE_UNIT));
    }

    private static double logUniform(SplittableRandom rng, double low, double high) {
        return StrictMath.log(low) + (StrictMath.log(high) - StrictMath.log(low)) * rng.nextDouble();
    }

    private static int[] shuffled(int count, SplittableRandom rng) {
        int[] order = IntStream.range(0, count).toArray();
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static long mix(long seed, int ticker, int day) {
        long z = seed ^ (ticker * 0x9E3779B97F4A7C15L) ^ ((day + 1L) * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
