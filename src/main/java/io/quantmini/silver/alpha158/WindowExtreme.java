package io.quantmini.silver.alpha158;

/**
 * Sliding-window arg-max / arg-min over the finite values among the last {@code w} rows, O(1) amortised per row
 * (monotonic deque of row indices). Ties resolve to the <b>earliest</b> row, as numpy's {@code argmax}/{@code argmin}
 * do. Also tracks the earliest non-finite row still in the window, which {@link IdxMax}/{@link IdxMin} need.
 * An instance is reusable: {@link #load} overwrites the previous series' results (arrays grow as needed).
 */
final class WindowExtreme {
    /** Row index of the extreme finite value in each row's window, or -1 when the window has no finite value. */
    int[] best = new int[0];
    /** Row index of the earliest non-finite row in each row's window, or -1 when there is none. */
    int[] firstNonFinite = new int[0];
    private int[] deque = new int[0];
    private int[] bad = new int[0];

    static WindowExtreme max(double[] x, int w) {
        return new WindowExtreme().load(x, x.length, w, true);
    }

    static WindowExtreme min(double[] x, int w) {
        return new WindowExtreme().load(x, x.length, w, false);
    }

    /** First row of row {@code i}'s window: windows are shorter at the start of the series. */
    static int windowStart(int i, int w) {
        return Math.max(0, i - w + 1);
    }

    /** Arg-max ({@code max}) or arg-min of every window of width {@code w} over the first {@code n} rows of x. */
    WindowExtreme load(double[] x, int n, int w, boolean max) {
        Windows.require(w);
        if (best.length < n) {
            best = new int[n];
            firstNonFinite = new int[n];
            deque = new int[n];
            bad = new int[n];
        }
        int head = 0;
        int tail = 0;
        int badHead = 0;
        int badTail = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Finite.is(v)) {
                // drop strictly worse values from the back; equal earlier values stay ahead (earliest wins)
                while (tail > head && (max ? x[deque[tail - 1]] < v : x[deque[tail - 1]] > v)) {
                    tail--;
                }
                deque[tail++] = i;
            } else {
                bad[badTail++] = i;
            }
            int start = windowStart(i, w);
            while (head < tail && deque[head] < start) {
                head++;
            }
            while (badHead < badTail && bad[badHead] < start) {
                badHead++;
            }
            best[i] = head < tail ? deque[head] : -1;
            firstNonFinite[i] = badHead < badTail ? bad[badHead] : -1;
        }
        return this;
    }
}
