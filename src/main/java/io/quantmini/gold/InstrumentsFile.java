package io.quantmini.gold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code instruments/all.txt}: {@code CODE<TAB>first day<TAB>last day} per line, as {@code dump_bin} writes
 * it. We write one span per code, sorted by code.
 */
final class InstrumentsFile {

    /** First and last calendar day with a bar, inclusive: exactly the days the symbol's bins cover. */
    record Span(LocalDate start, LocalDate end) {
    }

    private InstrumentsFile() {
    }

    /** Code -> span; an empty map when the file does not exist. */
    static TreeMap<String, Span> read(Path file) throws IOException {
        TreeMap<String, Span> spans = new TreeMap<>();
        if (!Files.exists(file)) {
            return spans;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t");
            try {
                if (parts.length < 3) {
                    throw new java.time.format.DateTimeParseException("no end date", line, 0);
                }
                spans.put(parts[0], new Span(LocalDate.parse(parts[1].strip()), LocalDate.parse(parts[2].strip())));
            } catch (java.time.format.DateTimeParseException e) {
                throw new GoldFileDamaged(file + ": not CODE<TAB>start<TAB>end: '" + line + "'");
            }
        }
        return spans;
    }

    static byte[] render(Map<String, Span> spans) {
        StringBuilder text = new StringBuilder(spans.size() * 32);
        new TreeMap<>(spans).forEach((code, span) ->
                text.append(code).append('\t').append(span.start()).append('\t').append(span.end()).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
