package io.quantmini.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the editable list of ad hoc full-day closures: a CSV with the header {@code date,reason},
 * one ISO date and its reason per line, blank lines and {@code #} comment lines allowed.
 */
final class ClosuresFile {

    static final String HEADER = "date,reason";

    private ClosuresFile() {
    }

    /** Closed day to reason. A malformed line fails the whole load, naming the file and line. */
    static Map<LocalDate, String> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(csv + ": not UTF-8 text; save the closures file as UTF-8");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(csv + ": no such file (the calendar's ad hoc NYSE closures; the"
                    + " project's config/calendar/nyse-closures.csv is one)");
        } catch (IOException e) { // a folder, no permission: a setting to fix, not a run that failed
            throw new IllegalArgumentException("cannot read the closures file " + csv + ": " + e.getMessage(), e);
        }
        Map<LocalDate, String> closures = new TreeMap<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            if (!headerSeen) {
                if (!line.equalsIgnoreCase(HEADER)) {
                    throw bad(csv, lineNumber, "expected the header '" + HEADER + "' but found '" + line + "'");
                }
                headerSeen = true;
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw bad(csv, lineNumber, "expected 'date,reason' but found '" + line + "'");
            }
            String reason = line.substring(comma + 1).strip();
            if (reason.isEmpty()) {
                throw bad(csv, lineNumber, "the reason is empty");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(line.substring(0, comma).strip());
            } catch (DateTimeParseException e) {
                throw bad(csv, lineNumber, "'" + line.substring(0, comma).strip() + "' is not a yyyy-mm-dd date");
            }
            if (closures.putIfAbsent(date, reason) != null) {
                throw bad(csv, lineNumber, date + " is listed twice");
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException(csv + ": missing the header '" + HEADER + "'");
        }
        return Collections.unmodifiableMap(closures);
    }

    private static IllegalArgumentException bad(Path csv, int lineNumber, String problem) {
        return new IllegalArgumentException(csv + " line " + lineNumber + ": " + problem);
    }
}
