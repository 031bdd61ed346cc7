package io.quantmini.lake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The day files of a date-partitioned dataset folder ({@code year=YYYY/month=MM/<date>.parquet}), by date.
 * Hidden files (the temp files of {@link AtomicFiles}) and names that are not a date are ignored.
 */
public final class DayFiles {

    private static final String SUFFIX = ".parquet";

    private DayFiles() {
    }

    /**
     * Whether a day file derived from another (silver from bronze) is missing, or out of step with its source, whose
     * modification time is {@code sourceMtime}: the day is stale, and the stage that derives it owes it a write.
     * A derived file is given its source's modification time when it is written, so any other time means the source
     * changed since: fetched again, but also restored from a backup with its older time ({@code cp -p},
     * {@code rsync -a}) or written while the clock was behind, which an "older than its source" test missed.
     */
    public static boolean outOfStep(Path derived, FileTime sourceMtime) throws IOException {
        try {
            return !Files.getLastModifiedTime(derived).equals(sourceMtime);
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Whether a derived day file is owed a write: {@link #outOfStep} with its source, or there but cut short. */
    public static boolean owed(Path derived, FileTime sourceMtime) throws IOException {
        return outOfStep(derived, sourceMtime) || !isWholeParquet(derived);
    }

    /**
     * Whether {@code file} looks like a whole Parquet file: {@code PAR1} at its start and at its end. A file cut short
     * (a copy that died, a full disk under another tool) fails this without being read; false also when it is absent.
     * One the disk will not read is an IOException naming it: taken as cut short, a good file would be replaced under
     * a diagnosis that hides the disk's error.
     */
    public static boolean isWholeParquet(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 12) { // magic, footer length, magic
                return false;
            }
            ByteBuffer head = ByteBuffer.allocate(4);
            ByteBuffer tail = ByteBuffer.allocate(4);
            channel.read(head, 0);
            channel.read(tail, size - 4);
            return Arrays.equals(head.array(), PARQUET_MAGIC) && Arrays.equals(tail.array(), PARQUET_MAGIC);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw NamedIOException.of(file, e);
        }
    }

    private static final byte[] PARQUET_MAGIC = org.apache.parquet.hadoop.ParquetFileWriter.MAGIC;

    /**
     * Refuses a day file whose footer says it holds another day's rows: a copy under a wrong name (a weekday
     * holiday's, say), which would add a day to every symbol's series and to Qlib's calendar, with another day's bars.
     * A file without the key (written by another tool) passes.
     */
    public static void requireOwnDay(Path file, Map<String, String> footer) throws IOException {
        String held = footer.get(FooterKeys.DATE);
        String named = file.getFileName().toString().replace(SUFFIX, "");
        if (held != null && !held.equals(named)) {
            throw new IOException("it holds the rows of " + held + " (its footer's " + FooterKeys.DATE + "), not those"
                    + " of " + named + ": a copy under a wrong name; remove it");
        }
    }

    /**
     * Why a day file could not be read, for a message: a file cut short says so, and how to write the day again,
     * instead of the Parquet reader's words for it ("footer is too large", "length is too low"). Otherwise
     * {@code otherwise}, followed by the failure's message.
     */
    public static String whyUnreadable(Path file, Exception e, String otherwise) {
        if (Files.isRegularFile(file) && isCutShort(file)) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException gone) {
                size = -1;
            }
            return file + " is not a whole Parquet file (" + size + " bytes): it was cut short. " + rewriteAdvice(file);
        }
        return otherwise + ": " + e.getMessage();
    }

    /** Not a whole Parquet file, though readable; false for one the disk will not read (its own error says so). */
    private static boolean isCutShort(Path file) {
        try {
            return !isWholeParquet(file);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** How to write a day file of {@code <layer>/<dataset>/year=/month=/<date>.parquet} again. */
    private static String rewriteAdvice(Path file) {
        String day = file.getFileName().toString().replace(SUFFIX, "");
        Path absolute = file.toAbsolutePath();
        if (absolute.getNameCount() < 5) { // <layer>/<dataset>/year=/month=/<day file>
            return "Write the day again.";
        }
        Path datasetFolder = absolute.getParent().getParent().getParent();
        String dataset = datasetFolder.getFileName().toString();
        String layer = datasetFolder.getParent().getFileName().toString();
        return switch (layer) {
            case "bronze" -> "Fetch the day again: quantmini data ingest -t " + dataset + " -s " + day + " -e " + day
                    + " (--incremental fetches it again too)";
            case "silver" -> "Compute the day again: quantmini transform features -t " + dataset + " --full -s " + day
                    + " -e " + day;
            default -> "Write the day again.";
        };
    }

    /**
     * The dataset's day files by date. Only the partition folders ({@code year=YYYY/month=MM}) are read: the stages'
     * own folders beside them ({@code _bronze_tickers}, say) are never walked, so one that cannot be read (a
     * {@code chmod 000} backup's leftover) does not fail every run.
     */
    public static NavigableMap<LocalDate, Path> list(Path datasetFolder) throws IOException {
        if (!Files.isDirectory(datasetFolder)) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<LocalDate, Path> days = new TreeMap<>();
        for (Path year : partitions(datasetFolder, "year=")) {
            for (Path month : partitions(year, "month=")) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(month, "*" + SUFFIX)) {
                    for (Path file : files) {
                        addDayFile(datasetFolder, file, days);
                    }
                } catch (IOException e) {
                    throw NamedIOException.of(month, e);
                }
            }
        }
        return days;
    }

    /**
     * The sub-folders of {@code folder} whose names start with {@code prefix}, e.g. {@code year=}. An entry named as a
     * partition ({@code year=2024}, {@code month=03}) that is not a folder is an error naming it: left out, its days
     * would count as gone, and the stages would fetch them again and remove what silver and gold derived from them.
     */
    private static List<Path> partitions(Path folder, String prefix) throws IOException {
        List<Path> partitions = new ArrayList<>();
        int digits = prefix.equals("year=") ? 4 : 2;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder, prefix + "*")) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    partitions.add(child);
                } else if (child.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix)
                        + "[0-9]{" + digits + "}")) {
                    throw new FileSystemException(child.toString(), null, "named as a partition folder, but "
                            + (Files.isSymbolicLink(child) ? "a symbolic link (not followed)" : "not a folder")
                            + ": the days under it cannot be read; put the folder back in its place");
                }
            }
        } catch (IOException e) {
            throw NamedIOException.of(folder, e);
        }
        return partitions;
    }

    /**
     * A day file, by its name, in its own month folder. A symbolic link named as one is an error naming it, as for the
     * partition folders: left out, its day would read as gone, and a fetch would replace the link. A folder in a day
     * file's place is no day (a hole the next run fills, or fails to, naming it).
     */
    private static void addDayFile(Path datasetFolder, Path file, Map<LocalDate, Path> days) throws IOException {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
            return;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(name.substring(0, name.length() - SUFFIX.length()));
        } catch (DateTimeParseException e) {
            return; // not a day file
        }
        if (!file.getParent().equals(LakeLayout.monthFolder(datasetFolder, date))) {
            return;
        }
        if (Files.isSymbolicLink(file)) {
            throw new FileSystemException(file.toString(), null, "named as a day file, but a symbolic link (not"
                    + " followed): the day cannot be read; put the file itself in its place");
        }
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            days.put(date, file);
        }
    }
}
