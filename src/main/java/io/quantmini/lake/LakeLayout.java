package io.quantmini.lake;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where each layer keeps its files under the data root. The one place that knows the lake's
 * folder names; every stage asks it instead of building paths itself.
 */
public final class LakeLayout {

    private final Path root;

    public LakeLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Held by the lake's daemon ({@code quantmini run}) for as long as it runs: one daemon per lake. */
    public Path daemonLock() {
        return root.resolve(".quantmini-run.lock");
    }

    /** The synthetic market a demo lake holds, by the demo's options ({@code quantmini demo}); no file elsewhere. */
    public Path demoMarket() {
        return root.resolve("_demo_market");
    }

    /** Held by a demo ({@code quantmini demo}) from its check of the lake's market to its end: one demo at a time. */
    public Path demoLock() {
        return root.resolve(".quantmini-demo.lock");
    }

    /** Held by a silver run of {@code dataset}: one at a time (the daemon's and an operator's). */
    public Path silverLock(String dataset) {
        return silverDataset(dataset).resolveSibling("." + dataset + ".lock");
    }

    /**
     * How a footer names a file of the lake: its path relative to the data root, with '/' separators (the same on
     * every machine and wherever the lake is moved); a file outside the root as given.
     */
    public String relativePath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(root) ? root.relativize(absolute) : absolute;
        return shown.toString().replace(java.io.File.separatorChar, '/');
    }

    public Path landingDay(String dataset, LocalDate date) {
        return landingDataset(dataset).resolve(date.toString());
    }

    public Path landingDataset(String dataset) {
        return root.resolve("landing").resolve(dataset);
    }

    public Path bronzeDataset(String dataset) {
        return root.resolve("bronze").resolve(dataset);
    }

    /** Market-wide daily data: one file per trading day, {@code bronze/<ds>/year=YYYY/month=MM/<date>.parquet}. */
    public Path bronzeDayFile(String dataset, LocalDate date) {
        return monthFolder(bronzeDataset(dataset), date).resolve(date + ".parquet");
    }

    public Path silverDataset(String dataset) {
        return root.resolve("silver").resolve(dataset);
    }

    /** Silver mirrors bronze: {@code silver/<ds>/year=YYYY/month=MM/<date>.parquet}. */
    public Path silverDayFile(String dataset, LocalDate date) {
        return monthFolder(silverDataset(dataset), date).resolve(date + ".parquet");
    }

    public Path rejectsDataset(String dataset) {
        return root.resolve("bronze").resolve("_rejects").resolve(dataset);
    }

    /** Rejected records of one day, as JSON lines: {@code bronze/_rejects/<ds>/year=YYYY/month=MM/<date>.jsonl}. */
    public Path rejectsDayFile(String dataset, LocalDate date) {
        return monthFolder(rejectsDataset(dataset), date).resolve(date + ".jsonl");
    }

    /** A reference file the user puts in the lake, {@code reference/<name>} (e.g. extra splits, {@code splits.csv}). */
    public Path referenceFile(String name) {
        return root.resolve("reference").resolve(name);
    }

    /** The Qlib provider directory, {@code gold/qlib}: what {@code qlib.init(provider_uri=...)} is given. */
    public Path goldQlib() {
        return root.resolve("gold").resolve("qlib");
    }

    public Path handoffFolder(String stage) {
        return handoffs().resolve(stage);
    }

    /** {@code _handoff}: the stages' handoff folders. */
    public Path handoffs() {
        return root.resolve("_handoff");
    }

    /**
     * {@code year=YYYY/month=MM}. Not built with {@code String.format}: a silver run asks for thousands of these,
     * enough for C2 to compile the Formatter (~0.6 s of compiler time on 2 cores) to save milliseconds.
     */
    public static Path monthFolder(Path datasetFolder, LocalDate date) {
        return datasetFolder.resolve("year=" + zeroPadded(date.getYear(), 4))
                .resolve("month=" + zeroPadded(date.getMonthValue(), 2));
    }

    private static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width || value < 0 ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
