package io.quantmini.silver;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.FileStamp;
import org.apache.parquet.io.api.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The ticker of each row of each bronze day, as silver last read it: {@code silver/<dataset>/_bronze_tickers/<year>},
 * one file per year, kept so that a run needs to decode only the bronze days written since. Every run needs every
 * day's tickers (where each symbol's history starts), and decoding thousands of day files made a one-day run grow
 * with the length of the history: ~1 ms a file for a one-shot command, whose Parquet decoding is not compiled yet
 * (3.1 of a 3.6 s run on 25 years of 2,000 tickers).
 *
 * <p>A day's entry holds only while its bronze file has the stamp it had when it was read ({@link FileStamp}: size,
 * modification and change times, inode): a day fetched again, restored from a backup or removed no longer matches and
 * is read from bronze again. The entry also keeps the checksum of the file's bytes: a day whose
 * prices a run reads must still have those bytes ({@link BronzeBarsReader#readPrices}).
 *
 * <p>A cache and nothing more: an index file that is missing, cut short or from another format is read from bronze
 * again and rewritten, and an index that cannot be written only costs the next run that read.
 *
 * <p>Within a file (zstd-compressed): a format tag, the year's tickers (UTF-8 bytes, in order of first appearance),
 * then per day its date, stamp, checksum and its rows' tickers as runs of consecutive positions in that list (a day
 * lists nearly the tickers of the day before, in the same sorted order: a handful of runs), and last a CRC-32C of
 * all that: a damaged file that still decodes would attach prices to the wrong symbols.
 */
final class BronzeTickerIndex {

    static final String FOLDER = "_bronze_tickers";
    private static final int FORMAT = 0x514d5433; // "QMT3"
    private static final int MAX_TICKERS = 1 << 24;
    private static final int MAX_TICKER_BYTES = 1 << 12;
    private static final Logger LOG = LoggerFactory.getLogger(BronzeTickerIndex.class);

    /** One day as indexed: the bronze file's stamp, the checksum of its bytes and its rows' ticker ids. */
    private record Entry(FileStamp stamp, long checksum, int[] ids) {
    }

    private final Path folder;
    /** The entries read, by date; each year's as its file held them. */
    private final SortedMap<LocalDate, Entry> entries;
    /** The years whose file was there but unreadable: rewritten even when nothing else changed. */
    private final List<Integer> unreadable;

    private BronzeTickerIndex(Path folder, SortedMap<LocalDate, Entry> entries, List<Integer> unreadable) {
        this.folder = folder;
        this.entries = entries;
        this.unreadable = unreadable;
    }

    /**
     * An index that knows no day, so that every day is read from bronze and every year file written again: what a
     * {@code --full} run uses, so that a rebuild never depends on what the index held.
     */
    static BronzeTickerIndex empty(Path silverDataset) {
        return new BronzeTickerIndex(silverDataset.resolve(FOLDER), new TreeMap<>(), List.of());
    }

    /** Reads every year's file in {@code silverDataset}, giving its tickers ids of {@code symbols}. */
    static BronzeTickerIndex read(Path silverDataset, SymbolIds symbols) throws IOException {
        Path folder = silverDataset.resolve(FOLDER);
        SortedMap<LocalDate, Entry> entries = new TreeMap<>();
        List<Integer> unreadable = new ArrayList<>();
        for (Map.Entry<Integer, Path> year : yearFiles(folder).entrySet()) {
            // the decoder closed too: its native context is not left to the garbage collector
            try (InputStream raw = Files.newInputStream(year.getValue()); InputStream in = new ZstdInputStream(raw)) {
                entries.putAll(readYear(in, year.getKey(), symbols));
            } catch (IOException | RuntimeException e) {
                LOG.info("silver: the ticker index {} cannot be read ({}): its days are read from bronze and it is"
                        + " written again", year.getValue(), e.toString());
                unreadable.add(year.getKey());
            }
        }
        return new BronzeTickerIndex(folder, entries, unreadable);
    }

    /**
     * The tickers of the bronze day {@code date} (ids only, with the checksum of the bytes they came from), if its
     * file still has the stamp it had when they were read; else null.
     */
    DayBars day(LocalDate date, FileStamp stamp) {
        Entry entry = entries.get(date);
        if (entry == null || !entry.stamp().equals(stamp)) {
            return null;
        }
        return new DayBars(entry.ids(), null, null, null, null, null, null, entry.checksum());
    }

    /**
     * Brings the files up to date with bronze as this run read it: day {@code i} is {@code dates.get(i)}, its file's
     * stamp {@code stamps[i]}, its tickers {@code days[i]}. Rewrites the years where a day was added, changed or
     * removed; removes the files of years without a bronze day, and a killed run's temp files. Returns how many
     * year files it wrote or removed.
     */
    int update(List<LocalDate> dates, FileStamp[] stamps, DayBars[] days, SymbolIds symbols) throws IOException {
        AtomicFiles.sweepAbandonedTemps(folder);
        SortedMap<Integer, List<Integer>> byYear = new TreeMap<>();
        for (int i = 0; i < dates.size(); i++) {
            byYear.computeIfAbsent(dates.get(i).getYear(), year -> new ArrayList<>()).add(i);
        }
        int touched = 0;
        for (Map.Entry<Integer, List<Integer>> year : byYear.entrySet()) {
            if (!unchanged(year.getKey(), year.getValue(), dates, stamps, days)) {
                AtomicFiles.write(yearFile(year.getKey()), yearBytes(year.getValue(), dates, stamps, days, symbols));
                touched++;
            }
        }
        for (Map.Entry<Integer, Path> file : yearFiles(folder).entrySet()) {
            if (!byYear.containsKey(file.getKey())) {
                Files.deleteIfExists(file.getValue());
                touched++;
            }
        }
        return touched;
    }

    /** Removes the index of {@code silverDataset}: the next run reads every day's tickers from bronze. */
    static void forget(Path silverDataset) throws IOException {
        for (Path file : yearFiles(silverDataset.resolve(FOLDER)).values()) {
            Files.deleteIfExists(file);
        }
    }

    /** Whether the year's file holds exactly these days, stamps and checksums (and so their tickers). */
    private boolean unchanged(int year, List<Integer> indices, List<LocalDate> dates, FileStamp[] stamps,
                              DayBars[] days) {
        if (unreadable.contains(year)) {
            return false;
        }
        SortedMap<LocalDate, Entry> held = entries.subMap(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
        if (held.size() != indices.size()) {
            return false;
        }
        for (int i : indices) {
            Entry entry = held.get(dates.get(i));
            if (entry == null || !entry.stamp().equals(stamps[i]) || entry.checksum() != days[i].fileChecksum()) {
                return false;
            }
        }
        return true;
    }

    private Path yearFile(int year) {
        return folder.resolve(Integer.toString(year));
    }

    /** The year files in {@code folder}, by year; temp files and anything else are not. */
    private static SortedMap<Integer, Path> yearFiles(Path folder) throws IOException {
        SortedMap<Integer, Path> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
            for (Path file : all) {
                String name = file.getFileName().toString();
                if (name.matches("[0-9]{4}")) {
                    files.put(Integer.parseInt(name), file);
                }
            }
        }
        return files;
    }

    private static byte[] yearBytes(List<Integer> indices, List<LocalDate> dates, FileStamp[] stamps, DayBars[] days,
                                    SymbolIds symbols) throws IOException {
        int[] positionOf = new int[symbols.size()]; // by symbol id: its position in the year's ticker list, or -1
        Arrays.fill(positionOf, -1);
        List<Integer> tickers = new ArrayList<>();
        for (int i : indices) {
            for (int id : days[i].ids()) {
                if (positionOf[id] < 0) {
                    positionOf[id] = tickers.size();
                    tickers.add(id);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckedOutputStream content = new CheckedOutputStream(new ZstdOutputStream(bytes), new CRC32C());
        try (DataOutputStream out = new DataOutputStream(content)) {
            out.writeInt(FORMAT);
            out.writeInt(tickers.size());
            for (int id : tickers) {
                byte[] utf8 = symbols.bytesOf(id).getBytes();
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            out.writeInt(indices.size());
            for (int i : indices) {
                out.writeLong(dates.get(i).toEpochDay());
                out.writeLong(stamps[i].size());
                out.writeLong(stamps[i].modifiedNanos());
                out.writeLong(stamps[i].changedNanos());
                out.writeUTF(stamps[i].key());
                out.writeLong(days[i].fileChecksum());
                writeRuns(out, days[i].ids(), positionOf);
            }
            out.flush();
            out.writeLong(content.getChecksum().getValue());
        }
        return bytes.toByteArray();
    }

    /** The rows' positions as runs of consecutive positions: the run count, then (first position, length) each. */
    private static void writeRuns(DataOutputStream out, int[] ids, int[] positionOf) throws IOException {
        List<int[]> runs = new ArrayList<>();
        for (int row = 0; row < ids.length; ) {
            int first = positionOf[ids[row]];
            int length = 1;
            while (row + length < ids.length && positionOf[ids[row + length]] == first + length) {
                length++;
            }
            runs.add(new int[] {first, length});
            row += length;
        }
        out.writeInt(runs.size());
        for (int[] run : runs) {
            out.writeInt(run[0]);
            out.writeInt(run[1]);
        }
    }

    private static Map<LocalDate, Entry> readYear(InputStream decompressed, int year, SymbolIds symbols)
            throws IOException {
        CheckedInputStream content = new CheckedInputStream(new BufferedInputStream(decompressed, 1 << 16),
                new CRC32C());
        DataInputStream in = new DataInputStream(content);
        if (in.readInt() != FORMAT) {
            throw new IOException("not a ticker index of this format");
        }
        int[] idAt = new int[count(in, MAX_TICKERS)];
        for (int p = 0; p < idAt.length; p++) {
            byte[] utf8 = new byte[count(in, MAX_TICKER_BYTES)];
            in.readFully(utf8);
            idAt[p] = symbols.idOf(Binary.fromConstantByteArray(utf8));
        }
        Map<LocalDate, Entry> days = new HashMap<>();
        for (int d = count(in, 366); d > 0; d--) {
            LocalDate date = LocalDate.ofEpochDay(in.readLong());
            if (date.getYear() != year) {
                throw new IOException("it holds " + date + ", a day of another year");
            }
            FileStamp stamp = new FileStamp(in.readLong(), in.readLong(), in.readLong(), in.readUTF());
            long checksum = in.readLong();
            int[][] runs = new int[count(in, MAX_TICKERS)][];
            long rows = 0;
            for (int r = 0; r < runs.length; r++) {
                runs[r] = new int[] {in.readInt(), count(in, MAX_TICKERS)};
                rows += runs[r][1];
            }
            if (rows > MAX_TICKERS) {
                throw new IOException(date + " has " + rows + " rows");
            }
            int[] ids = new int[(int) rows];
            int row = 0;
            for (int[] run : runs) {
                for (int p = run[0]; p < run[0] + run[1]; p++) {
                    ids[row++] = idAt[p]; // a position outside the list throws: the file is unreadable
                }
            }
            days.put(date, new Entry(stamp, checksum, ids));
        }
        long crc = content.getChecksum().getValue();
        if (in.readLong() != crc) {
            throw new IOException("its content does not match its CRC-32C: it was damaged");
        }
        if (in.read() != -1) {
            throw new IOException("it goes on after its last day");
        }
        return days;
    }

    /** A count or length, at most {@code max} in a file this class wrote (a damaged one allocates no more). */
    private static int count(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("a count of " + n + " where at most " + max + " can be");
        }
        return n;
    }
}
