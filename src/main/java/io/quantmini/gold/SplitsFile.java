package io.quantmini.gold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hand-kept split corrections of a lake ({@link #REFERENCE_NAMES} under {@code reference/}); a split in
 * them is added to the bronze {@code splits}, replacing its record of the same ticker and execution date ({@link
 * SplitFactors}):
 * <ul>
 *   <li>{@code splits.csv}: a header naming {@code ticker, execution_date, split_from, split_to} (any order),
 *       then one split per line;</li>
 *   <li>{@code splits.jsonl}: one JSON object per line with those keys, or a Polygon
 *       {@code /v3/reference/splits} response ({@code {"results": [...]}}) per line.</li>
 * </ul>
 */
public final class SplitsFile {

    /** The hand-kept splits files a lake may hold under {@code reference/}, read in this order. */
    static final List<String> REFERENCE_NAMES = List.of("splits.csv", "splits.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private SplitsFile() {
    }

    public static List<Split> read(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        if (!lines.isEmpty() && lines.get(0).startsWith(BYTE_ORDER_MARK)) { // as Excel saves a UTF-8 CSV
            lines.set(0, lines.get(0).substring(1));
        }
        return file.getFileName().toString().endsWith(".csv") ? csv(file, lines) : jsonLines(file, lines);
    }

    private static List<Split> csv(Path file, List<String> lines) throws IOException {
        List<Split> splits = new ArrayList<>();
        if (lines.isEmpty()) {
            return splits;
        }
        List<String> header = List.of(lines.get(0).strip().split("\\s*,\\s*"));
        int ticker = column(file, header, "ticker");
        int date = column(file, header, "execution_date");
        int from = column(file, header, "split_from");
        int to = column(file, header, "split_to");
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).strip().split("\\s*,\\s*");
            try {
                splits.add(new Split(cells[ticker], LocalDate.parse(cells[date]),
                        Double.parseDouble(cells[from]), Double.parseDouble(cells[to])));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return splits;
    }

    private static int column(Path file, List<String> header, String name) throws IOException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IOException(file + ": header has no column '" + name + "'");
        }
        return index;
    }

    private static List<Split> jsonLines(Path file, List<String> lines) throws IOException {
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                if (node.has("results")) {
                    for (JsonNode split : node.get("results")) {
                        splits.add(split(split));
                    }
                } else {
                    splits.add(split(node));
                }
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return splits;
    }

    private static Split split(JsonNode node) {
        return new Split(node.required("ticker").asText(), LocalDate.parse(node.required("execution_date").asText()),
                node.required("split_from").asDouble(), node.required("split_to").asDouble());
    }
}
