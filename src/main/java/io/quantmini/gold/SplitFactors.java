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
 * <p>The splits dataset is not ingested into bronze yet (follow-up). Until then {@link #fromLake} reads an
 * optional file under the data root, {@code reference/splits.csv} or {@code reference/splits.jsonl}
 * (see {@link SplitsFile}); with neither, every factor is 1.0.
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
        for (String name : List.of("splits.csv", "splits.jsonl")) {
            Path file = lake.root().resolve("reference").resolve(name);
            if (Files.isRegularFile(file)) {
                return new SplitEvents(SplitsFile.read(file));
            }
        }
        return NONE;
    }
}
