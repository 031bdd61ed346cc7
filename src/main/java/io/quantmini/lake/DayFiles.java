package io.quantmini.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The day files of a date-partitioned dataset folder ({@code year=YYYY/month=MM/<date>.parquet}), by date.
 * Hidden files (the temp files of {@link AtomicFiles}) and names that are not a date are ignored.
 */
public final class DayFiles {

    private static final String SUFFIX = ".parquet";

    private DayFiles() {
    }

    /**
     * Whether a day file derived from another (silver from bronze) is missing or older than its source, whose
     * modification time is {@code sourceMtime}: the day is stale, and the stage that derives it owes it a write.
     */
    public static boolean behind(Path derived, FileTime sourceMtime) throws IOException {
        try {
            return Files.getLastModifiedTime(derived).compareTo(sourceMtime) < 0;
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    public static NavigableMap<LocalDate, Path> list(Path datasetFolder) throws IOException {
        if (!Files.isDirectory(datasetFolder)) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<LocalDate, Path> days = new TreeMap<>();
        try (Stream<Path> files = Files.find(datasetFolder, 3, (path, attrs) -> attrs.isRegularFile())) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !name.endsWith(SUFFIX)) {
                    return;
                }
                try {
                    LocalDate date = LocalDate.parse(name.substring(0, name.length() - SUFFIX.length()));
                    if (file.getParent().equals(LakeLayout.monthFolder(datasetFolder, date))) {
                        days.put(date, file);
                    }
                } catch (DateTimeParseException e) {
                    // not a day file
                }
            });
        }
        return days;
    }
}
