package io.quantmini.lake;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DayFileCacheTest {

    private static final LocalDate MON = LocalDate.of(2024, 3, 4);
    private static final LocalDate TUE = LocalDate.of(2024, 3, 5);
    private static final LocalDate WED = LocalDate.of(2024, 3, 6);
    private static final String CACHE = "_test_cache";

    @TempDir
    Path folder;

    /** The day files the reader opened (two at a time: in no order). */
    private final List<LocalDate> opened = Collections.synchronizedList(new ArrayList<>());

    /** The days read, in date order, once per read. */
    private List<LocalDate> read() {
        return opened.stream().sorted().toList();
    }

    private Path dayFile(LocalDate date, String text) throws IOException {
        Path file = LakeLayout.monthFolder(folder, date).resolve(date + ".parquet");
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** The text of each day file, through a new cache as the next run makes it. */
    private NavigableMap<LocalDate, String> texts() throws IOException {
        return texts(DayFiles.list(folder));
    }

    private NavigableMap<LocalDate, String> texts(NavigableMap<LocalDate, Path> days) throws IOException {
        return new DayFileCache<>(folder, CACHE, new TypeReference<String>() { }).values(days, file -> {
            opened.add(LocalDate.parse(file.getFileName().toString().replace(".parquet", "")));
            return Files.readString(file);
        });
    }

    @Test
    void aDayFileIsReadOnceWhileItIsTheSameFile() throws IOException {
        dayFile(MON, "a");
        dayFile(TUE, "b");
        assertEquals(Map.of(MON, "a", TUE, "b"), texts());
        assertEquals(List.of(MON, TUE), read());

        assertEquals(Map.of(MON, "a", TUE, "b"), texts());
        assertEquals(List.of(MON, TUE), read(), "both answered by the cache");
        assertEquals(Set.of(MON, TUE), DayFiles.list(folder).keySet(), "the cache file is not a day file");
    }

    /**
     * A day file replaced by a rename (another inode) is read again even with the size and time of the file it
     * replaced; so is one touched, and a removed day is gone.
     */
    @Test
    void aReplacedTouchedOrRemovedDayFileIsReadAgain() throws IOException {
        Path monday = dayFile(MON, "a");
        Path tuesday = dayFile(TUE, "b");
        dayFile(WED, "c");
        texts();
        opened.clear();

        FileTime mondayTime = Files.getLastModifiedTime(monday);
        dayFile(MON, "x");
        Files.setLastModifiedTime(monday, mondayTime);
        Files.setLastModifiedTime(tuesday, FileTime.fromMillis(Files.getLastModifiedTime(tuesday).toMillis() + 1000));
        Files.delete(LakeLayout.monthFolder(folder, WED).resolve(WED + ".parquet"));

        assertEquals(Map.of(MON, "x", TUE, "b"), texts());
        assertEquals(List.of(MON, TUE), read());
    }

    /** Bytes rewritten in place, with the size and modification time set back as they were: the change time moved. */
    @Test
    void aDayFileRewrittenInPlaceUnderItsOldSizeAndTimeIsReadAgain() throws IOException {
        Path monday = dayFile(MON, "a");
        texts();
        FileTime written = Files.getLastModifiedTime(monday);
        Files.writeString(monday, "x");
        Files.setLastModifiedTime(monday, written);
        assertEquals(Map.of(MON, "x"), texts());
        assertEquals(List.of(MON, MON), read());
    }

    /** One flipped bit still parses ("a" becomes "c"): the cache's checksum tells, and the day is read again. */
    @Test
    void aCacheWithAFlippedBitIsReadFromTheDayFiles() throws IOException {
        dayFile(MON, "a");
        texts();
        byte[] cache = Files.readAllBytes(folder.resolve(CACHE));
        String json = new String(cache, StandardCharsets.UTF_8);
        cache[json.indexOf("\"a\"") + 1] ^= 0b10;
        Files.write(folder.resolve(CACHE), cache);
        assertEquals(Map.of(MON, "a"), texts());
        assertEquals(List.of(MON, MON), read());
    }

    @Test
    void aDamagedCacheIsReadFromTheDayFilesAndWrittenAgain() throws IOException {
        dayFile(MON, "a");
        texts();
        Files.writeString(folder.resolve(CACHE), "{\"format\":1,\"days\":{\"2024-03-04\":[");
        assertEquals(Map.of(MON, "a"), texts());
        assertEquals(Map.of(MON, "a"), texts());
        assertEquals(List.of(MON, MON), read(), "read again once, then cached again");
    }

    @Test
    void aFailedReadIsThrownAndTheCacheKeepsWhatItHad() throws IOException {
        dayFile(MON, "a");
        dayFile(TUE, "b");
        texts();
        byte[] cached = Files.readAllBytes(folder.resolve(CACHE));
        dayFile(TUE, "bb");
        IOException failed = assertThrows(IOException.class, () -> new DayFileCache<>(folder, CACHE,
                new TypeReference<String>() { }).values(DayFiles.list(folder), file -> {
                    throw new IOException("cannot read " + file);
                }));
        assertEquals("cannot read " + LakeLayout.monthFolder(folder, TUE).resolve(TUE + ".parquet"),
                failed.getMessage());
        assertArrayEquals(cached, Files.readAllBytes(folder.resolve(CACHE)));
        opened.clear();
        assertEquals(Map.of(MON, "a", TUE, "bb"), texts());
        assertEquals(List.of(TUE), read());
    }

    /** A day the reader leaves out (a file cut short, say) is not cached: the next run reads it again. */
    @Test
    void aDayTheReaderLeavesOutIsReadAgainNextTime() throws IOException {
        dayFile(MON, "a");
        DayFileCache<String> cache = new DayFileCache<>(folder, CACHE, new TypeReference<String>() { });
        assertEquals(Map.of(), cache.values(DayFiles.list(folder), file -> null));
        assertEquals(Map.of(MON, "a"), texts());
        assertEquals(List.of(MON), read());
    }

    @Test
    void daysNotAskedForKeepTheirEntries() throws IOException {
        dayFile(MON, "a");
        dayFile(TUE, "b");
        texts();
        dayFile(MON, "x");
        assertEquals(Map.of(MON, "x"), texts(DayFiles.list(folder).headMap(MON, true)));
        assertEquals(Map.of(MON, "x", TUE, "b"), texts());
        assertEquals(List.of(MON, MON, TUE), read(), "Tuesday's entry outlived a run that asked for Monday only");
    }
}
