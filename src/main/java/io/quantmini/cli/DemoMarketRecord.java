package io.quantmini.cli;

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
 */
final class DemoMarketRecord {

    private DemoMarketRecord() {
    }

    /**
     * Records {@code options} as the market of {@code lake}, or throws IllegalArgumentException (exit 2) if the lake
     * holds another market's days, or days the demo did not write.
     */
    static void claim(LakeLayout lake, String options, List<String> datasets) throws IOException {
        Path record = lake.demoMarket();
        if (Files.isRegularFile(record)) {
            String held = Files.readString(record, StandardCharsets.UTF_8).strip();
            if (!held.equals(options)) {
                throw new IllegalArgumentException(lake.root() + " holds the demo market of " + held + "; that of "
                        + options + " is another market (each option changes every day's bars), whose days would not"
                        + " join those: give another --data-root, or remove " + lake.root() + " first");
            }
            return;
        }
        for (String dataset : datasets) {
            for (Path folder : List.of(lake.landingDataset(dataset), lake.bronzeDataset(dataset))) {
                if (holdsAnything(folder)) {
                    throw new IllegalArgumentException(lake.root() + " holds a lake the demo did not build ("
                            + folder + " is not empty, and there is no " + record.getFileName() + ": another lake, or"
                            + " a demo lake an older QuantMini built): give another --data-root, or remove "
                            + lake.root() + " first");
                }
            }
        }
        AtomicFiles.write(record, (options + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean holdsAnything(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }
}
