package io.quantmini.gold;

import io.quantmini.calendar.NyseCalendar;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.FileTrees;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.RunLock;
import io.quantmini.text.Plural;
import io.quantmini.text.Seconds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps {@code gold/qlib} a Qlib provider directory of a daily-bars dataset: {@code calendars/day.txt},
 * {@code instruments/all.txt}, {@code features/<dir>/<field>.day.bin} for open, high, low, close, volume,
 * vwap, change, factor ({@link PriceFields}), and with features the 158 Alpha158 columns of silver.
 *
 * <h2>What a run does</h2>
 * The lake is compared with {@code gold/qlib/_manifest.json} ({@link GoldManifest}: the stamp of every
 * bronze/silver day file gold was built from, and the splits per code):
 * <ul>
 *   <li><b>full</b> (asked for; no or unusable manifest; features asked for but not built, or built but not asked
 *       for; or the calendar changes inside its range: a past day added or removed): everything is built in a fresh
 *       folder next to {@code gold/qlib}, which then replaces it; a history longer than {@link #FULL_BUILD_DAYS} is
 *       read and appended block by block.</li>
 *   <li><b>append</b> (only days after gold's last day): every listed symbol's files are extended in place.</li>
 *   <li><b>rewrite</b> (a day inside the range was rewritten, silver for it changed, or a code's splits
 *       changed): the symbols with a row in a changed day, whose span covers it, or whose splits changed,
 *       are rebuilt from all of bronze and only files whose bytes differ are written; new days are appended
 *       to the others.</li>
 *   <li><b>noop</b>: nothing changed.</li>
 * </ul>
 *
 * <h2>Order of writes: every intermediate state reads as the old gold</h2>
 * In place: (1) bins; (2) {@code calendars/day.txt}; (3) {@code instruments/all.txt}; (4) the manifest.
 * Appended values sit beyond each symbol's listed end, and Qlib drops data outside an instrument's span
 * and never reads past the calendar, so until (3) Qlib sees exactly the old data; after (2) alone, the new
 * day exists with no rows. Rewritten bins change values inside old spans (the corrected history, which is
 * the point) and are replaced whole. The manifest goes last. A run that stops before it leaves its mark
 * ({@link #IN_PLACE_RUN}), and the next run builds in full: redoing the appends would rewrite the same bytes,
 * but only for the symbols with a bar on the new days, and a correction since may have taken a symbol's bars
 * away. Whole files go through {@link AtomicFiles}; appends cannot (a temp copy would rewrite every byte) and
 * rely on the ordering instead.
 * A full rebuild in place could not be ordered that way (every index may shift), hence a private build
 * folder (files written in place: atomicity is at the swap), swapped in whole by flipping the
 * {@code gold/qlib} link, so {@code gold/qlib} is never absent; see {@link GoldFolders}. The replaced
 * generation stays a day for the Qlib sessions that resolved the link to it, then a later run deletes it in the
 * background (the next swap, at once); every run first removes build and trash folders a crashed run left.
 */
public final class QlibGoldStage {

    private static final Logger LOG = LoggerFactory.getLogger(QlibGoldStage.class);

    private final LakeLayout lake;
    private final String dataset;
    private final SplitFactors splits;
    private final int threads;
    private final int fullBuildDays;
    /** The most rows one slice of a rewrite reads ({@link IncrementalBuild#sliceRows}). */
    private final long rewriteSliceRows;

    /**
     * A full build reads at most this many calendar days at once (five years of trading days): it builds the first
     * ones, then appends the rest in blocks of this size, as daily runs append, so its memory follows a block and
     * not the length of the history. Appends write the same bytes a one-pass build writes.
     */
    static final int FULL_BUILD_DAYS = 1_260;

    /** Splits from the lake ({@link SplitFactors#fromLake}), one worker per core. */
    public QlibGoldStage(LakeLayout lake, String dataset) {
        this(lake, dataset, null, Runtime.getRuntime().availableProcessors());
    }

    /** @param splits null to read them from the lake at each run */
    public QlibGoldStage(LakeLayout lake, String dataset, SplitFactors splits, int threads) {
        this(lake, dataset, splits, threads, FULL_BUILD_DAYS);
    }

    /** Tests use short full-build blocks to cross many block boundaries on a small lake. */
    QlibGoldStage(LakeLayout lake, String dataset, SplitFactors splits, int threads, int fullBuildDays) {
        this(lake, dataset, splits, threads, fullBuildDays,
                IncrementalBuild.sliceRows(Runtime.getRuntime().maxMemory()));
    }

    /** Tests also rewrite symbols in small slices. */
    QlibGoldStage(LakeLayout lake, String dataset, SplitFactors splits, int threads, int fullBuildDays,
                  long rewriteSliceRows) {
        this.rewriteSliceRows = rewriteSliceRows;
        this.lake = Objects.requireNonNull(lake, "lake");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.splits = splits;
        this.threads = Math.max(1, threads);
        if (fullBuildDays < 1) {
            throw new IllegalArgumentException("full build block must be at least one day: " + fullBuildDays);
        }
        this.fullBuildDays = fullBuildDays;
    }

    /**
     * Brings gold/qlib up to date with bronze, and with the silver features when {@code withFeatures}; null keeps
     * them as gold has them (a run not told otherwise keeps them: dropping 158 files per symbol that took minutes to
     * build is for an explicit {@code --no-with-features}), decided under the lock, so that a concurrent run's
     * choice is not undone. full=true rebuilds everything.
     */
    public GoldResult run(boolean full, Boolean withFeatures) throws IOException {
        GoldFolders folders = new GoldFolders(lake.goldQlib());
        try (RunLock lock = folders.lock()) {
            folders.sweep();
            return runLocked(folders, full, withFeatures);
        } catch (IOException e) {
            if (e instanceof FileSystemException) {
                throw e; // it names its file
            }
            // a bare "No space left on device" from a channel write: say where
            throw new IOException("gold " + dataset + " in " + lake.goldQlib().getParent() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the previous gold folders that full builds replaced (in this JVM) are deleted. Runs do
     * not wait for that; the JVM does before it exits.
     */
    public static void awaitCleanup() {
        GoldFolders.awaitCleanup();
    }

    /** @param requestedFeatures null: as the manifest says gold has them (none without a usable manifest) */
    private GoldResult runLocked(GoldFolders folders, boolean full, Boolean requestedFeatures) throws IOException {
        long t0 = System.nanoTime();
        QlibLayout gold = new QlibLayout(lake.goldQlib());
        GoldManifest before = null;
        String unusable = null;
        try {
            before = GoldManifest.read(gold.manifest());
        } catch (GoldManifest.Unusable e) {
            unusable = e.getMessage();
            LOG.warn("gold {}: the manifest cannot be used, so gold is rebuilt in full: {}", dataset, unusable);
        }
        if (before != null && !before.dataset().equals(dataset) && !full) {
            // a lake has one Qlib provider: a second dataset of daily bars (added by copying YAML) must not replace
            // the first's in silence, as the daemon's gold route would do with whichever handoff came last
            throw new io.quantmini.config.ConfigException("gold/qlib holds the Qlib provider of " + before.dataset()
                    + " (" + gold.manifest() + "); a lake has one, and " + dataset + "'s would replace it: to replace"
                    + " it, run `quantmini convert qlib -t " + dataset + " --full`; to keep both, give " + dataset
                    + " a data root of its own");
        }
        boolean withFeatures = requestedFeatures != null ? requestedFeatures
                : before != null ? before.features() : hasFeatureFiles(gold);
        SplitFactors splitFactors = splits != null ? splits : SplitFactors.fromLake(lake);
        TreeMap<LocalDate, StampedDayFiles.Stamped> bronze = StampedDayFiles.list(lake.bronzeDataset(dataset));
        for (Map.Entry<LocalDate, StampedDayFiles.Stamped> day : bronze.entrySet()) {
            NyseCalendar.requireWeekday(day.getKey(), day.getValue().path());
        }
        TreeMap<LocalDate, StampedDayFiles.Stamped> silver = withFeatures
                ? StampedDayFiles.list(lake.silverDataset(dataset)) : new TreeMap<>();
        if (withFeatures) {
            refuseSilverBeyondBronze(bronze, silver);
        }
        silver.keySet().retainAll(bronze.keySet());
        if (withFeatures) {
            refuseSilverBehindBronze(bronze, silver);
        }
        GoldManifest after = new GoldManifest(GoldManifest.FORMAT, dataset, withFeatures,
                new TreeMap<>(StampedDayFiles.stamps(bronze)), new TreeMap<>(StampedDayFiles.stamps(silver)),
                signatures(splitFactors), null);
        List<LocalDate> calendar = new ArrayList<>(bronze.keySet());

        String why = full ? "asked for" : unusable;
        Path stoppedRun = gold.root().resolve(IN_PLACE_RUN);
        if (why == null && Files.exists(stoppedRun)) {
            why = "an in-place run stopped before it committed (" + stoppedRun + ")";
        }
        if (why == null) {
            try {
                why = needsFull(before, after, gold);
                if (why == null) {
                    return incremental(gold, before, after, calendar, bronze, silver, splitFactors, withFeatures, t0);
                }
            } catch (GoldFileDamaged damaged) {
                // what an in-place run wrote before it met the damage is replaced along with the rest
                why = damaged.getMessage();
                LOG.warn("gold {}: {}: gold is rebuilt in full", dataset, why);
            }
        }
        LOG.info("gold {}: full build ({})", dataset, why);
        return fullBuild(folders, calendar, bronze, silver, splitFactors, withFeatures, after, t0);
    }

    /**
     * Whether gold holds feature files, as a gold built with features does for every symbol: what a run not told
     * otherwise keeps when the manifest cannot say (cut short by a crash of the machine, removed), rather than
     * dropping 158 files per symbol in silence.
     */
    private static boolean hasFeatureFiles(QlibLayout gold) throws IOException {
        if (!Files.isDirectory(gold.featuresRoot())) {
            return false;
        }
        String feature = FeatureFields.fieldName(FeatureFields.COLUMNS.get(0)) + "." + QlibLayout.FREQ + ".bin";
        try (java.nio.file.DirectoryStream<Path> symbols = Files.newDirectoryStream(gold.featuresRoot())) {
            for (Path symbol : symbols) {
                if (Files.exists(symbol.resolve(feature))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A silver day without its bronze day (removed by hand): the silver days after it were computed with it in their
     * windows, and gold's calendar no longer has it. Silver repairs that ({@code transform features}); until then
     * the run fails, before gold is touched.
     */
    private void refuseSilverBeyondBronze(TreeMap<LocalDate, StampedDayFiles.Stamped> bronze,
                                          TreeMap<LocalDate, StampedDayFiles.Stamped> silver) {
        List<LocalDate> orphans = silver.keySet().stream().filter(day -> !bronze.containsKey(day)).toList();
        if (!orphans.isEmpty()) {
            throw new SilverBehindException("gold " + dataset + " with features: silver has "
                    + Plural.of(orphans.size(), "day") + " that bronze no longer has (" + span(orphans) + "), so the"
                    + " days after " + (orphans.size() == 1 ? "it" : "them") + " are stale: run `quantmini transform"
                    + " features` first; gold was not changed");
        }
    }

    /**
     * Features of a day whose silver file is missing, out of step with its bronze file or cut short would be NaN,
     * stale or unreadable in gold, and the first two would pass unnoticed: the run fails instead, before gold is
     * touched.
     */
    private void refuseSilverBehindBronze(TreeMap<LocalDate, StampedDayFiles.Stamped> bronze,
                                          TreeMap<LocalDate, StampedDayFiles.Stamped> silver) throws IOException {
        List<LocalDate> behind = new ArrayList<>();
        for (Map.Entry<LocalDate, StampedDayFiles.Stamped> day : bronze.entrySet()) {
            StampedDayFiles.Stamped derived = silver.get(day.getKey());
            if (derived == null || DayFiles.owed(derived.path(),
                    Files.getLastModifiedTime(day.getValue().path()))) {
                behind.add(day.getKey());
            }
        }
        if (!behind.isEmpty()) {
            throw new SilverBehindException("gold " + dataset + " with features: silver is missing, out of step with"
                    + " bronze or cut short for " + Plural.of(behind.size(), "day") + " (" + span(behind) + "): run"
                    + " `quantmini transform features` first; gold was not changed");
        }
    }

    /** The first of ascending days, and the last when there are more: "2024-01-02 .. 2024-01-05". */
    private static String span(List<LocalDate> days) {
        return days.get(0) + (days.size() > 1 ? " .. " + days.get(days.size() - 1) : "");
    }

    /**
     * An append or rewrite writes into the live folder: this mark is there from its first write to the manifest.
     * A run stopped meanwhile (killed, or failed writing the calendar) leaves files the committed instruments and
     * calendar do not describe: tails appended past a symbol's listed end, whose bars a later correction may take
     * away (the next append touches only the symbols with a bar on its new days), folders of symbols first listed by
     * that run, temp files. So the next run builds in full, and the stopped run's folder is replaced like any other
     * generation (temps and mark with it).
     */
    private static final String IN_PLACE_RUN = ".in-place-run";

    /** Why the manifest cannot drive an incremental run, or null when it can. */
    private String needsFull(GoldManifest before, GoldManifest after, QlibLayout gold) throws IOException {
        if (before == null) {
            return "no manifest";
        }
        if (!before.dataset().equals(dataset)) {
            return "built from dataset " + before.dataset();
        }
        if (after.features() && !before.features()) {
            return "features not built yet";
        }
        if (before.features() && !after.features()) {
            // an in-place run would leave the feature files as they are, stale from then on
            return "features built before but not asked for now (rebuilt without them)";
        }
        if (!Files.exists(gold.calendar()) || !Files.exists(gold.instruments())) {
            LOG.warn("gold {}: {} or {} is missing: gold is rebuilt in full", dataset, gold.calendar(),
                    gold.instruments());
            return "calendar or instruments missing";
        }
        if (before.bronze().isEmpty() || after.bronze().isEmpty()) {
            return "empty calendar";
        }
        LocalDate last = before.bronze().lastKey();
        for (LocalDate day : before.bronze().keySet()) {
            if (!after.bronze().containsKey(day)) {
                return "bronze day " + day + " removed";
            }
        }
        for (LocalDate day : after.bronze().headMap(last, true).keySet()) {
            if (!before.bronze().containsKey(day)) {
                return "past bronze day " + day + " added";
            }
        }
        List<LocalDate> onDisk = CalendarFile.read(gold.calendar());
        List<LocalDate> expected = new ArrayList<>(after.bronze().keySet());
        if (onDisk.size() < before.bronze().size() || onDisk.size() > expected.size()
                || !onDisk.equals(expected.subList(0, onDisk.size()))) {
            LOG.warn("gold {}: {} does not match the manifest: gold is rebuilt in full", dataset, gold.calendar());
            return "calendars/day.txt does not match the manifest";
        }
        return null;
    }

    private GoldResult fullBuild(GoldFolders folders, List<LocalDate> calendar,
                                 TreeMap<LocalDate, StampedDayFiles.Stamped> bronze,
                                 TreeMap<LocalDate, StampedDayFiles.Stamped> silver, SplitFactors splitFactors,
                                 boolean withFeatures, GoldManifest after, long t0) throws IOException {
        Path build = folders.newBuild();
        QlibLayout layout = new QlibLayout(build);
        boolean published = false;
        try {
            int first = Math.min(calendar.size(), fullBuildDays);
            BuildContext ctx = new BuildContext(layout, calendar.subList(0, first), bronze, silver, splitFactors,
                    withFeatures, threads, true);
            TreeMap<String, InstrumentsFile.Span> spans = new FullBuild(ctx).run();
            long bytes = 0;
            for (int from = first; from < calendar.size(); from += fullBuildDays) {
                int to = Math.min(calendar.size(), from + fullBuildDays);
                bytes += ctx.files.bytesWritten();
                ctx = new BuildContext(layout, calendar.subList(0, to), bronze, silver, splitFactors, withFeatures,
                        threads, true);
                new IncrementalBuild(ctx, spans, calendar.subList(from, to), Set.of(), rewriteSliceRows).run();
                LOG.info("gold {}: days {}..{} appended to the build", dataset, calendar.get(from),
                        calendar.get(to - 1));
            }
            if (first < calendar.size()) { // the first block's calendar and instruments are FullBuild's
                ctx.files.writeFile(layout.calendar(), CalendarFile.render(calendar));
                ctx.files.writeFile(layout.instruments(), InstrumentsFile.render(spans));
            }
            ctx.files.writeFile(layout.manifest(), after.withInstrumentsOf(layout.instruments()).render());
            bytes += ctx.files.bytesWritten();
            long built = System.nanoTime();
            GoldFolders.Replaced replaced = folders.publish(build);
            published = true;
            LOG.info("gold {}: full build {} s, swap {} s ({})", dataset, Seconds.of(built - t0, 2),
                    Seconds.of(System.nanoTime() - built, 3), replaced.said);
            return result(spans.size(), 0, calendar.size(), bytes, t0, "full");
        } catch (Throwable failed) {
            if (!published) {
                removeFailedBuild(build, failed);
            }
            throw failed;
        }
    }

    /** The build's own failure is what the user must read: a failure to remove the half-built folder comes with it. */
    private static void removeFailedBuild(Path build, Throwable failed) {
        try {
            FileTrees.delete(build);
        } catch (IOException | RuntimeException notRemoved) {
            failed.addSuppressed(notRemoved);
        }
    }

    private GoldResult incremental(QlibLayout gold, GoldManifest before, GoldManifest after, List<LocalDate> calendar,
                                   TreeMap<LocalDate, StampedDayFiles.Stamped> bronze,
                                   TreeMap<LocalDate, StampedDayFiles.Stamped> silver, SplitFactors splitFactors,
                                   boolean withFeatures, long t0) throws IOException {
        LocalDate last = before.bronze().lastKey();
        List<LocalDate> newDays = new ArrayList<>(after.bronze().tailMap(last, false).keySet());
        Set<LocalDate> changedDays = new TreeSet<>();
        for (LocalDate day : before.bronze().keySet()) {
            boolean bronzeChanged = !before.bronze().get(day).equals(after.bronze().get(day));
            boolean silverChanged = withFeatures && !Objects.equals(before.silver().get(day), after.silver().get(day));
            if (bronzeChanged || silverChanged) {
                changedDays.add(day);
            }
        }
        Set<String> splitChanged = new HashSet<>(before.splits().keySet());
        splitChanged.addAll(after.splits().keySet());
        splitChanged.removeIf(code -> Objects.equals(before.splits().get(code), after.splits().get(code)));

        BuildContext ctx = new BuildContext(gold, calendar, bronze, silver, splitFactors, withFeatures, threads,
                false);
        // needsFull saw the file there; read once, for this check and for the manifest a run that keeps it writes
        String instruments = GoldManifest.digest(Files.readAllBytes(gold.instruments()));
        if (before.instruments() != null && !before.instruments().equals(instruments)) {
            // a file cut at a line end parses as fewer symbols, whose history an append would then restart
            throw new GoldFileDamaged(gold.instruments() + " is not the file the last run left (cut short or edited)");
        }
        TreeMap<String, InstrumentsFile.Span> committed = InstrumentsFile.read(gold.instruments());
        Set<String> rewrite = affected(ctx, committed, changedDays, splitChanged);
        if (newDays.isEmpty() && rewrite.isEmpty()) {
            GoldManifest now = after.withInstruments(instruments);
            if (!before.equals(now)) {
                writeManifest(ctx, now);
            }
            return result(0, 0, calendar.size(), ctx.files.bytesWritten(), t0, "noop");
        }
        TreeMap<String, InstrumentsFile.Span> spans = new TreeMap<>(committed);
        IncrementalBuild build = new IncrementalBuild(ctx, spans, newDays, rewrite, rewriteSliceRows);
        Path inPlace = gold.root().resolve(IN_PLACE_RUN);
        SymbolFiles.writeInPlace(inPlace, String.valueOf(ProcessHandle.current().pid())
                .getBytes(StandardCharsets.US_ASCII));
        build.run();
        if (!CalendarFile.read(gold.calendar()).equals(calendar)) {
            write(ctx, gold.calendar(), CalendarFile.render(calendar));
        }
        if (!spans.equals(committed)) {
            byte[] rendered = InstrumentsFile.render(spans);
            write(ctx, gold.instruments(), rendered);
            instruments = GoldManifest.digest(rendered);
        }
        writeManifest(ctx, after.withInstruments(instruments));
        Files.delete(inPlace);
        String mode = rewrite.isEmpty() && changedDays.isEmpty() ? "append" : "rewrite";
        return result(build.symbolsWritten(), build.symbolsAppended(), calendar.size(), ctx.files.bytesWritten(),
                t0, mode);
    }

    /**
     * Codes a history change may touch: a row in a changed day's bronze or silver file, a listed span that
     * covers a changed day (its bar there may have been removed), or changed splits.
     */
    private static Set<String> affected(BuildContext ctx, Map<String, InstrumentsFile.Span> spans,
                                        Set<LocalDate> changedDays, Set<String> splitChanged) throws IOException {
        Set<String> codes = new HashSet<>(splitChanged);
        for (LocalDate day : changedDays) {
            for (Path file : new Path[] {ctx.bronze.get(day).path(), ctx.features ? ctx.silverFile(day) : null}) {
                if (file != null) {
                    for (String ticker : DayColumns.read(file, List.of()).tickers()) {
                        if (ticker != null) {
                            codes.add(QlibNames.code(ticker));
                        }
                    }
                }
            }
            spans.forEach((code, span) -> {
                if (!day.isBefore(span.start()) && !day.isAfter(span.end())) {
                    codes.add(code);
                }
            });
        }
        return codes;
    }

    private static TreeMap<String, String> signatures(SplitFactors splitFactors) {
        TreeMap<String, String> signatures = new TreeMap<>();
        for (String code : splitFactors.codes()) {
            signatures.put(code, splitFactors.signature(code));
        }
        return signatures;
    }

    private static void writeManifest(BuildContext ctx, GoldManifest manifest) throws IOException {
        write(ctx, ctx.gold.manifest(), manifest.render());
    }

    private static void write(BuildContext ctx, Path file, byte[] content) throws IOException {
        AtomicFiles.write(file, content);
        ctx.files.counted(content.length);
    }

    private static GoldResult result(int written, int appended, int days, long bytes, long t0, String mode) {
        return new GoldResult(written, appended, days, bytes, (System.nanoTime() - t0) / 1e9, mode);
    }

}
