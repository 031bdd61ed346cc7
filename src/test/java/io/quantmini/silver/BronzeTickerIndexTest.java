package io.quantmini.silver;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.FileStamp;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BronzeTickerIndexTest {

    private static final LocalDate DEC_29 = LocalDate.of(2023, 12, 29);
    private static final LocalDate JAN_2 = LocalDate.of(2024, 1, 2);
    private static final LocalDate JAN_3 = LocalDate.of(2024, 1, 3);
    private static final List<LocalDate> DATES = List.of(DEC_29, JAN_2, JAN_3);

    @TempDir
    Path silver;

    /** Three days' rows: sorted, a ticker new on Jan 2 in the middle, and a day out of order (another tool's file). */
    private static final List<List<String>> TICKERS = List.of(
            List.of("AAA", "BRK.A", "MSFT", "TEST/WS"),
            List.of("AAA", "ABC", "BRK.A", "MSFT", "Société"),
            List.of("MSFT", "AAA", "Société", "ABC"));

    private static DayBars[] days(SymbolIds symbols) {
        DayBars[] days = new DayBars[TICKERS.size()];
        for (int d = 0; d < days.length; d++) {
            int[] ids = TICKERS.get(d).stream().mapToInt(t -> symbols.idOf(Binary.fromString(t))).toArray();
            days[d] = new DayBars(ids, null, null, null, null, null, null, 1000L + d);
        }
        return days;
    }

    private static FileStamp[] stamps() {
        return new FileStamp[] {
            new FileStamp(100, 1_700_000_000_123_456_789L, 1_700_000_000_123_456_789L, "(dev=803,ino=12)"),
            new FileStamp(200, 1_700_000_001_000_000_000L, 1_700_000_005_000_000_000L, "(dev=803,ino=13)"),
            new FileStamp(300, 1_700_000_002_000_000_001L, 0, "")};
    }

    private static List<String> tickers(DayBars day, SymbolIds symbols) {
        return Arrays.stream(day.ids()).mapToObj(symbols::ticker).toList();
    }

    @Test
    void eachDaysTickersComeBackInRowOrderWhileItsFileKeepsItsStamp() throws IOException {
        SymbolIds written = new SymbolIds();
        written.idOf(Binary.fromString("GONE")); // an id of the run that no day has
        BronzeTickerIndex.read(silver, written).update(DATES, stamps(), days(written), written);

        SymbolIds symbols = new SymbolIds();
        symbols.idOf(Binary.fromString("ZZZ")); // the next run hands out other ids
        BronzeTickerIndex index = BronzeTickerIndex.read(silver, symbols);
        for (int d = 0; d < DATES.size(); d++) {
            DayBars day = index.day(DATES.get(d), stamps()[d]);
            assertNotNull(day, DATES.get(d).toString());
            assertEquals(TICKERS.get(d), tickers(day, symbols));
            assertEquals(1000L + d, day.fileChecksum());
        }
        FileStamp jan2 = stamps()[1];
        long modified = jan2.modifiedNanos();
        long changed = jan2.changedNanos();
        assertNull(index.day(JAN_2, new FileStamp(200, modified + 1, changed, jan2.key())), "touched");
        assertNull(index.day(JAN_2, new FileStamp(201, modified, changed, jan2.key())), "resized");
        assertNull(index.day(JAN_2, new FileStamp(200, modified, changed + 1, jan2.key())),
                "other bytes under its old time (cp -p, touch -d)");
        assertNull(index.day(JAN_2, new FileStamp(200, modified, changed, "(dev=803,ino=14)")), "another file");
        assertNull(index.day(LocalDate.of(2024, 1, 4), stamps()[2]), "never read");
        assertEquals(List.of("2023", "2024"), files());
    }

    @Test
    void onlyTheYearsWhereADayChangedAreWrittenAndAYearWithoutDaysGoes() throws IOException {
        SymbolIds symbols = new SymbolIds();
        DayBars[] days = days(symbols);
        BronzeTickerIndex.read(silver, symbols).update(DATES, stamps(), days, symbols);
        Object year2023 = fileKey("2023");
        byte[] bytes2024 = Files.readAllBytes(silver.resolve(BronzeTickerIndex.FOLDER).resolve("2024"));

        assertEquals(0, BronzeTickerIndex.read(silver, symbols).update(DATES, stamps(), days, symbols));
        assertEquals(year2023, fileKey("2023"));

        FileStamp[] refetched = stamps();
        refetched[2] = new FileStamp(300, refetched[2].modifiedNanos() + 1, 0, "");
        assertEquals(1, BronzeTickerIndex.read(silver, symbols).update(DATES, refetched, days, symbols));
        assertEquals(year2023, fileKey("2023"));
        assertTrue(!Arrays.equals(bytes2024, Files.readAllBytes(silver.resolve(BronzeTickerIndex.FOLDER)
                .resolve("2024"))));

        List<LocalDate> without2023 = DATES.subList(1, 3);
        assertEquals(1, BronzeTickerIndex.read(silver, symbols).update(without2023,
                Arrays.copyOfRange(refetched, 1, 3), Arrays.copyOfRange(days, 1, 3), symbols));
        assertEquals(List.of("2024"), files());

        assertEquals(1, BronzeTickerIndex.read(silver, symbols).update(List.of(JAN_2), new FileStamp[] {
            refetched[1]}, new DayBars[] {days[1]}, symbols), "a day removed from bronze");
        BronzeTickerIndex index = BronzeTickerIndex.read(silver, symbols);
        assertNull(index.day(JAN_3, refetched[2]));
        assertNotNull(index.day(JAN_2, refetched[1]));
    }

    @Test
    void anUnreadableYearIsAskedOfBronzeAgainAndWrittenAgain() throws IOException {
        SymbolIds symbols = new SymbolIds();
        DayBars[] days = days(symbols);
        BronzeTickerIndex.read(silver, symbols).update(DATES, stamps(), days, symbols);
        Path year2024 = silver.resolve(BronzeTickerIndex.FOLDER).resolve("2024");
        byte[] whole = Files.readAllBytes(year2024);
        Files.write(year2024, Arrays.copyOf(whole, whole.length / 2)); // cut short
        Path killedRunsTemp = year2024.resolveSibling(".2024" + AtomicFiles.TEMP_MARKER + "2147483646-x");
        Files.writeString(killedRunsTemp, "no process has this id");

        BronzeTickerIndex cut = BronzeTickerIndex.read(silver, symbols);
        assertNull(cut.day(JAN_2, stamps()[1]));
        assertNotNull(cut.day(DEC_29, stamps()[0]), "another year's file is read as before");
        assertEquals(1, cut.update(DATES, stamps(), days, symbols));
        assertArrayEquals(whole, Files.readAllBytes(year2024));
        assertEquals(List.of("2023", "2024"), files());
    }

    /** A damaged file that claims two billion tickers is unreadable, not an OutOfMemoryError. */
    @Test
    void aDamagedCountAllocatesNothing() throws IOException {
        Path folder = Files.createDirectories(silver.resolve(BronzeTickerIndex.FOLDER));
        ByteBuffer header = ByteBuffer.allocate(8).putInt(0x514d5431).putInt(Integer.MAX_VALUE - 8);
        Files.write(folder.resolve("2024"), com.github.luben.zstd.Zstd.compress(header.array()));

        BronzeTickerIndex index = BronzeTickerIndex.read(silver, new SymbolIds());
        assertNull(index.day(JAN_2, stamps()[1]));
    }

    /** A year file damaged anywhere (any one bit) is unreadable: never other tickers for a day whose stamp it holds. */
    @Test
    void noFlippedBitIsTakenForADaysTickers() throws IOException {
        SymbolIds written = new SymbolIds();
        BronzeTickerIndex.read(silver, written).update(DATES, stamps(), days(written), written);
        Path year2024 = silver.resolve(BronzeTickerIndex.FOLDER).resolve("2024");
        byte[] whole = Files.readAllBytes(year2024);
        int readable = 0;
        for (int bit = 0; bit < 8 * whole.length; bit++) {
            byte[] damaged = whole.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(year2024, damaged);
            SymbolIds symbols = new SymbolIds();
            BronzeTickerIndex index = BronzeTickerIndex.read(silver, symbols);
            for (int d = 1; d < DATES.size(); d++) {
                DayBars day = index.day(DATES.get(d), stamps()[d]);
                if (day != null) {
                    readable++;
                    assertEquals(TICKERS.get(d), tickers(day, symbols), "bit " + bit + " flipped, " + DATES.get(d));
                    assertEquals(1000L + d, day.fileChecksum(), "bit " + bit + " flipped, " + DATES.get(d));
                }
            }
        }
        // a few flips in zstd's frame header (window size, a flag) leave the content as it was: read, and exact
        assertTrue(readable < 2 * 64, readable + " flips still read");
    }

    private List<String> files() throws IOException {
        try (var all = Files.list(silver.resolve(BronzeTickerIndex.FOLDER))) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Object fileKey(String year) throws IOException {
        return Files.readAttributes(silver.resolve(BronzeTickerIndex.FOLDER).resolve(year), BasicFileAttributes.class)
                .fileKey();
    }
}
