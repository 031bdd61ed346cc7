package io.quantmini.gold;

import io.quantmini.lake.LakeLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Qlib's {@code $factor} for our split-adjusted bronze prices: adjusted price / unadjusted price.
 *
 * <p>Polygon's {@code adjusted=true} bars are adjusted for splits only, so on day t
 * {@code factor = product over splits with execution_date > t of split_from / split_to}: 1.0 from the
 * latest split on, smaller before (a 1:4 split gives 0.25 before its execution day). Then, as in Qlib's
 * Yahoo data, unadjusted price = {@code $close / $factor} and unadjusted volume = {@code $volume * $factor}.
 *
 * <p>{@link #fromLake} reads the splits Polygon reported, ingested as the {@code splits} bronze dataset
 * ({@code quantmini data ingest -t splits}), plus an optional hand-kept file under the data root,
 * {@code reference/splits.csv} or {@code reference/splits.jsonl} (see {@link SplitsFile}) for corrections;
 * with none of them, every factor is 1.0.
 */
public interface SplitFactors {

    SplitFactors NONE = new SplitEvents(List.of());

    /** The factor of {@code code} (a Qlib code, upper-case) on {@code day}. */
    double factor(String code, LocalDate day);

    /** Changes whenever any factor of {@code code} changes; "" for a code without splits. */
    String signature(String code);

    /** Every code with at least one split. */
    java.util.Set<String> codes();

    static SplitFactors fromLake(LakeLayout lake) throws IOException {
        // Keyed by ticker and day: a hand-kept line replaces Polygon's record of the same split instead of doubling it.
        java.util.Map<String, Split> splits = new java.util.LinkedHashMap<>();
        for (io.quantmini.bronze.BronzeSplits.Row row : io.quantmini.bronze.BronzeSplits.read(lake)) {
            Split split = new Split(row.ticker(), row.executionDate(), row.splitFrom(), row.splitTo());
            splits.put(split.ticker() + "@" + split.executionDate(), split);
        }
        for (String name : SplitsFile.REFERENCE_NAMES) {
            Path file = lake.referenceFile(name);
            if (Files.isRegularFile(file)) {
                SplitsFile.read(file).forEach(split -> splits.put(split.ticker() + "@" + split.executionDate(), split));
            }
        }
        return splits.isEmpty() ? NONE : new SplitEvents(List.copyOf(splits.values()));
    }
}
