package io.quantmini.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files through which stages hand work to the next one: {@code _handoff/<stage>/<run-id>.json}
 * names the dataset and the days a stage changed. The next stage's bean deletes the file ({@link HandoffTaker}; the
 * camel-file routes consume with {@code noop}) only after the stage committed its own output, so a crash between
 * stages loses nothing; a one-shot command removes the handoffs its own run satisfied ({@link #removeSatisfied}).
 */
public final class Handoffs {

    private static final Logger LOG = LoggerFactory.getLogger(Handoffs.class);

    public static final String SILVER = "silver";
    public static final String GOLD = "gold";
    /** Suffix of a handoff owed but not yet written: the consumers read only {@code *.json}. */
    static final String UNPUBLISHED = ".unpublished";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final LakeLayout lake;
    private final Clock clock;
    /** Handoffs this process carried out whose file the disk would not let go: not to be taken again. */
    private final Set<Path> carriedOutButKept = ConcurrentHashMap.newKeySet();

    private String newRunId() {
        return RUN_ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Handoffs(LakeLayout lake, Clock clock) {
        this.lake = lake;
        this.clock = clock;
    }

    /** Records a handoff whose stage committed but whose file will not go ({@link HandoffFilter}). */
    void keptAfterCarriedOut(Path handoff) {
        carriedOutButKept.add(handoff.toAbsolutePath().normalize());
    }

    /** Whether this process carried out {@code handoff} already, and only the disk keeps the file. */
    public boolean carriedOut(Path handoff) {
        return carriedOutButKept.contains(handoff.toAbsolutePath().normalize());
    }

    /**
     * Whether this process carried out {@code handoff} already, and only the disk keeps the file: then its removal is
     * tried again, quietly, and once the disk lets it go (the operator fixed it), it is forgotten. What the handoff
     * routes' filter and the taker both ask before taking a file.
     */
    boolean carriedOutRemovingAgain(Path handoff) {
        if (!carriedOut(handoff)) {
            return false;
        }
        try {
            Files.deleteIfExists(handoff);
            carriedOutButKept.remove(handoff.toAbsolutePath().normalize());
        } catch (IOException stillKept) {
            // said once, when the stage committed
        }
        return true;
    }

    /** The folder of {@code stage}'s waiting handoffs. */
    public Path folder(String stage) {
        return lake.handoffFolder(stage);
    }

    /** One stage's message to the next. */
    public record Handoff(String stage, String dataset, String runId, List<LocalDate> days) {
    }

    /**
     * Writes {@code _handoff/<stage>/<run-id>.json} atomically; returns its path. Temp files that a killed writer
     * left in the folder go first (only dead processes' ones: the folder is shared by every dataset's runs).
     */
    public Path write(String stage, String dataset, Collection<LocalDate> days) throws IOException {
        String runId = newRunId();
        ObjectNode body = JSON.createObjectNode();
        body.put("stage", stage);
        body.put("dataset", dataset);
        body.put("run_id", runId);
        ArrayNode list = body.putArray("days");
        days.stream().sorted().distinct().forEach(day -> list.add(day.toString()));
        Path file = lake.handoffFolder(stage).resolve(runId + ".json");
        AtomicFiles.sweepAbandonedTemps(file.getParent());
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        return file;
    }

    /**
     * Marks, before a stage writes anything, that it may change {@code dataset} and owes the next stage a handoff:
     * {@code _handoff/<stage>/<run-id>.json.unpublished}, which the next stage's consumer does not read. The stage
     * removes its marker once the handoff is written, or once it knows nothing changed; a marker a killed run left
     * behind tells the next run of the stage to hand off even if it finds nothing left to write (what it would
     * have handed off was committed by the killed run).
     */
    public Path markUnpublished(String stage, String dataset) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("stage", stage);
        body.put("dataset", dataset);
        Path file = lake.handoffFolder(stage).resolve(newRunId() + ".json" + UNPUBLISHED);
        AtomicFiles.write(file, JSON.writeValueAsBytes(body));
        return file;
    }

    /**
     * Turns a handoff its stage could not carry out into that stage's unpublished marker (it names the dataset, as
     * a marker does), by a rename, which needs no space: for when {@link #markUnpublished} itself failed.
     */
    public Path keepAsUnpublished(Path handoff) throws IOException {
        Path marker = handoff.resolveSibling(handoff.getFileName() + UNPUBLISHED);
        Files.move(handoff, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return marker;
    }

    /** The unpublished markers of {@code dataset} for {@code stage} (see {@link #markUnpublished}). */
    public List<Path> unpublished(String stage, String dataset) throws IOException {
        List<Path> markers = new ArrayList<>();
        Path folder = lake.handoffFolder(stage);
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "[!.]*.json" + UNPUBLISHED)) {
                for (Path marker : entries) {
                    if (names(marker, dataset)) {
                        markers.add(marker);
                    }
                }
            }
        }
        markers.sort(null);
        return markers;
    }

    /**
     * Keeps a handoff its stage could not carry out in {@code _handoff/<stage>/failed/}, where the stage's consumer
     * (which reads only its own folder) does not take it again: retried every poll, a bad file filled the log with a
     * stack trace every two seconds. Move it back into its folder to try again. Returns where it went.
     *
     * <p>The file is moved, which needs no space: a stage that failed because the disk is full must still be able to
     * set its handoff aside. Where {@code failed/} cannot take it (it is a file, say), the handoff is renamed in place
     * to {@code <name>.failed}, which the consumer does not read either; only where it cannot be moved at all (a
     * consumer handed a copy) is {@code body} written, if it was read.
     */
    public Path quarantine(String stage, Path original, byte[] body) throws IOException {
        Path kept = lake.handoffFolder(stage).resolve(FAILED).resolve(original.getFileName());
        try {
            Files.createDirectories(kept.getParent());
            Files.move(original, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException cannotMove) {
            if (Files.exists(original)) {
                Path inPlace = original.resolveSibling(original.getFileName() + "." + FAILED);
                Files.move(original, inPlace, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return inPlace;
            }
            if (body == null) { // never read: an empty file in failed/ would only fail again once moved back
                throw cannotMove;
            }
            try {
                AtomicFiles.write(kept, body);
                return kept;
            } catch (IOException cannotWrite) {
                cannotWrite.addSuppressed(cannotMove);
                throw cannotWrite;
            }
        }
    }

    /** The folder under each stage's handoff folder that holds the handoffs it could not carry out. */
    public static final String FAILED = "failed";

    public static Handoff parse(byte[] json, String where) {
        try {
            JsonNode body = JSON.readTree(json);
            List<LocalDate> days = new ArrayList<>();
            body.path("days").forEach(day -> days.add(LocalDate.parse(day.asText())));
            String dataset = body.path("dataset").asText("");
            if (dataset.isEmpty()) {
                throw new IllegalArgumentException("handoff " + where + " names no dataset");
            }
            return new Handoff(body.path("stage").asText(), dataset, body.path("run_id").asText(), days);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("handoff " + where + " is not valid JSON: "
                    + JsonErrors.withoutSource(e), e);
        } catch (IOException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("handoff " + where + " is not valid: " + e.getMessage(), e);
        }
    }

    /**
     * Removes the handoffs among {@code pending} that name {@code dataset}: an on-demand run of the stage over
     * the whole lake has done what they asked. Handoffs that arrived after {@code pending} was listed stay. One that
     * cannot be read or removed stays too, with a warning naming it: the stage's work is done and its run succeeded,
     * and the next run of the stage finds nothing to do for it (the disk's error would otherwise end the run, naming
     * nothing).
     */
    public static void removeSatisfied(List<Path> pending, String dataset) {
        for (Path handoff : pending) {
            try {
                if (names(handoff, dataset)) {
                    Files.deleteIfExists(handoff);
                }
            } catch (IOException e) {
                LOG.warn("cannot remove the handoff {}, which this run has done (the next run of the stage finds"
                        + " nothing to do for it): {}", handoff, LakeWriteException.describe(e));
            }
        }
    }

    /**
     * Whether a handoff file names {@code dataset}. A file that is not a handoff names none: it is its stage
     * consumer's to set aside, and must not fail the run that merely looks at the folder. Nor does one gone since the
     * folder was listed: the daemon's stage route takes (deletes) handoffs while an ingest looks.
     */
    private static boolean names(Path handoff, String dataset) throws IOException {
        try {
            return parse(Files.readAllBytes(handoff), handoff.toString()).dataset().equals(dataset);
        } catch (IllegalArgumentException | java.nio.file.NoSuchFileException notAHandoffNow) {
            return false;
        }
    }

    /**
     * The bronze days of {@code dataset} whose silver day file is owed a write ({@link DayFiles#owed}: missing, out of
     * step, or cut short), and the silver days whose bronze day is gone: what the silver stage finds stale. Lets an
     * ingest that wrote nothing still hand silver the days a killed run, or a failed stage, left behind.
     */
    public List<LocalDate> daysSilverLacks(String dataset) throws IOException {
        List<LocalDate> lacking = new ArrayList<>();
        Map<LocalDate, Path> bronze = DayFiles.list(lake.bronzeDataset(dataset));
        for (Map.Entry<LocalDate, Path> day : bronze.entrySet()) {
            if (DayFiles.owed(lake.silverDayFile(dataset, day.getKey()), Files.getLastModifiedTime(day.getValue()))) {
                lacking.add(day.getKey());
            }
        }
        for (LocalDate silverDay : DayFiles.list(lake.silverDataset(dataset)).keySet()) {
            if (!bronze.containsKey(silverDay)) {
                lacking.add(silverDay); // its bronze day was removed: silver owes the days after it a rewrite
            }
        }
        lacking.sort(null);
        return lacking;
    }

    /** Whether a handoff naming {@code dataset} is waiting for {@code stage} (a file that is not one names none). */
    public boolean pendingFor(String stage, String dataset) throws IOException {
        for (Path handoff : pending(stage)) {
            if (names(handoff, dataset)) {
                return true;
            }
        }
        return false;
    }

    /** The handoffs waiting for {@code stage}, oldest first (run ids start with their UTC time). */
    public List<Path> pending(String stage) throws IOException {
        Path folder = lake.handoffFolder(stage);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "[!.]*.json")) {
                for (Path entry : entries) {
                    if (!carriedOut(entry)) { // carried out already; only the disk keeps it, and no route takes it
                        files.add(entry);
                    }
                }
            }
        }
        files.sort(null);
        return files;
    }
}
