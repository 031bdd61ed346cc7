package io.quantmini.silver;

import io.quantmini.bronze.SmallPageBronze;
import io.quantmini.lake.ParquetColumns;
import io.quantmini.lake.PlainPages;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader decodes the lake's own pages itself ({@link PlainPages}) and leaves every other chunk to parquet's
 * column reader: both give the same bars, whichever way a file was written.
 */
class BronzeBarsReaderTest {

    private static final Schema BARS = SchemaBuilder.record("bar").fields()
            .requiredString("ticker")
            .requiredDouble("open").requiredDouble("high").requiredDouble("low").requiredDouble("close")
            .requiredDouble("volume").optionalDouble("vwap")
            .endRecord();

    @TempDir
    Path dir;

    @Test
    void plainPagesAndParquetsColumnReaderReadTheSameBars() throws IOException {
        List<BronzeLake.Bar> bars = bars(3_000);
        BronzeLake lake = new BronzeLake(dir.resolve("lake"));
        LocalDate day = LocalDate.of(2024, 3, 15);
        lake.writeDay(day, bars);
        Path lakeFile = lake.lake.bronzeDayFile(BronzeLake.DATASET, day);
        Path smallPages = dir.resolve("small-pages.parquet");  // the lake's pages, of 100 rows: 30 a column
        SmallPageBronze.write(smallPages, day, BronzeLake.groupedDaily(day, bars), 100);
        Path avroPlain = write("avro-plain.parquet", bars, false);    // other writer, PLAIN pages of 256 rows
        Path dictionary = write("dictionary.parquet", bars, true);    // dictionary pages: parquet's reader

        List<Boolean> all = List.of(true, true, true, true, true, true, true);
        assertEquals(all, decodable(lakeFile));
        assertEquals(all, decodable(smallPages));
        // parquet-avro's v1 pages declare BIT_PACKED levels: fine where there are none, not for vwap's
        assertEquals(List.of(true, true, true, true, true, true, false), decodable(avroPlain));
        // repeating prices keep parquet-avro's dictionaries; unique tickers fall back to PLAIN pages at once
        assertEquals(List.of(true, false, false, false, false, false, false), decodable(dictionary));

        SymbolIds symbols = new SymbolIds();
        BronzeBarsReader reader = new BronzeBarsReader(symbols);
        DayBars expected = reader.read(dictionary);
        for (Path file : List.of(lakeFile, smallPages, avroPlain)) {
            DayBars actual = reader.read(file);
            assertArrayEquals(expected.ids(), actual.ids(), file.toString());
            assertArrayEquals(expected.open(), actual.open(), file.toString());
            assertArrayEquals(expected.high(), actual.high(), file.toString());
            assertArrayEquals(expected.low(), actual.low(), file.toString());
            assertArrayEquals(expected.close(), actual.close(), file.toString());
            assertArrayEquals(expected.volume(), actual.volume(), file.toString());
            assertArrayEquals(expected.vwap(), actual.vwap(), file.toString());
        }
        // and the values are the bars written: tickers in file order, float32 prices, NaN where vwap is null
        for (int r = 0; r < bars.size(); r++) {
            BronzeLake.Bar bar = bars.get(r);
            assertEquals(bar.ticker(), symbols.ticker(expected.ids()[r]));
            assertEquals((float) bar.close(), expected.close()[r]);
            assertEquals(bar.vwap() == null ? Float.NaN : (float) (double) bar.vwap(), expected.vwap()[r]);
        }
        assertTrue(bars.stream().anyMatch(bar -> bar.vwap() == null));
        assertEquals(BytesInputFile.read(smallPages).checksum(), reader.read(smallPages).fileChecksum());
    }

    /**
     * Ids first, fields later (as the stage reads a block's window): the same bars as one read, the ids kept; and a
     * file rewritten in between, even with the same tickers, is refused with the file named.
     */
    @Test
    void fieldsReadAfterTheIdsAreTheOneReadsAndRequireTheSameFile() throws IOException {
        BronzeLake lake = new BronzeLake(dir.resolve("lake"));
        LocalDate day = LocalDate.of(2024, 3, 15);
        List<BronzeLake.Bar> bars = bars(2_500);
        lake.writeDay(day, bars);
        Path file = lake.lake.bronzeDayFile(BronzeLake.DATASET, day);
        BronzeBarsReader reader = new BronzeBarsReader(new SymbolIds());
        DayBars whole = reader.read(file);
        DayBars tickers = reader.readTickers(file);
        assertEquals(false, tickers.hasPrices());

        DayBars later = reader.readPrices(file, tickers);
        assertTrue(later.ids() == tickers.ids(), "the ids read first are kept");
        assertArrayEquals(whole.ids(), later.ids());
        for (int f = 0; f < 6; f++) {
            assertArrayEquals(fields(whole)[f], fields(later)[f], "field " + f);
        }
        assertEquals(whole.fileChecksum(), later.fileChecksum());

        List<BronzeLake.Bar> corrected = new ArrayList<>(bars);
        BronzeLake.Bar first = bars.get(0);
        corrected.set(0, new BronzeLake.Bar(first.ticker(), first.open(), first.high(), first.low(),
                first.close() + 0.01, first.volume(), first.vwap()));
        lake.writeDay(day, corrected);
        IOException e = assertThrows(IOException.class, () -> reader.readPrices(file, tickers));
        assertEquals("cannot read bronze day " + file + ": it changed while silver was reading it (re-run silver)",
                e.getMessage());
    }

