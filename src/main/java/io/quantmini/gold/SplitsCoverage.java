package io.quantmini.gold;

import io.quantmini.bronze.BronzeSplits;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.text.Plural;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;

/**
 * Whether the {@code splits} bronze dataset covers a dataset of daily bars: gold's {@code factor} counts the splits
 * bronze holds, so a day whose splits were never fetched is taken as a day without any, and a split on it leaves
 * every earlier factor wrong. A lake from before the splits dataset existed has none at all. Every trading day fetched
 * has a splits file, with no rows when it had none, so a missing file is a day never asked for.
 */
public final class SplitsCoverage {

    private static final String SPLITS = BronzeSplits.DATASET;

    private SplitsCoverage() {
    }

    /**
     * What to say of the bars' days whose splits bronze lacks, or null when it has them all, or when the lake keeps
     * its splits by hand only ({@code reference/splits.csv} or {@code .jsonl}, without a splits dataset).
     */
    public static String warning(LakeLayout lake, String dataset) {
        try {
            return lacking(lake, dataset);
        } catch (IOException | RuntimeException e) { // a warning: the gold it follows is built, and stays built
            return "bronze " + SPLITS + " not compared with bronze " + dataset + ": " + e.getMessage();
        }
    }

    private static String lacking(LakeLayout lake, String dataset) throws IOException {
        NavigableSet<LocalDate> bars = DayFiles.list(lake.bronzeDataset(dataset)).navigableKeySet();
        Set<LocalDate> splits = DayFiles.list(lake.bronzeDataset(SPLITS)).keySet();
        boolean byHand = SplitsFile.REFERENCE_NAMES.stream()
                .anyMatch(name -> Files.isRegularFile(lake.referenceFile(name)));
        if (bars.isEmpty() || splits.isEmpty() && byHand) {
            return null;
        }
        List<LocalDate> lacking = bars.stream().filter(day -> !splits.contains(day)).toList();
        if (lacking.isEmpty()) {
            return null;
        }
        LocalDate first = lacking.get(0);
        LocalDate last = lacking.get(lacking.size() - 1);
        return "bronze " + SPLITS + " lacks " + Plural.of(lacking.size(), "day") + " of bronze " + dataset + "'s "
                + bars.size() + " (" + first + ".." + last + "): gold's factor takes them as days without splits."
                + " Fetch them: quantmini data ingest -t " + SPLITS + " -s " + first + " -e " + last
                + " --incremental";
    }
}
