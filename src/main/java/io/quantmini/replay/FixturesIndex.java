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
 * file relative to the folder named by the {@code ## folder/} heading above its table (a heading without the
 * trailing slash is prose, and the rows below it are relative to the index's own folder). The request
 * comes from the table, never from the file name (long cursors are truncated in file names). A {@code |} inside a
 * cell is written {@code \|}, as in any Markdown table.
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
        Map<RequestKey, Integer> rowLines = new HashMap<>();
        Path folder = dir;
        String prose = null; // the last heading without a trailing slash, which names no folder
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("## ")) {
                String heading = line.substring(3).strip();
                folder = heading.endsWith("/") ? entry(index, i + 1, dir, heading) : dir;
                prose = heading.endsWith("/") ? null : heading;
            } else if (line.startsWith("|") && !isHeaderOrRule(line)) {
                addRow(index, i + 1, folder, hint(dir, prose), line, responses, rowLines);
            }
        }
        return responses;
    }

    /** What a missing file's error adds when the heading above would name a folder but for its trailing slash. */
    private static String hint(Path dir, String prose) {
        try {
            return prose != null && !prose.isEmpty() && Files.isDirectory(dir.resolve(prose).normalize())
                    ? " (the heading '## " + prose + "' above names a folder only as '## " + prose + "/')" : "";
        } catch (java.nio.file.InvalidPathException notAPath) {
            return "";
        }
    }

    private static void addRow(Path index, int lineNumber, Path folder, String hint, String line,
                               Map<RequestKey, CapturedResponse> responses, Map<RequestKey, Integer> rowLines) {
        String inner = line.substring(1, line.endsWith("|") && !line.endsWith("\\|") ? line.length() - 1
                : line.length());
        String[] cells = inner.split("(?<!\\\\)\\|", -1);
        String where = index + " line " + lineNumber + ": ";
        if (cells.length != 3) {
            throw new IllegalArgumentException(where + "expected | file | path | query |, found " + cells.length
                    + " cells (a | inside a cell is written \\|)");
        }
        Path file = entry(index, lineNumber, folder, cell(cells[0]));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + file + " does not exist" + hint);
        }
        String path = cell(cells[1]);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(where + "the path '" + path + "' does not start with /, as every request"
                    + " path does (e.g. /v3/reference/splits)");
        }
        String query = cell(cells[2]);
        RequestKey key = RequestKey.recorded(path, QueryString.parse(query).params());
        Integer first = rowLines.putIfAbsent(key, lineNumber);
        if (first != null) {
            throw new IllegalArgumentException(where + path + (query.isEmpty() ? "" : "?" + query)
                    + " is listed twice (first on line " + first + ")");
        }
        responses.put(key, new CapturedResponse(file, 200, null, null));
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
        String value = text.strip().replace("\\|", "|");
        if (value.length() >= 2 && value.startsWith("`") && value.endsWith("`")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.strip();
    }
}
