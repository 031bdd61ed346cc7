package io.quantmini.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class DayFilesTest {

    private static final LocalDate MON = LocalDate.of(2024, 3, 4);
    private static final LocalDate TUE = LocalDate.of(2024, 3, 5);

    @TempDir
    Path dataset;

    private Path dayFile(LocalDate date) throws IOException {
        Path file = LakeLayout.monthFolder(dataset, date).resolve(date + ".parquet");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, date.toString());
    }

    /** Listing the dataset's day files fails on {@code entry}, naming it, with {@code why} in its message. */
    private void assertListingRefuses(Path entry, String why) {
        FileSystemException e = assertThrows(FileSystemException.class, () -> DayFiles.list(dataset));
        assertEquals(entry.toString(), e.getFile());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private void file(String relative) throws IOException {
        Path file = dataset.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }

    @Test
    void onlyTheDayFilesOfThePartitionFoldersAreListed() throws IOException {
        Path monday = dayFile(MON);
        Path tuesday = dayFile(TUE);
        file("year=2024/month=03/.2024-03-06.parquet.tmp-1");   // a killed write's temp
        file("year=2024/month=04/2024-03-07.parquet");          // a day in another day's month
        file("year=2024/month=03/notes.parquet");               // not a date
        file("_bronze_tickers/year=2024/month=03/2024-03-08.parquet"); // a stage's own folder
        file("backup/year=2024/month=03/2024-03-11.parquet");   // a copy one level down

        assertEquals(Map.of(MON, monday, TUE, tuesday), DayFiles.list(dataset));
    }

    /**
     * A day file replaced by a link is an error naming it, as a partition folder is: left out, in silence, its day
     * read as gone, and an incremental ingest fetched it again over the link. A folder in its place stays a hole.
     */
    @Test
    void aSymbolicLinkNamedAsADayFileIsAnErrorNamingIt() throws IOException {
        Path monday = dayFile(MON);
        Path link = LakeLayout.monthFolder(dataset, MON).resolve("2024-03-12.parquet");
        Files.createSymbolicLink(link, monday);
        assertListingRefuses(link, "named as a day file, but a symbolic link (not followed)");

        Files.delete(link);
        Files.createDirectory(link);
        assertEquals(Map.of(MON, monday), DayFiles.list(dataset));
    }

    /**
     * Absent or cut short is not whole; a file the disk will not read is an error naming it, not "cut short" (which
     * made an incremental run replace a good file and the split check leave the day out, in silence). Here the
     * unreadable file is a folder under its name, which reads as "Is a directory".
     */
    @Test
    void aFileTheDiskWillNotReadIsNotTakenForOneCutShort() throws IOException {
        Path monday = dayFile(MON);
        assertFalse(DayFiles.isWholeParquet(monday.resolveSibling("absent.parquet")));
        Files.write(monday, new byte[] {'P', 'A', 'R', '1', 0, 0});
        assertFalse(DayFiles.isWholeParquet(monday));
        Files.write(monday, "PAR1 a footer PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(DayFiles.isWholeParquet(monday));
        Files.delete(monday);
        Files.createDirectory(monday);
        IOException unreadable = assertThrows(IOException.class, () -> DayFiles.isWholeParquet(monday));
        assertEquals(monday + ": Is a directory", unreadable.getMessage());
    }

    /**
     * A month or year folder replaced by a file, or by a link, is an error naming it: left out, its days read as gone,
     * and the stages fetched them again and removed the silver days derived from them. Names that are not a
     * partition's ({@code year=2024.tar}) stay out, as before.
     */
    @Test
    void anEntryNamedAsAPartitionThatIsNotAFolderIsAnErrorNamingIt() throws IOException {
        Path monday = dayFile(MON);
        Files.writeString(dataset.resolve("year=2024.tar"), "a backup beside the partitions");
        Files.writeString(dataset.resolve("year=2024").resolve("month=04.txt"), "notes");
        assertEquals(Map.of(MON, monday), DayFiles.list(dataset));

        Path april = dataset.resolve("year=2024/month=04");
        Files.writeString(april, "a file where April's folder belongs");
        assertListingRefuses(april, "named as a partition folder, but not a folder");

        Files.delete(april);
        Path archive = Files.createDirectories(dataset.resolve("_archive/year=2023"));
        Path linked = Files.createSymbolicLink(dataset.resolve("year=2023"), archive);
        assertListingRefuses(linked, "a symbolic link (not followed)");
    }

    @Test
    void aMissingFolderHasNoDays() throws IOException {
        assertEquals(Map.of(), DayFiles.list(dataset.resolve("absent")));
    }

    /**
     * A folder beside the partitions that cannot be read (a backup tool's, or {@code chmod 000} on a stage's own)
     * is not walked. Root reads it anyway, so the check needs another user (CI runs as root; a developer's machine
     * does not).
     */
    @Test
    void anUnreadableFolderBesideThePartitionsIsNotWalked() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads a folder whatever its mode");
        Path monday = dayFile(MON);
        Path unreadable = Files.createDirectories(dataset.resolve("_bronze_tickers/inner"));
        Files.setPosixFilePermissions(unreadable.getParent(), PosixFilePermissions.fromString("---------"));
        try {
            assertEquals(Map.of(MON, monday), DayFiles.list(dataset));
        } finally {
            Files.setPosixFilePermissions(unreadable.getParent(), PosixFilePermissions.fromString("rwx------"));
        }
    }
}
