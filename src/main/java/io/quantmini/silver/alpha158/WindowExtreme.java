package io.quantmini.silver.alpha158;

/**
 * Sliding-window arg-max / arg-min over the finite values among the last {@code w} rows, O(1) amortised per row
 * (monotonic deque of row indices). Ties resolve to the <b>earliest</b> row, as numpy's {@code argmax}/{@code argmin}
 * do. Also tracks the earliest non-finite row still in the window, which {@link IdxMax}/{@link IdxMin} need.
 */
final class WindowExtreme {
    /** Row index of the extreme finite value in each row's window, or -1 when the window has no finite value. */
    final int[] best;
    /** Row index of the earliest non-finite row in each row's window, or -1 when there is none. */
    final int[] firstNonFinite;

    private WindowExtreme(int n) {
        best = new int[n];
        firstNonFinite = new int[n];
    }

    static WindowExtreme max(double[] x, int w) {
        return run(x, w, true);
    }

    static WindowExtreme min(double[] x, int w) {
        return run(x, w, false);
    }

    /** First row of row {@code i}'s window: windows are shorter at the start of the series. */
    static int windowStart(int i, int w) {
        return Math.max(0, i - w + 1);
    }

    private static WindowExtreme run(double[] x, int w, boolean max) {
        WindowSum.requireWindow(w);
        int n = x.length;
        WindowExtreme r = new WindowExtreme(n);
        int[] deque = new int[n];
        int head = 0;
        int tail = 0;
        int[] bad = new int[n];
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
            r.best[i] = head < tail ? deque[head] : -1;
            r.firstNonFinite[i] = badHead < badTail ? bad[badHead] : -1;
        }
        return r;
    }
}
