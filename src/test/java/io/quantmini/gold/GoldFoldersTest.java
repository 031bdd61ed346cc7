package io.quantmini.gold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.quantmini.gold.GoldTestLake.bar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How full builds replace gold/qlib (a link flip), and what is left beside it after runs and crashes. */
class GoldFoldersTest {

    private static final LocalDate D1 = LocalDate.of(2024, 1, 2);
    private static final LocalDate D2 = LocalDate.of(2024, 1, 3);
    private static final LocalDate D3 = LocalDate.of(2024, 1, 4);
    private static final LocalDate D4 = LocalDate.of(2024, 1, 5);

    @TempDir
    Path root;

    private GoldTestLake twoDays() throws IOException {
        GoldTestLake lake = new GoldTestLake(root);
        lake.day(D1, List.of(bar("AAA", 10), bar("BBB", 20)));
        lake.day(D2, List.of(bar("AAA", 11), bar("BBB", 21)));
        return lake;
    }

    private Path goldFolder(GoldTestLake lake) {
        return lake.lake.goldQlib().getParent();
    }

    /** Names in gold/ other than the link and the lock file. */
    private TreeSet<String> besideGold(GoldTestLake lake) throws IOException {
        try (Stream<Path> entries = Files.list(goldFolder(lake))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("qlib") && !name.equals(".qlib.lock"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String liveGenerationName(GoldTestLake lake) throws IOException {
        Path link = lake.lake.goldQlib();
        assertTrue(Files.isSymbolicLink(link), "gold/qlib is a link");
        return link.toRealPath().getFileName().toString();
    }

    /** A removal that removes nothing (a hung disk) is given up once it has stalled that long; the exit goes on. */
    @Test
    void theExitWaitGivesUpOnARemovalThatStalls() throws Exception {
        Path trash = Path.of("stalled-trash-" + System.nanoTime());
        Thread stalled = new Thread(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException stop) {
                // the test is over
            }
        });
        stalled.setDaemon(true);
        stalled.start();
        GoldFolders.track(trash, stalled);
        try {
            long t0 = System.nanoTime();
            GoldFolders.awaitCleanup(300);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(stalled.isAlive());
            assertTrue(seconds >= 0.3 && seconds < 5, "waited " + seconds + " s");
        } finally {
            stalled.interrupt();
            stalled.join();
            GoldFolders.awaitCleanup(); // the stalled thread is gone: returns at once
        }
    }

    /**
     * A full build keeps the generation it replaced, for a day, for the Qlib sessions that resolved gold/qlib to it
     * when they opened (qlib.init resolves links): one replaced generation at most, removed by the first run after its
     * day; no build, link or trash folder is left.
     */
    @Test
    void rebuildsLeaveTheLiveGenerationAndTheOneItReplacedForADay() throws IOException {
        GoldTestLake lake = twoDays();
        assertEquals("full", lake.stage(SplitFactors.NONE).run(false, false).mode());
        String first = liveGenerationName(lake);
        assertTrue(first.startsWith(".qlib-gen-"), first);
        String replaced = first;
        for (int i = 0; i < 3; i++) {
            replaced = liveGenerationName(lake);
            assertEquals("full", lake.stage(SplitFactors.NONE).run(true, false).mode());
        }
        QlibGoldStage.awaitCleanup();

        String live = liveGenerationName(lake);
        assertFalse(live.equals(first), "a rebuild is a new generation");
        assertEquals(new TreeSet<>(List.of(live, replaced)), besideGold(lake));
        // a session opened before the last build reads through the replaced generation's own path
        Path pinned = goldFolder(lake).resolve(replaced);
        assertArrayEquals(Files.readAllBytes(lake.lake.goldQlib().resolve("features/aaa/close.day.bin")),
                Files.readAllBytes(pinned.resolve("features/aaa/close.day.bin")));
        assertEquals(Map.of(D1, 10f, D2, 11f), lake.gold().series("AAA", "close"));
        try (Stream<Path> files = Files.walk(lake.lake.goldQlib().toRealPath())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp files");
        }

        // its day over, the next run (here one with nothing to do) removes it
        Path mark = pinned.resolve(GoldFolders.REPLACED_AT);
        java.time.Instant replacedAt = java.time.Instant.parse(Files.readString(mark));
        Files.writeString(mark, replacedAt.minus(GoldFolders.KEEP_REPLACED).toString());
        lake.stage(SplitFactors.NONE).run(false, false);
        QlibGoldStage.awaitCleanup();
        assertEquals(new TreeSet<>(List.of(live)), besideGold(lake));
    }

    @Test
    void leftoversOfCrashedRunsAreRemovedByTheNextRun() throws IOException {
        GoldTestLake lake = twoDays();
        lake.stage(SplitFactors.NONE).run(false, false);
        String live = liveGenerationName(lake);
        Path gold = goldFolder(lake);
        // What runs killed at each step leave: a half-written build, a generation made but never linked,
        // a link never renamed over qlib, a previous generation moved to trash but not deleted, and the
        // temp folders of the former two-rename swap.
        List<String> leftovers = List.of(".qlib-build-dead", ".qlib-gen-orphan", ".qlib-trash-dead",
                ".qlib-next-legacy", ".qlib-old-legacy");
        for (String name : leftovers) {
            Path bin = gold.resolve(name).resolve("features/aaa/close.day.bin");
            Files.createDirectories(bin.getParent());
            Files.write(bin, new byte[] {1, 2, 3, 4});
        }
        Files.createSymbolicLink(gold.resolve(".qlib-link-dead"), Path.of(".qlib-gen-orphan"));
        Files.writeString(gold.resolve("notes.txt"), "not ours");
        Path outside = Files.createDirectories(root.resolve("elsewhere/features"));

        lake.day(D3, List.of(bar("AAA", 12), bar("BBB", 22)));
        assertEquals("append", lake.stage(SplitFactors.NONE).run(false, false).mode());
        assertEquals(new TreeSet<>(List.of(live, "notes.txt")), besideGold(lake));
        assertEquals(live, liveGenerationName(lake));
        assertEquals(Map.of(D1, 10f, D2, 11f, D3, 12f), lake.gold().series("AAA", "close"));

        // A noop run sweeps too; a gold/qlib link to a folder that is not ours is replaced, never deleted.
        Files.createDirectories(gold.resolve(".qlib-trash-again"));
        assertEquals("noop", lake.stage(SplitFactors.NONE).run(false, false).mode());
        assertFalse(Files.exists(gold.resolve(".qlib-trash-again")));
        Files.delete(lake.lake.goldQlib());
        Files.createSymbolicLink(lake.lake.goldQlib(), outside.getParent());
        assertEquals("full", lake.stage(SplitFactors.NONE).run(false, false).mode());
        QlibGoldStage.awaitCleanup();
        assertTrue(Files.isDirectory(outside), "a link target outside gold/ is left alone");
        assertTrue(liveGenerationName(lake).startsWith(".qlib-gen-"));
    }

    @Test
    void plainDirectoryGoldFromBeforeLinksIsReplacedAndRemoved() throws Exception {
        GoldTestLake lake = twoDays();
        assertTrue(io.quantmini.LogCapture.messages(QlibGoldStage.class, () -> lake.stage(SplitFactors.NONE)
                .run(false, false)).stream().anyMatch(line -> line.endsWith("(the lake's first gold)")));
        Path link = lake.lake.goldQlib();
        Path generation = link.toRealPath();
        Files.delete(link);
        Files.move(generation, link); // gold/qlib as the former stage left it: a plain directory
        assertFalse(Files.isSymbolicLink(link));

        lake.day(D3, List.of(bar("AAA", 12), bar("BBB", 22)));
        assertEquals("append", lake.stage(SplitFactors.NONE).run(false, false).mode(), "plain directories append");
        List<String> said = io.quantmini.LogCapture.messages(QlibGoldStage.class, () -> assertEquals("full",
                lake.stage(SplitFactors.NONE).run(true, false).mode()));
        assertTrue(said.stream().anyMatch(line -> line.endsWith("(the gold it replaced, a plain folder an earlier"
                + " version wrote, is removed now)")), said::toString);
        QlibGoldStage.awaitCleanup();
        assertEquals(new TreeSet<>(List.of(liveGenerationName(lake))), besideGold(lake));
        assertEquals(Map.of(D1, 10f, D2, 11f, D3, 12f), lake.gold().series("AAA", "close"));
    }

    @Test
    void failedFullBuildKeepsTheOldGoldAndLeavesNoBuildFolder() throws IOException {
        GoldTestLake lake = twoDays();
        lake.stage(SplitFactors.NONE).run(false, false);
        String live = liveGenerationName(lake);
        byte[] calendar = Files.readAllBytes(lake.lake.goldQlib().resolve("calendars/day.txt"));
        Files.write(lake.lake.bronzeDayFile(GoldTestLake.DATASET, D2), new byte[] {'n', 'o', 'p', 'e'});

        assertThrows(Exception.class, () -> lake.stage(SplitFactors.NONE).run(true, false));
        assertEquals(live, liveGenerationName(lake));
        assertEquals(new TreeSet<>(List.of(live)), besideGold(lake));
        assertArrayEquals(calendar, Files.readAllBytes(lake.lake.goldQlib().resolve("calendars/day.txt")));
    }

    @Test
    void goldIsNeverAbsentWhileFullBuildsReplaceIt() throws Exception {
        GoldTestLake lake = twoDays();
        lake.day(D3, List.of(bar("AAA", 12), bar("BBB", 22)));
        lake.day(D4, List.of(bar("AAA", 13), bar("BBB", 23)));
        lake.stage(SplitFactors.NONE).run(false, false);
        Path calendar = lake.lake.goldQlib().resolve("calendars/day.txt");
        Path close = lake.lake.goldQlib().resolve("features/aaa/close.day.bin");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger stalledReads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get() && failure.get() == null) {
                long started = System.nanoTime();
                try {
                    assertEquals(4, Files.readAllLines(calendar).size());
                    assertEquals(20, Files.readAllBytes(close).length);
                    reads.incrementAndGet();
                } catch (Throwable t) {
                    // The promise holds for a reader that reads within the grace period of the flip; one stalled past
                    // it (a machine under heavy load) may find the old generation deleted, by design.
                    if (System.nanoTime() - started < GoldFolders.GRACE_MILLIS * 1_000_000L) {
                        failure.set(t);
                    } else {
                        stalledReads.incrementAndGet();
                    }
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 20; i++) {
                lake.stage(SplitFactors.NONE).run(true, false);
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        QlibGoldStage.awaitCleanup();
        assertNull(failure.get(), () -> "after " + reads.get() + " good reads: " + failure.get());
        assertTrue(reads.get() > stalledReads.get(), () -> reads.get() + " good reads, " + stalledReads.get()
                + " stalled past the grace period");
        assertEquals(2, besideGold(lake).size(), "the live generation and the one it replaced");
    }

    @Test
    void leftoverLinkPointingNowhereIsSweptAndGoldRebuilt() throws IOException {
        GoldTestLake lake = twoDays();
        lake.stage(SplitFactors.NONE).run(false, false);
        Path generation = lake.lake.goldQlib().toRealPath();
        io.quantmini.lake.FileTrees.delete(generation); // a dangling gold/qlib: the generation is gone
        assertFalse(Files.exists(lake.lake.goldQlib()));
        assertTrue(Files.exists(lake.lake.goldQlib(), LinkOption.NOFOLLOW_LINKS));

        assertEquals("full", lake.stage(SplitFactors.NONE).run(false, false).mode());
        QlibGoldStage.awaitCleanup();
        assertEquals(new TreeSet<>(List.of(liveGenerationName(lake))), besideGold(lake));
        assertEquals(new ArrayList<>(List.of(D1, D2)), lake.gold().calendar);
    }
}
