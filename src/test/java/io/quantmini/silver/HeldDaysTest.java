package io.quantmini.silver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HeldDaysTest {

    private static final LocalDate MON = LocalDate.of(2024, 3, 4);
    private static final LocalDate TUE = MON.plusDays(1);
    private static final LocalDate WED = MON.plusDays(2);

    @TempDir
    Path silver;

    @Test
    void aRecordedDayGoneFromBronzeAndSilverBothHasVanished() throws IOException {
        HeldDays.read(silver).record(Set.of(MON, TUE, WED));
        assertEquals("2024-03-04\n2024-03-05\n2024-03-06\n", Files.readString(silver.resolve(HeldDays.FILE)));

        HeldDays held = HeldDays.read(silver);
        assertEquals(List.of(TUE), held.vanished(List.of(MON, WED), Set.of(MON, WED)));
        assertEquals(List.of(), held.vanished(List.of(MON, WED), Set.of(MON, TUE, WED)), "an orphan: not vanished");
        assertEquals(List.of(), held.vanished(List.of(MON, TUE, WED), Set.of(MON, WED)), "stale: not vanished");
        assertEquals(List.of(MON, WED), held.vanished(List.of(TUE), Set.of()));
    }

    @Test
    void withoutARecordNothingHasVanished() throws IOException {
        assertEquals(List.of(), HeldDays.read(silver).vanished(List.of(), Set.of()));
        Files.writeString(silver.resolve(HeldDays.FILE), "2024-03-04\nnot a day\n");
        assertEquals(List.of(), HeldDays.read(silver).vanished(List.of(), Set.of()), "an unreadable record");
    }

    @Test
    void anUnchangedRecordIsNotWrittenAgainAndNoDaysMakeNoFile() throws IOException {
        HeldDays.read(silver).record(Set.of());
        assertFalse(Files.exists(silver.resolve(HeldDays.FILE)), "no file for a silver that holds nothing");
        HeldDays.read(silver).record(Set.of(MON));
        Path file = silver.resolve(HeldDays.FILE);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
        HeldDays.read(silver).record(Set.of(MON));
        assertEquals(0, Files.getLastModifiedTime(file).toMillis());
    }

    /** The record only serves to find such days: a run that cannot write it still completes. */
    @Test
    void aRecordThatCannotBeWrittenIsAWarningNotAFailure() throws IOException {
        Path dataset = Files.createDirectories(silver.resolve("stocks_daily"));
        HeldDays held = HeldDays.read(dataset);
        Files.delete(dataset);
        Files.writeString(dataset, "a file where the folder was");
        assertDoesNotThrow(() -> held.record(Set.of(MON)));
        assertEquals("a file where the folder was", Files.readString(dataset));
    }
}
