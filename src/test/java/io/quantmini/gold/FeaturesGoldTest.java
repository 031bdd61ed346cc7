package io.quantmini.gold;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.quantmini.gold.GoldTestLake.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturesGoldTest {

    private static final LocalDate D1 = LocalDate.of(2024, 1, 2);
    private static final LocalDate D2 = LocalDate.of(2024, 1, 3);
    private static final LocalDate D3 = LocalDate.of(2024, 1, 4);
    private static final Schema SILVER = SchemaBuilder.record("stocks_daily").fields()
            .requiredString("ticker").requiredFloat("KMID").optionalFloat("ROC5").endRecord();

    @TempDir
    Path root;

    @Test
    void featuresAreWrittenAlignedLikeClose() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("AAA", 10), bar("BBB", 20)));
        lake.day(D2, List.of(bar("AAA", 11)));
        lake.day(D3, List.of(bar("AAA", 12), bar("BBB", 22)));
        silver(D1, Map.of("AAA", 0.1f, "BBB", 0.2f));
        silver(D2, Map.of("AAA", 0.11f));
        silver(D3, Map.of("AAA", 0.12f, "BBB", 0.22f));

        GoldResult result = lake.stage(SplitFactors.NONE).run(false, true);
        assertEquals("full", result.mode());
        QlibReader gold = lake.gold();
        for (String code : List.of("AAA", "BBB")) {
            assertEquals(gold.startIndex(code, "close"), gold.startIndex(code, "kmid"));
            assertEquals(Files.size(gold.file(code, "close")), Files.size(gold.file(code, "kmid")));
            assertEquals(Files.size(gold.file(code, "close")), Files.size(gold.file(code, "roc60")),
                    "a column silver lacks is all NaN, same span");
        }
        assertEquals(Map.of(D1, 0.1f, D2, 0.11f, D3, 0.12f), gold.series("AAA", "kmid"));
        TreeMap<LocalDate, Float> bbb = gold.series("BBB", "kmid");
        assertEquals(0.2f, bbb.get(D1));
        assertTrue(Float.isNaN(bbb.get(D2)));
        assertEquals(0.22f, bbb.get(D3));
        assertEquals(Map.of(D1, 0.5f, D2, 0.5f, D3, 0.5f), gold.series("AAA", "roc5"));
        assertEquals(158 + 8, Files.list(gold.file("AAA", "close").getParent()).count());

        // A new day appends features like prices; a rebuilt silver day rewrites only that symbol's features.
        LocalDate d4 = LocalDate.of(2024, 1, 5);
        lake.day(d4, List.of(bar("AAA", 13), bar("BBB", 23)));
        silver(d4, Map.of("AAA", 0.13f, "BBB", 0.23f));
        assertEquals("append", lake.stage(SplitFactors.NONE).run(false, true).mode());
        assertEquals(0.23f, lake.gold().series("BBB", "kmid").get(d4));
        silver(D2, Map.of("AAA", 0.5f));
        GoldResult rewrite = lake.stage(SplitFactors.NONE).run(false, true);
        assertEquals("rewrite", rewrite.mode());
        assertEquals(1, rewrite.symbolsWritten());
        assertEquals(0.5f, lake.gold().series("AAA", "kmid").get(D2));
        assertFalse(Float.isNaN(lake.gold().series("BBB", "kmid").get(D3)));

        // Asked without features now: an in-place run would leave the feature files stale; gold is rebuilt without
        LocalDate d5 = LocalDate.of(2024, 1, 8);
        lake.day(d5, List.of(bar("AAA", 14), bar("BBB", 24)));
        GoldResult withoutFeatures = lake.stage(SplitFactors.NONE).run(false, false);
        assertEquals("full", withoutFeatures.mode());
        assertEquals(8, Files.list(lake.gold().file("AAA", "close").getParent()).count());
        assertEquals("noop", lake.stage(SplitFactors.NONE).run(false, false).mode());
    }

    /**
     * A manifest a crash of the machine cut short cannot say whether gold has features: the full rebuild keeps the
     * feature files gold holds rather than dropping them in silence (Qlib would read every feature as NaN).
     */
    @Test
    void aManifestCutShortKeepsTheFeaturesGoldHas() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("AAA", 10), bar("BBB", 20)));
        lake.day(D2, List.of(bar("AAA", 11), bar("BBB", 21)));
        silver(D1, Map.of("AAA", 0.1f, "BBB", 0.2f));
        silver(D2, Map.of("AAA", 0.11f, "BBB", 0.21f));
        lake.stage(SplitFactors.NONE).run(false, true);
        TreeMap<String, byte[]> built = GoldTestLake.goldFiles(lake.lake.goldQlib());
        Path manifest = lake.lake.goldQlib().resolve("_manifest.json");
        String whole = Files.readString(manifest);

        for (String damaged : new String[] {whole.substring(0, whole.length() / 2), null}) {
            if (damaged == null) {
                Files.delete(manifest);
            } else {
                Files.writeString(manifest, damaged);
            }
            assertEquals("full", lake.stage(SplitFactors.NONE).run(false, null).mode());
            TreeMap<String, byte[]> rebuilt = GoldTestLake.goldFiles(lake.lake.goldQlib());
            assertEquals(built.keySet(), rebuilt.keySet());
            for (String file : built.keySet()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(built.get(file), rebuilt.get(file), file);
            }
            assertEquals("noop", lake.stage(SplitFactors.NONE).run(false, true).mode(), "with features, as before");
        }
    }

    @Test
    void featuresOfBronzeDaysSilverLacksOrPredatesAreRefusedNotWrittenAsNaN() throws IOException {
        GoldTestLake lake = twoDaysBuiltWithFeatures();
        TreeMap<String, byte[]> before = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals("noop", lake.stage(SplitFactors.NONE).run(false, null).mode(), "null: as gold has them");
        // a day file outside its year=/month= folder is no day of the dataset, for gold as for silver and ingest
        Path misplaced = root.resolve("bronze/stocks_daily/2024-01-08.parquet");
        Files.copy(lake.lake.bronzeDayFile("stocks_daily", D2), misplaced);
        assertEquals("noop", lake.stage(SplitFactors.NONE).run(false, true).mode());
        Files.delete(misplaced);

        lake.day(D3, List.of(bar("AAA", 12))); // no silver yet
        IllegalStateException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> lake.stage(SplitFactors.NONE).run(false, true));
        assertEquals("gold stocks_daily with features: silver is missing, out of step with bronze or cut short"
                + " for 1 day (" + D3 + "): run `quantmini transform features` first; gold was not changed",
                missing.getMessage());
        silver(D3, Map.of("AAA", 0.12f));
        // a silver file cut short, its time kept (cp -p of a partial copy): refused as well, not read into gold
        Path d3 = root.resolve("silver/stocks_daily/year=2024/month=01/" + D3 + ".parquet");
        byte[] whole = Files.readAllBytes(d3);
        java.nio.file.attribute.FileTime inStep = Files.getLastModifiedTime(d3);
        Files.write(d3, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.setLastModifiedTime(d3, inStep);
        IllegalStateException cut = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> lake.stage(SplitFactors.NONE).run(false, true));
        assertTrue(cut.getMessage().contains("cut short for 1 day (" + D3 + ")"), cut.getMessage());
        silver(D3, Map.of("AAA", 0.12f));
        Files.setLastModifiedTime(lake.lake.bronzeDayFile("stocks_daily", D1),
                // bronze fetched again
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        IllegalStateException stale = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> lake.stage(SplitFactors.NONE).run(false, true));
        assertTrue(stale.getMessage().contains("for 1 day (" + D1 + ")"), stale.getMessage());
        Files.setLastModifiedTime(lake.lake.bronzeDayFile("stocks_daily", D1),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        // a bronze day removed by hand: the silver days after it read it, so features wait for silver's repair
        Files.delete(lake.lake.bronzeDayFile("stocks_daily", D2));
        IllegalStateException orphan = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> lake.stage(SplitFactors.NONE).run(false, true));
        assertEquals("gold stocks_daily with features: silver has 1 day that bronze no longer has (" + D2 + "), so the"
                + " days after it are stale: run `quantmini transform features` first; gold was not changed",
                orphan.getMessage());
        assertGoldIs(before, lake);
    }

    /**
     * A silver file that passes the checks before a build (whole, in step with bronze) but cannot be read as features
     * fails the full build after its price files were written: the error names the file, the half-built folder is
     * removed, and the gold from before stays as it was.
     */
    @Test
    void aFullBuildThatFailsOnAFeatureFileLeavesNoHalfBuiltFolderAndTheOldGold() throws IOException {
        GoldTestLake lake = twoDaysBuiltWithFeatures();
        TreeMap<String, byte[]> before = GoldTestLake.goldFiles(lake.lake.goldQlib());
        Path d2 = root.resolve("silver/stocks_daily/year=2024/month=01/" + D2 + ".parquet");
        java.nio.file.attribute.FileTime inStep = Files.getLastModifiedTime(d2);
        Schema textual = SchemaBuilder.record("stocks_daily").fields()
                .requiredString("ticker").requiredString("KMID").endRecord();
        Files.delete(d2);
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(d2))
                .withSchema(textual).withConf(new PlainParquetConfiguration()).build()) {
            GenericRecord record = new GenericData.Record(textual);
            record.put("ticker", "AAA");
            record.put("KMID", "0.11");
            writer.write(record);
        }
        Files.setLastModifiedTime(d2, inStep);

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> lake.stage(SplitFactors.NONE).run(true, true));

        assertTrue(e.getMessage().contains(d2.toString()) && e.getMessage().contains("is not numeric"),
                e.getMessage());
        try (var beside = Files.list(lake.lake.goldQlib().getParent())) {
            assertEquals(List.of(), beside.map(path -> path.getFileName().toString())
                    .filter(name -> name.contains("build-")).toList(), "half-built folders left");
        }
        assertGoldIs(before, lake);
    }

    /** Features too: a full build in blocks of one day writes the bytes of a one-pass build. */
    @Test
    void aFullBuildInBlocksOfDaysWritesTheOnePassFeatures() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("AAA", 10), bar("BBB", 20)));
        lake.day(D2, List.of(bar("AAA", 11), bar("NEW", 5)));
        lake.day(D3, List.of(bar("AAA", 12), bar("BBB", 22)));
        silver(D1, Map.of("AAA", 0.1f, "BBB", 0.2f));
        silver(D2, Map.of("AAA", 0.11f, "NEW", 0.5f));
        silver(D3, Map.of("AAA", 0.12f, "BBB", 0.22f));

        lake.stage(SplitFactors.NONE).run(true, true);
        TreeMap<String, byte[]> onePass = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals("full", lake.stage(SplitFactors.NONE, 1).run(true, true).mode());
        TreeMap<String, byte[]> inBlocks = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals(onePass.keySet(), inBlocks.keySet());
        for (String file : onePass.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(onePass.get(file), inBlocks.get(file), file);
        }
        assertEquals(3 * (158 + 8) + 2, onePass.size(), "three symbols' bins, calendar and instruments");
        assertEquals(0.22f, lake.gold().series("BBB", "kmid").get(D3));
    }

    /** A silver day file: ticker, KMID, ROC5 (= 0.5 for every row), in step with its bronze day as silver writes it. */
    /** AAA on D1 and D2, with silver, and gold built with features. */
    private GoldTestLake twoDaysBuiltWithFeatures() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("AAA", 10)));
        lake.day(D2, List.of(bar("AAA", 11)));
        silver(D1, Map.of("AAA", 0.1f));
        silver(D2, Map.of("AAA", 0.11f));
        lake.stage(SplitFactors.NONE).run(false, true);
        return lake;
    }

    private static void assertGoldIs(TreeMap<String, byte[]> expected, GoldTestLake lake) throws IOException {
        TreeMap<String, byte[]> actual = GoldTestLake.goldFiles(lake.lake.goldQlib());
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected.get(file), actual.get(file), file);
        }
    }

    private void silver(LocalDate day, Map<String, Float> kmid) throws IOException {
        Path file = root.resolve("silver/stocks_daily").resolve(String.format("year=%04d/month=%02d/%s.parquet",
                day.getYear(), day.getMonthValue(), day));
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(temp))
                .withSchema(SILVER).withConf(new PlainParquetConfiguration()).build()) {
            for (Map.Entry<String, Float> row : new TreeMap<>(kmid).entrySet()) {
                GenericRecord record = new GenericData.Record(SILVER);
                record.put("ticker", row.getKey());
                record.put("KMID", row.getValue());
                record.put("ROC5", 0.5f);
                writer.write(record);
            }
        }
        Path bronze = root.resolve("bronze/stocks_daily").resolve(String.format("year=%04d/month=%02d/%s.parquet",
                day.getYear(), day.getMonthValue(), day));
        Files.setLastModifiedTime(temp, Files.getLastModifiedTime(bronze));
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
