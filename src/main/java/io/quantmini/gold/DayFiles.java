package io.quantmini.gold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The day files of one dataset folder ({@code <layer>/<dataset>/year=YYYY/month=MM/<date>.parquet}) with
 * a stamp per file: size, modification time (ns) and file key (inode). Lake writes replace a file by
 * renaming a new one over it, so a rewritten day always gets a new inode even when size and time match.
 */
final class DayFiles {

    private DayFiles() {
    }

    record Stamped(Path path, String stamp) {
    }

    static TreeMap<LocalDate, Stamped> list(Path datasetFolder) throws IOException {
        TreeMap<LocalDate, Stamped> days = new TreeMap<>();
        if (!Files.isDirectory(datasetFolder)) {
            return days;
        }
        try (Stream<Path> files = Files.walk(datasetFolder, 3)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !name.endsWith(".parquet") || !Files.isRegularFile(file)) {
                    continue;
                }
                LocalDate day;
                try {
                    day = LocalDate.parse(name.substring(0, name.length() - ".parquet".length()));
                } catch (DateTimeParseException e) {
                    continue;
                }
                days.put(day, new Stamped(file, stamp(file)));
            }
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
