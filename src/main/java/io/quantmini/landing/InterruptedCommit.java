package io.quantmini.landing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a re-fetch's commit wrote ahead in a landing folder ({@link LandingStore#PENDING_FILE}), read against the
 * folder's index: the new index line of each page whose new body is on disk, and, if any is (the run got as far as
 * its renames), the pages of the earlier chain it retires, those still as it saw them (the same SHA-256). The file
 * stays until the day's bronze is written from those pages ({@link LandingStore#bronzeWritten}), so a run stopped
 * anywhere between leaves it: readers take the lines in, and the planner fetches the day again.
 *
 * <p>Its lines: the pages' index lines, then {@code {"retire": <file>, "sha256": <its body's>}} for each retired one.
 */
public record InterruptedCommit(Map<String, String> newerLines, Set<String> retired) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETIRE = "retire";

    /** The retire entry of a file whose index line is {@code line}. */
    static String retireEntry(String file, String line) throws IOException {
        return JSON.createObjectNode().put(RETIRE, file).put("sha256", JSON.readTree(line).path("sha256").asText(""))
                .toString();
    }

    /** The retire entry of a file no line names any more (a stopped run's retirement, carried on). */
    static String retireEntryOf(Path file) throws IOException {
        return JSON.createObjectNode().put(RETIRE, file.getFileName().toString())
                .put("sha256", LandingStore.sha256Of(file)).toString();
    }

    /** Whether every page line of the pending file is one of {@code pages} (file name to SHA-256 of its body). */
    static boolean onlyPagesOf(Path folder, Map<String, String> pages) throws IOException {
        List<String> pending = pendingLines(folder);
        if (pending == null) {
            return false;
        }
        for (String line : pending) {
            JsonNode entry = JSON.readTree(line);
            String body = pages.get(entry.path("file").asText(""));
            if (!entry.has(RETIRE) && !entry.path("sha256").asText("").equals(body)) {
                return false;
            }
        }
        return true;
    }

    /** The pending file's lines but blank ones; null when there is none (or another run removed it meanwhile). */
    private static List<String> pendingLines(Path folder) throws IOException {
        try {
            return Files.readAllLines(folder.resolve(LandingStore.PENDING_FILE), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList();
        } catch (NoSuchFileException none) {
            return null;
        }
    }

    /**
     * @param indexLines the folder's index lines by the file they describe
     * @return nothing when the folder has no pending file (or another run removed it meanwhile)
     */
    public static InterruptedCommit read(Path folder, Map<String, String> indexLines) throws IOException {
        List<String> pending = pendingLines(folder);
        if (pending == null) {
            return new InterruptedCommit(Map.of(), Set.of());
        }
        Map<String, String> newer = new LinkedHashMap<>();
        Map<String, String> retireIfStill = new LinkedHashMap<>();
        for (String line : pending) {
            JsonNode entry = JSON.readTree(line);
            String sha256 = entry.path("sha256").asText("");
            if (entry.has(RETIRE)) {
                retireIfStill.put(entry.path(RETIRE).asText(), sha256);
            } else if (sha256.equals(LandingStore.sha256Of(folder.resolve(entry.path("file").asText(""))))) {
                newer.put(entry.path("file").asText(), line);
            }
        }
        Set<String> retired = new HashSet<>();
        if (!newer.isEmpty()) {
            for (Map.Entry<String, String> retire : retireIfStill.entrySet()) {
                String current = indexLines.get(retire.getKey());
                String sha256 = current != null ? JSON.readTree(current).path("sha256").asText("")
                        : LandingStore.sha256Of(folder.resolve(retire.getKey())); // its line already gone
                if (sha256.equals(retire.getValue())) {
                    retired.add(retire.getKey());
                }
            }
        }
        return new InterruptedCommit(newer, retired);
    }
}
