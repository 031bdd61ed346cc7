package io.quantmini.lake;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.quantmini.parallel.ParallelFor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32C;

/**
 * What a reader found in each day file of a dataset folder ({@link DayFiles}), kept in a file of that folder with the
 * stamp the day file had when it was read ({@link FileStamp}: its size, modification time, status change time and file
 * key). Lake writes replace a day file by renaming a new one over it ({@link AtomicFiles}), which gives it another
 * inode and change time even when size and modification time match, and the change time cannot be set back as the
 * modification time can ({@code touch -d}, {@code cp -p}, {@code rsync -t} over other bytes): a value is given back
 * only for the very file it was read from, and a day fetched again, patched, restored or touched is read again. A
 * check that needs the same few facts of every day of a long history (the ingest's split check) then opens only the
 * files written since it last ran, instead of thousands of small Parquet files in a one-shot JVM (~0.1-0.3 ms each
 * before the JIT has compiled the reader).
 *
 * <p>The file is JSON, then a line with the CRC-32C of that JSON: a damaged file that still parses would give another
 * day's time or another ticker. A cache and nothing more: one that is missing, damaged or of another format counts as
 * empty, and one that cannot be written stays as it was; either costs only the reads it would have saved.
 *
 * @param <T> what is kept of a day file: a type Jackson maps as it is (no {@code java.time} types)
 */
public final class DayFileCache<T> {

    /** What to keep of one day file; null leaves the day out of the answer, and nothing is kept. */
    @FunctionalInterface
    public interface DayReader<T> {
        T read(Path dayFile) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DayFileCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The layout of the cache file: one of another format is read as empty. */
    private static final int FORMAT = 1;

    /**
     * The cache file: its layout, the version of what its user keeps of a day file (0 in files written before it was
     * recorded), and each day's entry by its date ({@code yyyy-mm-dd}).
     */
    record Stored<E>(int format, int version, Map<String, E> days) {
    }

    /** One day file's stamp when it was read, and what was kept; written as an array: a cache holds thousands. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Entry<T>(String stamp, T value) {
    }

    private final Path file;
    private final int version;
    private final JavaType storedType;

    /** The cache {@code name} in {@code datasetFolder}: a name {@link DayFiles#list} skips, such as {@code _x}. */
    public DayFileCache(Path datasetFolder, String name, TypeReference<T> valueType) {
        this(datasetFolder, name, 0, valueType);
    }

    /**
     * As {@link #DayFileCache(Path, String, TypeReference)}, keeping {@code version} of what is read of a day file: a
     * cache file of another version counts as empty (a reader that now reads more than its entries hold).
     */
    public DayFileCache(Path datasetFolder, String name, int version, TypeReference<T> valueType) {
        this.file = datasetFolder.resolve(name);
        this.version = version;
        TypeFactory types = JSON.getTypeFactory();
        this.storedType = types.constructParametricType(Stored.class,
                types.constructParametricType(Entry.class, types.constructType(valueType)));
    }

    /**
     * What is kept of each of {@code days} (day files of the folder, by date): the cached value where the file still
     * has the stamp it had when it was read, else what {@code reader} reads (a few files at a time), which the cache
     * then keeps. A failure of the reader is thrown, and the cache file is left as it was. Days not in {@code days}
     * keep their entries.
     */
    public NavigableMap<LocalDate, T> values(NavigableMap<LocalDate, Path> days, DayReader<T> reader)
            throws IOException {
        NavigableMap<LocalDate, T> values = new TreeMap<>();
        if (days.isEmpty()) {
            return values;
        }
        Map<String, Entry<T>> cached = load();
        List<LocalDate> unread = new ArrayList<>();
        List<String> unreadStamps = new ArrayList<>();
        for (Map.Entry<LocalDate, Path> day : days.entrySet()) {
            String stamp = stamp(day.getValue());
            Entry<T> entry = cached.get(day.getKey().toString());
            if (entry != null && stamp != null && stamp.equals(entry.stamp())) {
                values.put(day.getKey(), entry.value());
            } else {
                unread.add(day.getKey());
                unreadStamps.add(stamp); // taken before the read: a file replaced meanwhile matches no entry later
            }
        }
        if (unread.isEmpty()) {
            return values;
        }
        AtomicReferenceArray<T> read = new AtomicReferenceArray<>(unread.size());
        ParallelFor.forEach(unread.size(), Runtime.getRuntime().availableProcessors(),
                i -> read.set(i, reader.read(days.get(unread.get(i)))));
        for (int i = 0; i < unread.size(); i++) {
            String date = unread.get(i).toString();
            if (read.get(i) == null || unreadStamps.get(i) == null) {
                cached.remove(date);
            } else {
                cached.put(date, new Entry<>(unreadStamps.get(i), read.get(i)));
            }
            if (read.get(i) != null) {
                values.put(unread.get(i), read.get(i));
            }
        }
        save(cached);
        return values;
    }

    /** The day file's {@link FileStamp#text}; null when it cannot be looked at (gone since it was listed). */
    private static String stamp(Path dayFile) {
        try {
            return FileStamp.of(dayFile).text();
        } catch (IOException e) {
            return null;
        }
    }

    private Map<String, Entry<T>> load() {
        if (!Files.isRegularFile(file)) {
            return new HashMap<>();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            Stored<Entry<T>> stored = JSON.readValue(bytes, 0, checkedLength(bytes), storedType);
            if (stored.format() == FORMAT && stored.version() == version && stored.days() != null) {
                return new HashMap<>(stored.days());
            }
            LOG.info("{} is of another format or version: its days are read again, and it is written anew", file);
        } catch (IOException | RuntimeException e) {
            LOG.info("{} cannot be read ({}): its days are read again, and it is written anew", file, e.toString());
        }
        return new HashMap<>();
    }

    /** The length of the JSON in a cache file's bytes, once the checksum line after it matches. */
    private static int checkedLength(byte[] bytes) throws IOException {
        int end = bytes.length - 1;
        int json = end - 1;
        while (json >= 0 && bytes[json] != '\n') {
            json--;
        }
        if (end < 0 || bytes[end] != '\n' || json < 0) {
            throw new IOException("no checksum line (cut short?)");
        }
        String recorded = new String(bytes, json + 1, end - json - 1, StandardCharsets.US_ASCII);
        if (!recorded.equals(Long.toString(crc(bytes, json)))) {
            throw new IOException("its CRC-32C is not " + recorded + ": damaged");
        }
        return json;
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private void save(Map<String, Entry<T>> entries) {
        try {
            byte[] json = JSON.writeValueAsBytes(new Stored<>(FORMAT, version, new TreeMap<>(entries)));
            byte[] line = ("\n" + crc(json, json.length) + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = Arrays.copyOf(json, json.length + line.length);
            System.arraycopy(line, 0, bytes, json.length, line.length);
            AtomicFiles.sweepAbandonedTemps(file.getParent()); // a killed run's temp of this file
            AtomicFiles.write(file, bytes);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write {}, so the day files it would keep are read again next time: {}", file,
                    e.getMessage());
        }
    }
}
