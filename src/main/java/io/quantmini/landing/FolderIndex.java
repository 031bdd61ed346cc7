package io.quantmini.landing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.RunLock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A landing folder's {@code _index.jsonl} as one run sees it: the lines by the file they describe, as the file held
 * them when last read, plus this run's changes since. Each write reads the file again and applies those changes to
 * it, under the dataset's lock file, so that another process landing in the same folder at the same time (the daemon
 * and a {@code data ingest}) loses none of its lines, nor names again a file it retired. Used under the folder's
 * lock ({@link LandingStore}).
 */
final class FolderIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path file;
    /** Counts the index files written (tests check there are O(log n) per chain). */
    private final AtomicInteger writes;
    private final Path pendingFile;
    /** Whether the {@link LandingStore#PENDING_FILE} is this process's, for the re-fetch it is committing. */
    private boolean writingAhead;
    private final Map<String, String> lines = new LinkedHashMap<>();
    /** This process's changes since the last write, in order: a file's new line, or null for a removed one. */
    private final Map<String, String> changes = new LinkedHashMap<>();
    /** The identity of each file a change's line describes, where the file system gives one. */
    private final Map<String, Object> fileKeys = new HashMap<>();
    /** Files whose lines were removed: deleted once the index no longer names them. */
    private final List<Path> retired = new ArrayList<>();
    /** Lines in the file when it was last written or read, and changes since. */
    private int written;
    private int pending;

    FolderIndex(Path folder, AtomicInteger writes) throws IOException {
        this.folder = folder;
        this.writes = writes;
        this.file = folder.resolve(LandingStore.INDEX_FILE);
        this.pendingFile = folder.resolve(LandingStore.PENDING_FILE);
        lines.putAll(read());
        written = lines.size();
    }

    /**
     * The index file's lines, with what a stopped re-fetch's commit left taken in ({@link InterruptedCommit}): the
     * files it retired go once the index no longer names them. This run's own pending lines are not read.
     */
    private Map<String, String> read() throws IOException {
        Map<String, String> read = new LinkedHashMap<>();
        for (String line : lines(file)) {
            read.put(fileOf(line, file), line);
        }
        if (!writingAhead) {
            InterruptedCommit interrupted = InterruptedCommit.read(folder, read);
            read.putAll(interrupted.newerLines());
            for (String name : interrupted.retired()) {
                read.remove(name);
                retired.add(folder.resolve(name));
            }
        }
        return read;
    }

    private static List<String> lines(Path of) throws IOException {
        if (!Files.exists(of)) {
            return List.of();
        }
        return Files.readAllLines(of, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }

    void abandonWriteAhead(Exception failure) {
        try {
            Files.deleteIfExists(pendingFile);
            writingAhead = false;
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Before a re-fetch's pages replace the earlier ones: their lines and the files it will retire, for a run that
     * stops before the index has them, and for the planner until the day's bronze is written ({@link
     * InterruptedCommit}). Under the dataset's lock.
     */
    void writeAhead(List<String> pageLines, Set<String> toRetire) throws IOException {
        List<String> entries = new ArrayList<>(pageLines);
        for (String name : toRetire) {
            if (lines.containsKey(name)) {
                entries.add(InterruptedCommit.retireEntry(name, lines.get(name)));
            }
        }
        for (Path earlier : retired) { // a stopped commit's retirements this run took in, not yet carried out
            if (!toRetire.contains(earlier.getFileName().toString()) && Files.isRegularFile(earlier)) {
                entries.add(InterruptedCommit.retireEntryOf(earlier));
            }
        }
        AtomicFiles.write(pendingFile, (String.join("\n", entries) + "\n").getBytes(StandardCharsets.UTF_8));
        writingAhead = true;
    }

    /**
     * A newer answer in a file replaces its line, which moves to the end.
     *
     * @param fileKey the identity of the file this process renamed in ({@link AtomicFiles.Staged#fileKey}), or null
     */
    void put(String name, String line, Object fileKey) {
        retired.remove(folder.resolve(name)); // landed again since
        lines.remove(name);
        lines.put(name, line);
        changes.remove(name);
        changes.put(name, line);
        if (fileKey != null) {
            fileKeys.put(name, fileKey);
        }
        pending++;
    }

    /**
     * Whether the file is still the one this process renamed in (false if it is gone). Another process's commit may
     * have replaced it since (two runs fetching one day at once): its line, not this one, describes the body there.
     */
    private boolean stillOurs(String name) throws IOException {
        Object ours = fileKeys.get(name);
        Object there;
        try {
            there = Files.readAttributes(folder.resolve(name), BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return false;
        }
        return ours == null || there == null || ours.equals(there);
    }

    /**
     * Removes a file and its line: after the index is written, so that no index names a missing file (replay
     * would refuse the folder). A file no line names goes at once.
     */
    void retire(String name) throws IOException {
        if (lines.remove(name) != null) {
            retired.add(folder.resolve(name));
            changes.remove(name);
            changes.put(name, null);
            pending++;
        } else {
            Files.deleteIfExists(folder.resolve(name));
        }
    }

    /**
     * The files of the chain that starts at {@code first}, as the index lines' {@code next} link them, in order;
     * empty when no line names {@code first}.
     */
    Set<String> chainFrom(String first) throws IOException {
        Set<String> chain = new LinkedHashSet<>();
        for (String name = first; name != null && chain.add(name); ) {
            String line = lines.get(name);
            if (line == null) { // the chain's last page landed only as a failed answer, or not at all
                if (!lines.containsKey(LandingStore.failedBeside(folder.resolve(name)).getFileName().toString())) {
                    chain.remove(name);
                }
                break;
            }
            String next = JSON.readTree(line).path("next").asText("");
            name = next.isEmpty() ? null : next + ".json";
        }
        return chain;
    }

    /** Whether a line of another chain than {@code chain} names the page {@code name} as its next. */
    boolean reachedFromOutside(String name, Set<String> chain) {
        String named = "\"next\":\"" + name.substring(0, name.length() - ".json".length()) + "\"";
        return lines.entrySet().stream().anyMatch(line -> !chain.contains(line.getKey())
                && line.getValue().contains(named));
    }

    /** Writes the lines changed since the last write, if any: its chain has ended. */
    void writeIfChanged() throws IOException {
        if (pending > 0) {
            write();
        }
    }

    /** Writes once the changes since the last write are as many as the lines then: O(n) bytes for n lines. */
    void writeIfDue() throws IOException {
        if (pending >= written) {
            write();
        }
    }

    /**
     * Under the dataset's {@link LandingStore#LOCK_FILE}, held by one process at a time (and one thread of this one):
     * another process's write between this one's read and rename would be lost. A line of this process's for a file
     * that is gone (another run retired it since) is left out: no index names a missing file.
     */
    void write() throws IOException {
        try (RunLock held = LandingStore.datasetLock(folder)) {
            writeLocked();
        }
    }

    /** {@link #write()}, with the dataset's lock already held. */
    void writeLocked() throws IOException {
        Map<String, String> current = read();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String name = change.getKey();
            if (change.getValue() != null && stillOurs(name)) {
                current.remove(name);
                current.put(name, change.getValue());
            } else if (change.getValue() == null || !Files.exists(folder.resolve(name))) {
                current.remove(name);
            } // else another process's commit replaced the file since, and its line stays
        }
        for (Path gone : retired) { // (read() leaves a stopped commit's in while this run writes ahead)
            current.remove(gone.getFileName().toString());
        }
        AtomicFiles.write(file, (String.join("\n", current.values()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        writes.incrementAndGet();
        lines.clear();
        lines.putAll(current);
        changes.clear();
        fileKeys.clear();
        written = lines.size();
        pending = 0;
        for (Path gone : retired) {
            Files.deleteIfExists(gone);
        }
        retired.clear();
        writingAhead = false; // the pending file stays until the day's bronze is written
    }

    /** The file an index line describes; lines name it since the first version (as {@code <request_id>.json}). */
    private static String fileOf(String line, Path index) throws IOException {
        try {
            JsonNode entry = JSON.readTree(line);
            String file = entry.path("file").asText("");
            return file.isEmpty() ? entry.path("request_id").asText() + ".json" : file;
        } catch (IOException e) {
            throw new IOException("unreadable line in landing index " + index + ": " + e.getMessage(), e);
        }
    }
}
