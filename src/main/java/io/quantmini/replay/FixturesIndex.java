package io.quantmini.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the captured fixtures' {@code INDEX.md}: tables of {@code | file | path | query |} rows, each
 * file relative to the folder named by the {@code ## folder/} heading above its table. The request
 * comes from the table, never from the file name (long cursors are truncated in file names).
 */
final class FixturesIndex {

    static final String INDEX_FILE = "INDEX.md";

    private FixturesIndex() {
    }

    static Map<RequestKey, CapturedResponse> read(Path dir) {
        Path index = dir.resolve(INDEX_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixtures index " + index, e);
        }
        Map<RequestKey, CapturedResponse> responses = new HashMap<>();
        Path folder = dir;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("## ")) {
                String heading = line.substring(3).strip();
                folder = heading.endsWith("/") ? entry(index, i + 1, dir, heading) : dir;
            } else if (line.startsWith("|") && !isHeaderOrRule(line)) {
                addRow(index, i + 1, folder, line, responses);
            }
        }
        return responses;
    }

    private static void addRow(Path index, int lineNumber, Path folder, String line,
                               Map<RequestKey, CapturedResponse> responses) {
        String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|", -1);
        if (cells.length != 3) {
            throw new IllegalArgumentException(index + " line " + lineNumber + ": expected | file | path | query |");
        }
        Path file = entry(index, lineNumber, folder, cell(cells[0]));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(index + " line " + lineNumber + ": " + file + " does not exist");
        }
        RequestKey key = RequestKey.recorded(cell(cells[1]), QueryString.parse(cell(cells[2])).params());
        if (responses.putIfAbsent(key, new CapturedResponse(file, 200, null, null)) != null) {
            throw new IllegalArgumentException(index + " line " + lineNumber + ": " + key + " is listed twice");
        }
    }

    /** {@link FolderEntry#resolve}, a refusal naming the index line. */
    private static Path entry(Path index, int lineNumber, Path folder, String name) {
        try {
            return FolderEntry.resolve(folder, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(index + " line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHeaderOrRule(String line) {
        return line.replace(" ", "").startsWith("|file|") || line.matches("\\|[-:| ]+\\|?");
    }

    private static String cell(String text) {
        String value = text.strip();
        if (value.length() >= 2 && value.startsWith("`") && value.endsWith("`")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.strip();
    }
}
