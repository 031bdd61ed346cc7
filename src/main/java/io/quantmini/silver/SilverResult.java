package io.quantmini.silver;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * What one {@link SilverStage#run} did.
 *
 * @param daysWritten    silver day files written
 * @param rows           rows in them
 * @param symbols        distinct symbols whose features were computed
 * @param readSeconds    wall time reading bronze
 * @param computeSeconds wall time computing features
 * @param writeSeconds   wall time writing silver files
 * @param daysChanged    the days written, ascending
 * @param readCpu        process CPU seconds (all threads, GC and JIT included) while reading bronze
 * @param computeCpu     process CPU seconds while computing features
 * @param writeCpu       process CPU seconds while writing silver files
 * @param computeTimes   where the compute phase went
 * @param daysRemoved    the silver days removed because their bronze day is gone, ascending
 */
public record SilverResult(int daysWritten, long rows, int symbols, double readSeconds, double computeSeconds,
                           double writeSeconds, List<LocalDate> daysChanged, double readCpu, double computeCpu,
                           double writeCpu, ComputeTimes computeTimes, List<LocalDate> daysRemoved) {

    public SilverResult {
        daysChanged = List.copyOf(daysChanged);
        daysRemoved = List.copyOf(daysRemoved);
    }

    /** Whether silver changed at all: days written or removed (what gold is handed). */
    public boolean changedSilver() {
        return !daysChanged.isEmpty() || !daysRemoved.isEmpty();
    }

    /** The days written and the days removed, ascending: what gold is handed. */
    public List<LocalDate> daysWrittenOrRemoved() {
        TreeSet<LocalDate> days = new TreeSet<>(daysChanged);
        days.addAll(daysRemoved);
        return List.copyOf(days);
    }

    /**
     * This run followed by {@code next}, as one: the days written merged (a day both wrote counts once), rows and
     * times added up (a day both wrote counts its rows twice), and the larger of the two symbol counts.
     */
    SilverResult then(SilverResult next) {
        TreeSet<LocalDate> days = new TreeSet<>(daysChanged);
        days.addAll(next.daysChanged);
        TreeSet<LocalDate> removed = new TreeSet<>(daysRemoved);
        removed.addAll(next.daysRemoved);
        return new SilverResult(days.size(), rows + next.rows, Math.max(symbols, next.symbols),
                readSeconds + next.readSeconds, computeSeconds + next.computeSeconds, writeSeconds + next.writeSeconds,
                List.copyOf(days), readCpu + next.readCpu, computeCpu + next.computeCpu, writeCpu + next.writeCpu,
                computeTimes.plus(next.computeTimes), List.copyOf(removed));
    }
}