    private static float[][] fields(DayBars bars) {
        return new float[][] {bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(), bars.vwap()};
    }

    /** A damaged bronze day (garbled pages, cut short, garbled footer) fails with an IOException naming the file. */
    @Test
    void aDamagedBronzeDayIsAnErrorThatNamesTheFile() throws IOException {
        BronzeLake lake = new BronzeLake(dir.resolve("lake"));
        LocalDate day = LocalDate.of(2024, 3, 15);
        lake.writeDay(day, bars(2_000));
        byte[] good = Files.readAllBytes(lake.lake.bronzeDayFile(BronzeLake.DATASET, day));
        for (byte[] damaged : damagedCopies(good)) {
            Path file = Files.write(dir.resolve("damaged.parquet"), damaged);
            IOException e = assertThrows(IOException.class, () -> new BronzeBarsReader(new SymbolIds()).read(file));
            assertTrue(e.getMessage().startsWith("cannot read bronze day " + file + ": ")
                    || e.getMessage().startsWith(file + " is not a whole Parquet file"), e.getMessage());
        }
        // cut short: said so, with the way to write the day again
        Path cut = lake.lake.bronzeDayFile(BronzeLake.DATASET, day);
        Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
        IOException e = assertThrows(IOException.class, () -> new BronzeBarsReader(new SymbolIds()).read(cut));
        assertEquals(cut + " is not a whole Parquet file (" + good.length / 2 + " bytes): it was cut short. Fetch the"
                + " day again: quantmini data ingest -t " + BronzeLake.DATASET + " -s 2024-03-15 -e 2024-03-15"
                + " (--incremental fetches it again too)", e.getMessage());
    }

    /** The file with its first pages garbled, cut in half, and with its footer zeroed. */
    static List<byte[]> damagedCopies(byte[] good) {
        byte[] garbled = good.clone();
        for (int i = 100; i < 2_000; i++) {
            garbled[i] ^= 0x5a;
        }
        byte[] footerless = good.clone();
        java.util.Arrays.fill(footerless, footerless.length - 600, footerless.length - 8, (byte) 0);
        return List.of(garbled, java.util.Arrays.copyOf(good, good.length / 2), footerless);
    }

    /**
     * Bars in ticker order (as bronze sorts them), some tickers non-ASCII, one in nine without a vwap; prices and
     * volumes from a few dozen values each, so that a dictionary pays for them.
     */
    private static List<BronzeLake.Bar> bars(int n) {
        SplittableRandom random = new SplittableRandom(11);
        List<BronzeLake.Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double close = 1 + random.nextInt(40) / 8.0;
            String ticker = String.format("T%05d%s", i, i % 97 == 0 ? "É" : "");
            bars.add(new BronzeLake.Bar(ticker, close, close + 1, close - 0.5, close, 100 * random.nextInt(30),
                    i % 9 == 0 ? null : close + 0.25));
        }
        return bars;
    }

    private Path write(String name, List<BronzeLake.Bar> bars, boolean dictionary) throws IOException {
        Path file = dir.resolve(name);
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(BARS).withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(dictionary)
                .withPageRowCountLimit(dictionary ? 20_000 : 256)
                .build()) {
            for (BronzeLake.Bar bar : bars) {
                GenericRecord record = new GenericData.Record(BARS);
                record.put("ticker", bar.ticker());
                record.put("open", bar.open());
                record.put("high", bar.high());
                record.put("low", bar.low());
                record.put("close", bar.close());
                record.put("volume", bar.volume());
                record.put("vwap", bar.vwap());
                writer.write(record);
            }
        }
        return file;
    }

    /** Per column read (ticker, then the six fields), whether {@link PlainPages} decodes it. */
    private static List<Boolean> decodable(Path file) throws IOException {
        BytesInputFile bytes = BytesInputFile.read(file);
        try (ParquetColumns in = ParquetColumns.open(bytes, bytes.newStream())) {
            MessageType schema = in.schema();
            List<Boolean> decodable = new ArrayList<>();
            for (String name : List.of("ticker", "open", "high", "low", "close", "volume", "vwap")) {
                for (BlockMetaData block : in.rowGroups()) {
                    for (ColumnChunkMetaData chunk : block.getColumns()) {
                        if (chunk.getPath().toDotString().equals(name)) {
                            decodable.add(PlainPages.decodable(chunk,
                                    schema.getColumnDescription(new String[] {name})));
                        }
                    }
                }
            }
            return decodable;
        }
    }
}
