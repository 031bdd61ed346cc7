package io.quantmini.cli;

import io.quantmini.config.ConfigException;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The synthetic market a demo lake holds, named by the options that make it ({@link LakeLayout#demoMarket}). Every
 * option changes every day's bars (a later {@code --end} moves the market's IPOs, delistings and split), so a demo
 * run into a lake of another market, which would ingest only the days that lake lacks, would join two markets at a
 * seam. It is refused instead, as is a lake the demo did not build (another lake's bronze would get a fake market).
 * A demo that stopped before it fetched a day holds no market yet: another may take its place.
 */
final class DemoMarketRecord {

    private DemoMarketRecord() {
    }

    /**
     * Throws IllegalArgumentException (exit 2) if the lake holds another market's days, or days the demo did not write;
     * writes nothing, so that a lake that is not the demo's is left as it was.
     *
     * @return whether the lake's market is already {@code options}'
     */
    static boolean check(LakeLayout lake, String options, List<String> datasets) throws IOException {
        String held = heldMarket(lake);
        Path data = firstHoldingData(lake, datasets);
        if (held != null) {
            if (held.equals(options)) {
                return true;
            }
            if (data != null) {
                throw new IllegalArgumentException(lake.root() + " holds the demo market of " + held + "; that of "
                        + options + " is another market (each option changes every day's bars), whose days would not"
                        + " join those: give another --data-root, or remove " + lake.root() + " first");
            }
        } else if (data != null) {
            throw new IllegalArgumentException(lake.root() + " holds a lake the demo did not build (" + data
                    + " is not empty, and there is no " + lake.demoMarket().getFileName() + ": another lake, or a"
                    + " demo lake an older QuantMini built): give another --data-root, or remove " + lake.root()
                    + " first");
        }
        return false;
    }

    /**
     * As {@link #check}, then records {@code options} as the market of a new lake, or of one whose demo stopped before
     * it fetched a day. The caller holds the lake's demo lock ({@link LakeLayout#demoLock}).
     */
    static void claim(LakeLayout lake, String options, List<String> datasets) throws IOException {
        if (!check(lake, options, datasets)) {
            AtomicFiles.write(lake.demoMarket(), (options + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Throws ConfigException (exit 2) if the lake is a demo lake: {@code command} would fetch Polygon's days (or
     * another server's) into a synthetic market's lake, joining two markets, and the next demo would extend the mix.
     */
    static void refuseDemoLake(LakeLayout lake, String command) throws IOException {
        String held = heldMarket(lake);
        if (held != null) {
            throw new ConfigException(lake.root() + " is a demo lake (its " + lake.demoMarket().getFileName()
                    + " holds the synthetic market of " + held + "): " + command + " would add another market's days"
                    + " to it; give another data root (DATA_ROOT, quantmini.data-root or --data-root), or remove "
                    + lake.root() + " first");
        }
    }

    /** The options of the market the lake's record names, or null for a lake without one. */
    private static String heldMarket(LakeLayout lake) throws IOException {
        Path record = lake.demoMarket();
        return Files.isRegularFile(record) ? Files.readString(record, StandardCharsets.UTF_8).strip() : null;
    }

    /** The first of the datasets' landing and bronze folders that holds anything, or null. */
    private static Path firstHoldingData(LakeLayout lake, List<String> datasets) throws IOException {
        for (String dataset : datasets) {
            for (Path folder : List.of(lake.landingDataset(dataset), lake.bronzeDataset(dataset))) {
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> entries = Files.list(folder)) {
                        if (entries.findAny().isPresent()) {
                            return folder;
                        }
                    }
                }
            }
        }
        return null;
    }
}
