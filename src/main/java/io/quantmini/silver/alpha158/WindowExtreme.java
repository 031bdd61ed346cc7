package io.quantmini.silver.alpha158;

/**
 * Sliding-window arg-max / arg-min over the finite values among the last {@code w} rows, O(1) amortised per row
 * (monotonic deque of row indices). Ties resolve to the <b>earliest</b> row, as numpy's {@code argmax}/{@code argmin}
 * do. Also tracks the earliest non-finite row still in the window, which {@link IdxMax}/{@link IdxMin} need.
 * A wider window can instead be {@link #join joined} from two narrower ones already computed, a branch-free pass.
 * An instance is reusable: {@link #load} and {@link #join} overwrite the previous series' results (arrays grow as
 * needed).
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

    /**
     * Arg-extremes of every window of width {@code w} over rows {@code 0 … n−1} of x, for each of the increasing
     * {@code windows}: the narrowest by {@link #load}, each wider one by {@link #join} where it is the sum of two
     * narrower ones (5, 10 = 5 + 5, 20 = 10 + 10, 30 = 20 + 10, 60 = 30 + 30), else by {@link #load}.
     */
    static void loadAll(WindowExtreme[] into, double[] x, int n, int[] windows, boolean max) {
        for (int k = 0; k < windows.length; k++) {
            int recent = -1;
            int older = -1;
            for (int r = k - 1; r >= 0 && recent < 0; r--) {
                for (int o = 0; o < k; o++) {
                    if (windows[r] + windows[o] == windows[k]) {
                        recent = r;
                        older = o;
                        break;
                    }
                }
            }
            if (recent < 0) {
                into[k].load(x, n, windows[k], max);
            } else {
                into[k].join(into[recent], windows[recent], into[older], x, n, max);
            }
        }
    }

    /**
     * The window of width {@code a + b} from {@code recent} (width a) and {@code older} (width b): the window ending
     * at row i is recent's window ending at i after older's ending at i − a. The older side wins ties (earliest row)
     * and supplies the earliest non-finite row when it has one.
     */
    WindowExtreme join(WindowExtreme recent, int a, WindowExtreme older, double[] x, int n, boolean max) {
        ensure(n);
        int head = Math.min(a, n);
        System.arraycopy(recent.best, 0, best, 0, head);           // rows before a: the whole window is recent's
        System.arraycopy(recent.firstNonFinite, 0, firstNonFinite, 0, head);
        int[] rb = recent.best;
        int[] ob = older.best;
        int[] rf = recent.firstNonFinite;
        int[] of = older.firstNonFinite;
        for (int i = a; i < n; i++) {
            int r = rb[i];
            int o = ob[i - a];
            double vo = o < 0 ? Double.NaN : x[o];
            double vr = r < 0 ? Double.NaN : x[r];
            boolean olderWins = r < 0 || (max ? vo >= vr : vo <= vr);    // NaN vo (no older value) never wins
            best[i] = olderWins ? o : r;
            int bad = of[i - a];
            firstNonFinite[i] = bad >= 0 ? bad : rf[i];
        }
        return this;
    }

    private void ensure(int n) {
        if (best.length < n) {
            best = new int[n];
            firstNonFinite = new int[n];
            deque = new int[n];
            bad = new int[n];
        }
    }

    /** Arg-max ({@code max}) or arg-min of every window of width {@code w} over the first {@code n} rows of x. */
    WindowExtreme load(double[] x, int n, int w, boolean max) {
        Windows.require(w);
        ensure(n);
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
