package io.quantmini.silver.alpha158;

/**
 * Argument checks shared by the rolling operators, and one JIT note they share.
 *
 * <p>Reading the row leaving a window, {@code x[i − w]}, only under {@code if (i >= w)} makes C2 hoist that array
 * index check out of the loop as a "profiled predicate" that the first w rows then fail: a deoptimization and a
 * recompilation of the whole inlined caller, four times per site before C2 gives up — seconds of compiler time per
 * run. The kernels therefore read {@code x[max(i − w, 0)]} unconditionally and only use it under the condition.
 */
final class Windows {
    private Windows() {
    }

    static void require(int w) {
        if (w < 1) {
            throw new IllegalArgumentException("rolling window must be >= 1, got " + w);
        }
    }
}
