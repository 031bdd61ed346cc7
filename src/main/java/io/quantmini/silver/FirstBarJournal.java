package io.quantmini.silver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.lake.AtomicFiles;
import org.apache.parquet.io.api.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What silver computed from bronze days it has not written yet: {@code silver/<dataset>/_first_bar_journal}.
 *
 * <p>{@link FirstBarShifts} tells which days a changed bronze day's moved first bars change by comparing the day's
 * symbols now with those in its silver file. That file is what later days were computed from only if the day was
 * written by the run that computed them. A run that stops before it reaches a stale day (days are written last to
 * first), or whose range leaves it out, has computed later days from the day's bronze as it was then, which its silver
 * file never held: if the day then changes back, the comparison sees nothing and those days stay wrong. So, before
 * its first write, a run records for each stale day the symbols whose first bar it is; the next runs compare each
 * recorded version with the day now as they compare its silver file; and a run that completes keeps only the days it
 * left stale.
 */
final class FirstBarJournal {

    static final String FILE = "_first_bar_journal";
    private static final Logger LOG = LoggerFactory.getLogger(FirstBarJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** By day: each version recorded, as the tickers whose first bar the day was. */
    private final SortedMap<LocalDate, List<Set<String>>> versions;
    /** Whether the file was there but could not be read: what stopped runs computed from is unknown. */
    private final boolean damaged;

    private FirstBarJournal(Path file, SortedMap<LocalDate, List<Set<String>>> versions, boolean damaged) {
        this.file = file;
        this.versions = versions;
        this.damaged = damaged;
    }

    static FirstBarJournal read(Path silverDataset) {
        Path file = silverDataset.resolve(FILE);
        SortedMap<LocalDate, List<Set<String>>> versions = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                Map<String, List<Set<String>>> stored = JSON.readValue(file.toFile(), new TypeReference<>() { });
                stored.forEach((date, recorded) -> versions.put(LocalDate.parse(date), new ArrayList<>(recorded)));
            } catch (IOException | RuntimeException e) {
                LOG.warn("silver: {} cannot be read ({}): what a stopped run computed from is unknown, so this run"
                        + " computes every day again", file, e.toString());
                return new FirstBarJournal(file, new TreeMap<>(), true);
            }
        }
        return new FirstBarJournal(file, versions, false);
    }

    /** The days with versions recorded. */
    Set<LocalDate> days() {
        return versions.keySet();
    }

    /** Whether there is nothing to compare: no day recorded and no damaged file. */
    boolean isEmpty() {
        return versions.isEmpty() && !damaged;
    }

    boolean damaged() {
        return damaged;
    }

    /** The versions recorded for {@code day}, each as the ids of the symbols whose first bar it was. */
    List<int[]> versionsOf(LocalDate day, SymbolIds symbols) {
        List<int[]> ids = new ArrayList<>();
        for (Set<String> version : versions.getOrDefault(day, List.of())) {
            ids.add(version.stream().mapToInt(ticker -> symbols.idOf(Binary.fromString(ticker))).toArray());
        }
        return ids;
    }

    /** Records that {@code day}'s first bars were those of {@code symbols} ({@code ids}), unless already recorded. */
    void record(LocalDate day, int[] ids, SymbolIds symbols) {
        Set<String> version = new TreeSet<>();
        for (int id : ids) {
            version.add(symbols.ticker(id));
        }
        List<Set<String>> recorded = versions.computeIfAbsent(day, d -> new ArrayList<>());
        if (!recorded.contains(version)) {
            recorded.add(version);
        }
    }

    /**
     * After a run that wrote every day it computed: keeps only the days in {@code unwritten} (stale days the run left
     * out). The days computed from any other version are written now, from bronze as it is.
     */
    void keepOnly(Set<LocalDate> unwritten) {
        versions.keySet().retainAll(unwritten);
    }

    /** Writes the journal (atomically), or removes it when it holds nothing; and a killed run's temp of it. */
    void write() throws IOException {
        AtomicFiles.sweepAbandonedTemps(file.getParent());
        if (versions.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Map<String, List<Set<String>>> stored = new TreeMap<>();
        versions.forEach((day, recorded) -> stored.put(day.toString(), recorded));
        AtomicFiles.write(file, JSON.writeValueAsBytes(stored));
    }
}
