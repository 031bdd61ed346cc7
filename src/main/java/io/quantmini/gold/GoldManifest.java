package io.quantmini.gold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code gold/qlib/_manifest.json}: what the committed gold was built from, written last by every run that
 * changes gold (a run with nothing to do rewrites it only when its record changed).
 * Per calendar day, the stamp ({@link StampedDayFiles#stamp}) of its bronze file and, when features are built,
 * of its silver file; per code with splits, the splits' signature; the SHA-256 of {@code instruments/all.txt} as the
 * run left it (null in a manifest written before it was recorded), so that a file cut short, even at a line end, is
 * not taken for fewer symbols. Incremental state lives in the lake, next to what it describes; deleting the file only
 * costs one full rebuild.
 */
record GoldManifest(int format, String dataset, boolean features, TreeMap<LocalDate, String> bronze,
                    TreeMap<LocalDate, String> silver, TreeMap<String, String> splits, String instruments) {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The manifest, or null when there is none.
     *
     * @throws Unusable when the file is there but cannot drive an incremental run (damaged, another format);
     *                  its message says why, and the caller rebuilds in full
     */
    static GoldManifest read(Path file) throws IOException, Unusable {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Unusable(file + " is not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (root == null || root.path("format").asInt() != FORMAT) {
            throw new Unusable(file + " is not format " + FORMAT + " (format "
                    + (root == null ? "missing" : root.path("format").asText("missing")) + ")");
        }
        TreeMap<LocalDate, String> bronze = new TreeMap<>();
        TreeMap<LocalDate, String> silver = new TreeMap<>();
        for (Map.Entry<String, JsonNode> day : (Iterable<Map.Entry<String, JsonNode>>) root.path("days")::fields) {
            LocalDate date;
            try {
                date = LocalDate.parse(day.getKey());
            } catch (DateTimeParseException e) {
                throw new Unusable(file + " lists a day that is not a date: \"" + day.getKey() + "\"");
            }
            bronze.put(date, day.getValue().path("bronze").asText());
            if (day.getValue().has("silver")) {
                silver.put(date, day.getValue().path("silver").asText());
            }
        }
        TreeMap<String, String> splits = new TreeMap<>();
        root.path("splits").fields().forEachRemaining(split -> splits.put(split.getKey(), split.getValue().asText()));
        String instruments = root.hasNonNull("instruments") ? root.path("instruments").asText() : null;
        return new GoldManifest(FORMAT, root.path("dataset").asText(), root.path("features").asBoolean(),
                bronze, silver, splits, instruments);
    }

    /** This manifest, recording the instruments file {@code file} holds now. */
    GoldManifest withInstrumentsOf(Path file) throws IOException {
        return withInstruments(digest(Files.readAllBytes(file)));
    }

    /** This manifest, recording an instruments file of SHA-256 {@code digest} ({@link #digest}). */
    GoldManifest withInstruments(String digest) {
        return new GoldManifest(format, dataset, features, bronze, silver, splits, digest);
    }

    /** The SHA-256 of a file's content, in hex. */
    static String digest(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A manifest file that is there but that no incremental run can trust. */
    static final class Unusable extends Exception {
        Unusable(String why) {
            super(why);
        }
    }

    byte[] render() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("dataset", dataset);
        root.put("features", features);
        ObjectNode days = root.putObject("days");
        for (Map.Entry<LocalDate, String> day : bronze.entrySet()) {
            ObjectNode entry = days.putObject(day.getKey().toString());
            entry.put("bronze", day.getValue());
            if (features && silver.containsKey(day.getKey())) {
                entry.put("silver", silver.get(day.getKey()));
            }
        }
        ObjectNode splitNode = root.putObject("splits");
        splits.forEach(splitNode::put);
        if (instruments != null) {
            root.put("instruments", instruments);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
