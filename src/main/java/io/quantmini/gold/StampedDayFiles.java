package io.quantmini.gold;

import io.quantmini.lake.DayFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The day files of one dataset folder, as {@link DayFiles#list} finds them (the same days silver and ingest see),
 * each with a stamp: size, modification time (ns) and file key (inode). Lake writes replace a file by renaming a new
 * one over it, so a rewritten day always gets a new inode even when size and time match.
 */
final class StampedDayFiles {

    private StampedDayFiles() {
    }

    record Stamped(Path path, String stamp) {
    }

    static TreeMap<LocalDate, Stamped> list(Path datasetFolder) throws IOException {
        TreeMap<LocalDate, Stamped> days = new TreeMap<>();
        for (Map.Entry<LocalDate, Path> day : DayFiles.list(datasetFolder).entrySet()) {
            days.put(day.getKey(), new Stamped(day.getValue(), stamp(day.getValue())));
        }
        return days;
    }

    static String stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + "@" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                + "#" + attributes.fileKey();
    }

    static Map<LocalDate, String> stamps(Map<LocalDate, Stamped> days) {
        TreeMap<LocalDate, String> stamps = new TreeMap<>();
        days.forEach((day, file) -> stamps.put(day, file.stamp()));
        return stamps;
    }
}
