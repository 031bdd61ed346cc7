package io.quantmini.gold;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent implementation of Qlib's read path for tests (file_storage.py, data.py): calendar lines,
 * all.txt spans, {@code features/ + code_to_fname(code).lower() + "/" + field + ".day.bin"} joined as a
 * path string (so a '/' in a code nests), element 0 the start index, then float32 per calendar day,
 * values outside the instrument's span dropped.
 */
final class QlibReader {

    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
            "LPT7", "LPT8", "LPT9");

    final Path root;
    final List<LocalDate> calendar = new ArrayList<>();
    final Map<String, LocalDate[]> instruments = new LinkedHashMap<>();

    QlibReader(Path root) throws IOException {
        this.root = root;
        for (String line : Files.readAllLines(root.resolve("calendars/day.txt"), StandardCharsets.UTF_8)) {
            if (!line.strip().isEmpty()) {
                calendar.add(LocalDate.parse(line.strip()));
            }
        }
        for (String line : Files.readAllLines(root.resolve("instruments/all.txt"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t");
            instruments.put(cells[0], new LocalDate[] {LocalDate.parse(cells[1]), LocalDate.parse(cells[2])});
        }
    }

    static String codeToFname(String code) {
        return RESERVED.contains(code.toUpperCase(Locale.ROOT)) ? "_qlib_" + code : code;
    }

    Path file(String code, String field) {
        return root.resolve("features/" + codeToFname(code).toLowerCase(Locale.ROOT) + "/" + field + ".day.bin");
    }

    /** Start index as stored in element 0. */
    int startIndex(String code, String field) throws IOException {
        return (int) floats(file(code, field))[0];
    }

    /** The values Qlib returns for the instrument: date -> value inside its span (NaN included). */
    TreeMap<LocalDate, Float> series(String code, String field) throws IOException {
        float[] data = floats(file(code, field));
        int start = (int) data[0];
        LocalDate[] span = instruments.get(code);
        TreeMap<LocalDate, Float> out = new TreeMap<>();
        for (int i = 1; i < data.length; i++) {
            LocalDate day = calendar.get(start + i - 1);
            if (!day.isBefore(span[0]) && !day.isAfter(span[1])) {
                out.put(day, data[i]);
            }
        }
        return out;
    }

    static float[] floats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes.getFloat();
        }
        return values;
    }
}
