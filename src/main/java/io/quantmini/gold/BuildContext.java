package io.quantmini.gold;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one gold run works from: the new calendar, the lake's day files, splits and where to write
 * ({@code privateFolder}: a build folder no reader sees yet, written without temp files).
 */
final class BuildContext {

    final QlibLayout gold;
    final List<LocalDate> calendar;
    final TreeMap<LocalDate, StampedDayFiles.Stamped> bronze;
    final TreeMap<LocalDate, StampedDayFiles.Stamped> silver;
    final SplitFactors splits;
    final boolean features;
    final int threads;
    final SymbolFiles files;
    private final Map<LocalDate, Integer> index = new HashMap<>();

    BuildContext(QlibLayout gold, List<LocalDate> calendar, TreeMap<LocalDate, StampedDayFiles.Stamped> bronze,
                 TreeMap<LocalDate, StampedDayFiles.Stamped> silver, SplitFactors splits, boolean features, int threads,
                 boolean privateFolder) {
        this.gold = gold;
        this.calendar = List.copyOf(calendar);
        this.bronze = bronze;
        this.silver = silver;
        this.splits = splits;
        this.features = features;
        this.threads = threads;
        this.files = new SymbolFiles(gold, privateFolder);
        for (int i = 0; i < calendar.size(); i++) {
            index.put(calendar.get(i), BinFiles.checkIndex(i));
        }
    }

    int indexOf(LocalDate day) {
        Integer i = index.get(day);
        if (i == null) {
            throw new IllegalStateException(day + " is not in the gold calendar");
        }
        return i;
    }

    /** The bronze (or silver) files of the given calendar days that exist, with their indices. */
    List<DayFile> dayFiles(TreeMap<LocalDate, StampedDayFiles.Stamped> layer, List<LocalDate> days) {
        List<DayFile> files = new ArrayList<>();
        for (LocalDate day : days) {
            StampedDayFiles.Stamped file = layer.get(day);
            if (file != null) {
                files.add(new DayFile(indexOf(day), file.path()));
            }
        }
        return files;
    }

    Path silverFile(LocalDate day) {
        StampedDayFiles.Stamped file = silver.get(day);
        return file == null ? null : file.path();
    }
}
