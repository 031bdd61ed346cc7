package io.quantmini.gold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@code calendars/day.txt}: one {@code YYYY-MM-DD} per line, ascending, '\n' after every line. */
final class CalendarFile {

    private CalendarFile() {
    }

    /** The days listed, or an empty list when the file does not exist. Blank lines are skipped, as Qlib does. */
    static List<LocalDate> read(Path file) throws IOException {
        List<LocalDate> days = new ArrayList<>();
        if (!Files.exists(file)) {
            return days;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String day = line.strip();
            if (!day.isEmpty()) {
                try {
                    days.add(LocalDate.parse(day));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new GoldFileDamaged(file + ": not a date: '" + day + "'");
                }
            }
        }
        return days;
    }

    static byte[] render(List<LocalDate> days) {
        StringBuilder text = new StringBuilder(days.size() * 11);
        for (LocalDate day : days) {
            text.append(day).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
