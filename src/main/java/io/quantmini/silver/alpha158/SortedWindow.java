package io.quantmini.silver.alpha158;

/**
 * The finite values of a sliding window kept sorted (insertion/removal by binary search and array shift: O(w) per
 * row with a tiny constant for Alpha158's w ≤ 60). Serves {@link Quantile} and {@link Rank}.
 */
final class SortedWindow {
    private final double[] values;
    private int size;

    SortedWindow(int capacity) {
        values = new double[capacity];
    }

    int size() {
        return size;
    }

    /** Slides the window of width {@code w} to end at row {@code i} of {@code x}. */
    void slideTo(double[] x, int i, int w) {
        int j = i - w;
        boolean leaves = j >= 0 && Finite.is(x[j]);
        boolean enters = Finite.is(x[i]);
        if (leaves && enters) {
            replace(x[j], x[i]);
        } else if (leaves) {
            remove(x[j]);
        } else if (enters) {
            insert(x[i]);
        }
    }

    /** Removes {@code old} and inserts {@code v} in one pass: shifts only the values between their two slots. */
    void replace(double old, double v) {
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
    }

    void insert(double v) {
        int at = upperBound(v);
        System.arraycopy(values, at, values, at + 1, size - at);
        values[at] = v;
        size++;
    }

    void remove(double v) {
        int at = lowerBound(v);
        if (at >= size || values[at] != v) {
            throw new IllegalStateException("value not in window: " + v);
        }
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
    }

    /** Number of values strictly below {@code v}. */
    int lowerBound(double v) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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

    /** Average-rank percentile of {@code v} (which must be in the window): {@code (#{<v} + (#{==v}+1)/2) / k}. */
    double rankPct(double v) {
        int less = lowerBound(v);
        int equal = upperBound(v) - less;
        return (less + (equal + 1) / 2.0) / size;
    }
}
