package io.quantmini.silver.alpha158;

/**
 * The finite values of a sliding window kept sorted (insertion/removal by search and array shift: O(w) per
 * row with a tiny constant for Alpha158's w ≤ 60). Serves {@link Quantile} and {@link Rank}. Reusable across
 * series via {@link #fill}.
 */
final class SortedWindow {
    private final double[] values;
    private int size;

    SortedWindow(int capacity) {
        values = new double[capacity];
    }

    /**
     * Holds exactly the finite values of {@code x[from … to−1]} (at most the capacity of them), by insertion sort:
     * for a window's few dozen values quicker than {@code Arrays.sort} (~2.0 against ~3.0 µs for the five windows).
     */
    void fill(double[] x, int from, int to) {
        size = 0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            if (Finite.is(v)) {
                int at = size++;
                while (at > 0 && values[at - 1] > v) {
                    values[at] = values[at - 1];
                    at--;
                }
                values[at] = v;
            }
        }
    }

    /**
     * Slides the window of width {@code w} to end at row {@code i} of {@code x}.
     *
     * @return the slot where {@code x[i]} now sits (see {@link #rankPctAt}), or -1 when it is not finite
     */
    int slideTo(double[] x, int i, int w) {
        int j = i - w;
        double leaving = x[Math.max(j, 0)]; // read unconditionally: see Windows
        boolean leaves = j >= 0 && Finite.is(leaving);
        boolean enters = Finite.is(x[i]);
        if (leaves && enters) {
            return replace(leaving, x[i]);
        } else if (leaves) {
            remove(leaving);
        } else if (enters) {
            return insert(x[i]);
        }
        return -1;
    }

    /**
     * Removes {@code old} and inserts {@code v} in one pass: shifts only the values between their two slots.
     * Returns v's slot.
     */
    int replace(double old, double v) {
        int at = lowerBound(old);
        if (at >= size || values[at] != old) {
            throw new IllegalStateException("value not in window: " + old);
        }
        if (v > old) {
            while (at + 1 < size && values[at + 1] < v) {
                values[at] = values[at + 1];
                at++;
            }
        } else {
            while (at > 0 && values[at - 1] > v) {
                values[at] = values[at - 1];
                at--;
            }
        }
        values[at] = v;
        return at;
    }

    /** Inserts v after any equal values; returns its slot. */
    int insert(double v) {
        int at = upperBound(v);
        System.arraycopy(values, at, values, at + 1, size - at);
        values[at] = v;
        size++;
        return at;
    }

    void remove(double v) {
        int at = lowerBound(v);
        if (at >= size || values[at] != v) {
            throw new IllegalStateException("value not in window: " + v);
        }
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
    }

    /**
     * Number of values strictly below {@code v}, counted without a branch: the blocks of 8 whose last value is below
     * v, then the values below v in the next block. For w ≤ 60 that is at most 15 independent comparisons, where a
     * binary search is a chain of 6 dependent loads on the critical path of every row.
     */
    int lowerBound(double v) {
        int blocks = 0;
        for (int j = 7; j < size; j += 8) {
            blocks += values[j] < v ? 1 : 0;
        }
        int from = blocks * 8;
        int to = Math.min(from + 8, size);
        int below = from;
        for (int j = from; j < to; j++) {
            below += values[j] < v ? 1 : 0;
        }
        return below;
    }

    /** Number of values at or below {@code v}. */
    int upperBound(double v) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * pandas' linear-interpolation quantile: {@code p = q·(k−1)}, {@code i = floor(p)}; {@code v[i]} when p is
     * integral, else {@code v[i] + (v[i+1] − v[i])·(p − i)}. NaN for an empty window.
     */
    double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        double p = q * (size - 1);
        int i = (int) p;
        if (p == i) {
            return values[i];
        }
        double lo = values[i];
        return lo + (values[i + 1] - lo) * (p - i);
    }

    /**
     * Average-rank percentile of the value in {@code slot}: {@code (#{<v} + (#{==v}+1)/2) / k}. Equal values are
     * adjacent, so counting them is a scan of the (usually empty) run around the slot.
     */
    double rankPctAt(int slot) {
        double v = values[slot];
        int from = slot;
        while (from > 0 && values[from - 1] == v) {
            from--;
        }
        int to = slot + 1;
        while (to < size && values[to] == v) {
            to++;
        }
        return (from + (to - from + 1) / 2.0) / size;
    }
}
