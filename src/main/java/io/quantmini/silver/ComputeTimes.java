package io.quantmini.silver;

/**
 * Where a silver run's compute phase went, for the benchmark: the phase's wall time is roughly
 * {@code (featuresCpu + copyCpu) / threads + tablesSeconds}.
 *
 * @param featuresCpu   thread CPU seconds computing the features: each symbol's inputs widened to the kernel's
 *                      doubles, Alpha158 itself, and its output rows kept in the thread's batch
 * @param copyCpu       thread CPU seconds copying the batches into the day columns (symbol-major to day-major)
 * @param tablesSeconds wall seconds the compute threads waited for the day columns: their allocation, started before
 *                      the first block is read ({@code DayTables.reserve}), is memory the process touches for the first
 *                      time, which some virtual machines back slowly
 */
public record ComputeTimes(double featuresCpu, double copyCpu, double tablesSeconds) {

    static final ComputeTimes NONE = new ComputeTimes(0, 0, 0);

    ComputeTimes plus(ComputeTimes other) {
        return new ComputeTimes(featuresCpu + other.featuresCpu, copyCpu + other.copyCpu,
                tablesSeconds + other.tablesSeconds);
    }
}
