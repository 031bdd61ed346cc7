package io.quantmini.silver;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeWriteException;
import io.quantmini.lake.NamedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The days silver held when its last run completed: {@code silver/<dataset>/_held_days}, one ISO date a line.
 *
 * <p>A bronze day removed by hand leaves its silver file behind, and that file is how a run learns that the later
 * days computed from it are stale. A day removed from bronze and silver both leaves nothing, so a run compares the
 * days recorded here with those bronze and silver hold now: a day gone from both has <em>vanished</em>. The file is
 * written once a run has completed, so a run killed before leaves the day recorded, and the next run finds it again.
 *
 * <p>Until a first run records them (a lake from before this file, or a file that cannot be read) nothing has
 * vanished: the cost is the case this file is for, never a run computing more than it must.
 */
public final class HeldDays {

    static final String FILE = "_held_days";
    private static final Logger LOG = LoggerFactory.getLogger(HeldDays.class);

    private final Path file;
    private final SortedSet<LocalDate> recorded;

    private HeldDays(Path file, SortedSet<LocalDate> recorded) {
        this.file = file;
        this.recorded = recorded;
    }

    /** The record of a silver dataset: a tool that removes days on purpose removes it too, not to be warned. */
    public static Path fileIn(Path silverDataset) {
        return silverDataset.resolve(FILE);
    }

    static HeldDays read(Path silverDataset) throws IOException {
        Path file = fileIn(silverDataset);
        SortedSet<LocalDate> days = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    days.add(LocalDate.parse(line.strip()));
                }
            }
        } catch (NoSuchFileException e) {
            return new HeldDays(file, null);
        } catch (DateTimeParseException | java.nio.charset.CharacterCodingException e) {
            LOG.warn("silver: {} cannot be read ({}): days removed from bronze and silver by hand before this run go"
                    + " unnoticed; it is written again", file, e.getMessage());
            return new HeldDays(file, null);
        } catch (IOException e) {
            throw NamedIOException.of(file, e);
        }
        return new HeldDays(file, days);
    }

    /** The recorded days that neither bronze ({@code calendar}) nor silver ({@code silverDays}) holds, ascending. */
    List<LocalDate> vanished(Collection<LocalDate> calendar, Set<LocalDate> silverDays) {
        if (recorded == null) {
            return List.of();
        }
        Set<LocalDate> inBronze = new TreeSet<>(calendar);
        return recorded.stream().filter(day -> !inBronze.contains(day) && !silverDays.contains(day)).toList();
    }

    /**
     * Records {@code silverDays} as the days silver holds, unless that is what the file says already. A file that
     * cannot be written costs only what it is for, so it is a WARN, not a failed run.
     */
    void record(Set<LocalDate> silverDays) {
        if (recorded != null ? recorded.equals(silverDays) : silverDays.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(11 * silverDays.size());
        new TreeSet<>(silverDays).forEach(day -> text.append(day).append('\n'));
        try {
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("silver: cannot record the days silver holds in {} ({}): a day removed from bronze and silver"
                    + " both before the next run goes unnoticed", file, LakeWriteException.describe(e));
        }
    }
}
