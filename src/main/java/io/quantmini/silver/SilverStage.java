package io.quantmini.silver;

import io.quantmini.calendar.NyseCalendar;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.FileStamp;
import io.quantmini.lake.FooterKeys;
import io.quantmini.lake.LakeLayout;
import io.quantmini.parallel.ParallelFor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The silver stage: Alpha158 features for a day-partitioned bronze dataset of daily bars, one silver file per
 * bronze day ({@link LakeLayout#silverDayFile}): the day's bronze rows, sorted as bronze is (by ticker), plus the
 * 158 features as float32 columns. A symbol with no bar on a day has no silver row that day.
 *
 * <ul>
 *   <li><b>Calendar</b>: the union of the bronze day files' dates, in order — the days Qlib will see. A symbol's
 *       series runs over every calendar day from its first to its last bar, NaN where it has no bar.
 *   <li><b>Planning</b> reads the lake only ({@link SilverPlan}): the stale bronze days in [from, to] (silver
 *       missing, out of step with bronze, or cut short: {@link DayFiles#owed}) plus every later day whose compute
 *       series starts at or before one of them (even past {@code to}, where it already has a silver file);
 *       {@code full} rewrites every day in range. Nothing stale: nothing is read or written. Then, from every day's
 *       symbols, the days a moved first bar changes ({@link FirstBarShifts}: a symbol's bar before its first one, or
 *       its first one gone, moves its series start in every block that started its lookback before it).
 *   <li><b>Revision</b>: silver files written with another revision of the values ({@link FeatureRevision}) are all
 *       written again (every day from the first silver day to the last), whatever the range.
 *   <li><b>Compute</b> by blocks of output days on a fixed half-year grid ({@link BlockGrid}), all symbols of a
 *       block in parallel, from float32-rounded bronze bars; each series starts at the block's lookback start or at
 *       the symbol's first bar in the whole history, whichever is later, so a full rebuild and an incremental run
 *       give identical values.
 *   <li><b>Reads</b>: the ticker ids of every day up to the last output day first (where each symbol's history
 *       starts), then, block by block, the float32 inputs of the block's window (lookback included). A day's ids
 *       are not decoded twice: its second read requires the same file bytes.
 *   <li><b>Memory</b>: the ids of every day, the inputs of one block's window and the features of one compute pass:
 *       a whole block when a third of the heap holds it ({@link #daysPerPass}), else the block's output days in several
 *       passes, each from the block's lookback start (same values, more compute). It follows the number of symbols
 *       and the heap, not the length of the history.
 *   <li><b>Writes</b>: parallel over a block's days, each atomic ({@link SilverDayWriter}). Blocks go last to first,
 *       and within a block the stale days' own files go last: if a run dies, every stale day whose followers are
 *       not all rewritten is still stale, so the next run redoes them.
 * </ul>
 * Thread-safe for distinct datasets; runs of one dataset take turns through {@link SilverHandoffConsumer#update}.
 */
public final class SilverStage {

    private static final Logger LOG = LoggerFactory.getLogger(SilverStage.class);

    /** Bumped when the silver file layout written here changes; recorded in every footer. */
    public static final String WRITER_VERSION = "2";
    public static final String META_FEATURES = "quantmini.features";
    /** The values' revision ({@link FeatureRevision}): which fixes a file's features have. */
    public static final String META_REVISION = "quantmini.features.revision";

    private final LakeLayout lake;
    private final String dataset;
    private final int blockMonths;
    private final int threads;
    /** Output days per compute pass; 0: as many as a third of the heap holds ({@link #daysPerPass}). */
    private final int passDays;
    private final BronzeStamps stampOf;

    /** How a bronze file's version is told ({@link FileStamp#of}). */
    @FunctionalInterface
    interface BronzeStamps {
        FileStamp of(Path file) throws IOException;
    }

    public SilverStage(LakeLayout lake, String dataset) {
        this(lake, dataset, BlockGrid.HALF_YEAR, Runtime.getRuntime().availableProcessors());
    }

    /** Tests use short blocks to cross many block boundaries on a small lake. */
    SilverStage(LakeLayout lake, String dataset, int blockMonths, int threads) {
        this(lake, dataset, blockMonths, threads, 0);
    }

    /** Tests also force short compute passes. */
    SilverStage(LakeLayout lake, String dataset, int blockMonths, int threads, int passDays) {
        this(lake, dataset, blockMonths, threads, passDays, FileStamp::of);
    }

    /** Tests also stamp bronze files as a file system without change times would. */
    SilverStage(LakeLayout lake, String dataset, int blockMonths, int threads, int passDays, BronzeStamps stampOf) {
        this.stampOf = Objects.requireNonNull(stampOf, "stampOf");
        this.lake = Objects.requireNonNull(lake, "lake");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.blockMonths = blockMonths;
        this.threads = threads;
        if (passDays < 0) {
            throw new IllegalArgumentException("days per compute pass must not be negative: " + passDays);
        }
        this.passDays = passDays;
    }

    /**
     * How many output days one compute pass takes: their feature columns (158 float32 per row, at the run's
     * largest day) and each compute thread's batch of the same days ({@link BlockFeatures#batchSlots} of the market's
     * symbols: a pass computes every symbol with a bar on one of its days, which can be more than a day's rows)
     * within a third of the heap, the rest of which holds the inputs, buffers and writers (half was not enough: at
     * 64 MB, one run in three ran out of memory). A half-year block of 10,000 symbols needs ~0.9 GB, so a 4 GB heap
     * computes it in one pass; a smaller heap takes more passes, each recomputing the block's lookback rows, rather
     * than running out of memory.
     */
    static int daysPerPass(long maxHeapBytes, int rowsPerDay, int symbols, int threads) {
        long rows = (long) Math.max(1, rowsPerDay) + (long) threads * BlockFeatures.batchSlots(symbols);
        long bytesPerDay = rows * BlockFeatures.FEATURES * Float.BYTES;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeapBytes / 3 / bytesPerDay));
    }

    /**
     * Brings silver up to date with bronze for output days in [from, to] (null = unbounded); full=true rebuilds every
     * day in range. Silver files holding another revision's values ({@link FeatureRevision}) are all written again
     * (from the first silver day to the last), whatever the range, before the days in range are brought up to date.
     */
    public SilverResult run(LocalDate from, LocalDate to, boolean full) throws IOException {
        FeatureRevision revision = FeatureRevision.of(lake.silverDataset(dataset));
        if (revision.current()) {
            return runAtRevision(from, to, full);
        }
        NavigableMap<LocalDate, Path> held = DayFiles.list(lake.silverDataset(dataset));
        if (held.isEmpty()) {
            revision.recordCurrent(); // nothing older to protect: what this run writes is current
            return runAtRevision(from, to, full);
        }
        // the days silver holds, not the whole of bronze: a silver kept to a range stays that range
        LOG.warn("silver {}: its files hold the features of {}, not of \"{}\": every day from {} to {} is computed"
                + " again", dataset, revision.recorded(), FeatureRevision.CURRENT, held.firstKey(), held.lastKey());
        SilverResult recomputed = runAtRevision(held.firstKey(), held.lastKey(), true);
        revision.recordCurrent();
        // then what the run was asked for: the bronze days silver lacks (ingested since the upgrade), which the
        // held days' recompute did not write, and a handoff the caller removes once this returns names. Incremental
        // even under --full: the held days are fresh now, and a --full of the range would write them a second time.
        return recomputed.then(runAtRevision(from, to, false));
    }

    private SilverResult runAtRevision(LocalDate from, LocalDate to, boolean full) throws IOException {
        Bronze bronze = scanBronze();
        List<LocalDate> calendar = bronze.calendar();
        int n = calendar.size();
        boolean[] stale = new boolean[n];
        boolean[] inRange = new boolean[n];
        for (int i = 0; i < n; i++) {
            LocalDate date = calendar.get(i);
            stale[i] = DayFiles.owed(lake.silverDayFile(dataset, date), bronze.stamps()[i].modified());
            inRange[i] = (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
        }
        NavigableMap<LocalDate, Path> silverDays = DayFiles.list(lake.silverDataset(dataset));
        SortedMap<LocalDate, Path> orphans = orphans(calendar, silverDays, stale, inRange);
        HeldDays held = HeldDays.read(lake.silverDataset(dataset));
        List<LocalDate> vanished = held.vanished(calendar, silverDays.keySet());
        int shiftsUnknownFrom = vanishedFollowers(calendar, vanished, stale, inRange);
        SortedSet<LocalDate> removed = new TreeSet<>(orphans.keySet());
        removed.addAll(vanished);
        BlockGrid grid = new BlockGrid(calendar, blockMonths);
        int[] seriesStarts = grid.seriesStarts();
        int[] output = SilverPlan.outputDays(stale, inRange, full, seriesStarts);
        sweepInterruptedWrites(calendar);
        FirstBarJournal journal = FirstBarJournal.read(lake.silverDataset(dataset));
        if (output.length == 0 && journal.isEmpty()) {
            removeOrphans(orphans.values());
            held.record(heldAfter(silverDays, orphans, output, calendar));
            return new SilverResult(0, 0, 0, 0, 0, 0, List.of(), 0, 0, 0, ComputeTimes.NONE, List.copyOf(removed));
        }

        ForkJoinPool pool = new ForkJoinPool(threads);
        // Day files are written with direct I/O, which waits for the device: twice as many writers as cores keep
        // the cores busy compressing while some of them wait.
        ForkJoinPool writers = new ForkJoinPool(2 * threads);
        try {
            PhaseTime read = new PhaseTime();
            PhaseTime compute = new PhaseTime();
            PhaseTime write = new PhaseTime();
            read.start();
            SymbolIds symbols = new SymbolIds();
            BronzeBarsReader reader = new BronzeBarsReader(symbols);
            // every day's symbols: where each symbol's history starts, and which days a moved first bar changes
            DayBars[] tickerDays = readTickers(bronze, symbols, reader, pool, full);
            SortedMap<LocalDate, FirstBarShifts.Change> changes = changes(calendar, stale, inRange, orphans,
                    tickerDays, reader);
            List<List<FirstBarShifts.Change>> recorded = recordedVersions(journal, calendar, changes, tickerDays,
                    symbols);
            // after the changed days' old silver files and the journal were read: their symbols have ids too
            MarketBars bars = new MarketBars(tickerDays, symbols.size());
            output = SilverPlan.withShifted(output, shiftedDays(bars, changes, recorded,
                    journal.damaged() ? 0 : shiftsUnknownFrom, seriesStarts), stale, inRange);
            recordBeforeWriting(journal, calendar, stale, removed, bars, symbols);
            List<BlockGrid.Block> blocks = grid.blocks(output);
            read.stop();
            String[] tickers = IntStream.range(0, bars.symbols()).mapToObj(symbols::ticker).toArray(String[]::new);
            int[] tickerOrder = IntStream.range(0, bars.symbols()).boxed()
                    .sorted(Comparator.comparing(id -> tickers[id])).mapToInt(Integer::intValue).toArray();

            DayTables tables = new DayTables(BlockFeatures.FEATURES);
            ComputeClock clock = new ComputeClock();
            int largestDay = IntStream.of(output).map(d -> bars.day(d).rows()).max().orElse(0);
            int daysPerPass = passDays > 0 ? passDays : daysPerPass(Runtime.getRuntime().maxMemory(), largestDay,
                    bars.symbols(), threads);
            // allocated while the first block is read and computed: see DayTables.reserve
            tables.reserve(blocks.stream().flatMap(block -> block.passes(daysPerPass).stream())
                    .map(pass -> IntStream.of(pass.days()).map(d -> bars.day(d).rows()).toArray()).toList());
            if (blocks.stream().anyMatch(block -> block.days().length > daysPerPass)) {
                LOG.info("silver {}: {} output days per compute pass (heap {} MB, {} rows on the largest day);"
                                + " larger blocks take several passes, each recomputing the lookback",
                        dataset, daysPerPass, Runtime.getRuntime().maxMemory() >> 20, largestDay);
            }
            int passCount = blocks.stream().mapToInt(block -> block.passes(daysPerPass).size()).sum();
            int passesDone = 0;
            int daysDone = 0;
            for (int b = blocks.size() - 1; b >= 0; b--) {
                BlockGrid.Block block = blocks.get(b);
                read.start();
                holdPrices(bars, block, bronze, reader, pool);
                read.stop();
                // passes last to first, as blocks go: see the class comment on the order of writes
                List<BlockGrid.Block> passes = block.passes(daysPerPass);
                for (int p = passes.size() - 1; p >= 0; p--) {
                    BlockGrid.Block pass = passes.get(p);
                    compute.start();
                    DayFeatures[] features = BlockFeatures.compute(bars, pass, tickerOrder, pool, tables, clock);
                    compute.stop();

                    write.start();
                    writePass(pass.days(), features, bronze, bars, stale, writers);
                    write.stop();
                    passesDone++;
                    daysDone += pass.days().length;
                    if (passCount > 1) { // where a long run stands, and what a stop would leave to the next run
                        LOG.info("silver {}: {} of {} days written (compute pass {} of {}, {}..{})", dataset,
                                daysDone, output.length, passesDone, passCount, calendar.get(pass.days()[0]),
                                calendar.get(pass.lastDay()));
                    }
                }
            }
            // after the days that read them are rewritten: a kill before leaves them to redo
            removeOrphans(orphans.values());
            held.record(heldAfter(silverDays, orphans, output, calendar));
            List<LocalDate> changed = IntStream.of(output).mapToObj(calendar::get).toList();
            // every day computed from a recorded version is written now: only stale days left unwritten stay
            boolean[] written = new boolean[n];
            IntStream.of(output).forEach(day -> written[day] = true);
            journal.keepOnly(IntStream.range(0, n).filter(i -> stale[i] && !written[i]).mapToObj(calendar::get)
                    .collect(Collectors.toSet()));
            journal.write();
            return new SilverResult(output.length, rows(bars, output), symbols(bars, output), read.seconds(),
                    compute.seconds(), write.seconds(), changed, read.cpuSeconds(), compute.cpuSeconds(),
                    write.cpuSeconds(), clock.times(), List.copyOf(removed));
        } finally {
            pool.shutdown();
            writers.shutdown();
        }
    }

    /** The bronze day files, in date order (the run's calendar), and their stamps as the run found them. */
    private record Bronze(List<LocalDate> calendar, List<Path> files, FileStamp[] stamps) {
    }

    /**
     * Every bronze day's tickers: from the index ({@link BronzeTickerIndex}) where the day's file is the one indexed,
     * else decoded from the file (every day in a {@code full} run); then the index is brought up to date.
     */
    private DayBars[] readTickers(Bronze bronze, SymbolIds symbols, BronzeBarsReader reader, ForkJoinPool pool,
                                  boolean full) throws IOException {
        Path silverDataset = lake.silverDataset(dataset);
        BronzeTickerIndex index = full ? BronzeTickerIndex.empty(silverDataset)
                : BronzeTickerIndex.read(silverDataset, symbols);
        int n = bronze.files().size();
        DayBars[] days = new DayBars[n];
        for (int i = 0; i < n; i++) {
            days[i] = index.day(bronze.calendar().get(i), bronze.stamps()[i]);
        }
        inParallel(pool, IntStream.range(0, n).filter(i -> days[i] == null).toArray(),
                i -> days[i] = reader.readTickers(bronze.files().get(i)));
        try {
            index.update(bronze.calendar(), bronze.stamps(), days, symbols);
        } catch (IOException e) {
            LOG.warn("silver {}: cannot write the index of bronze tickers ({}): the next run decodes again the days"
                    + " it lacks", dataset, e.toString());
        }
        return days;
    }

    /**
     * Reads the prices of a block's window. A day whose file no longer has the bytes its tickers were read from fails
     * the run; the index of tickers goes too, so that the next run reads every day's tickers from its file.
     */
    private void holdPrices(MarketBars bars, BlockGrid.Block block, Bronze bronze, BronzeBarsReader reader,
                            ForkJoinPool pool) throws IOException {
        try {
            bars.hold(block.lookbackStart(), block.lastDay(), bronze.files(), reader, pool);
        } catch (IOException e) {
            try {
                BronzeTickerIndex.forget(lake.silverDataset(dataset));
            } catch (IOException | RuntimeException cannotForget) {
                e.addSuppressed(cannotForget); // the bronze day's failure is the one to name
                throw new IOException(e.getMessage() + "; and the index of bronze tickers could not be removed ("
                        + cannotForget.getMessage() + "): remove " + lake.silverDataset(dataset)
                        .resolve(BronzeTickerIndex.FOLDER) + " before the next run", e);
            }
            throw e;
        }
    }

    private Bronze scanBronze() throws IOException {
        List<LocalDate> calendar = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<LocalDate, Path> day : DayFiles.list(lake.bronzeDataset(dataset)).entrySet()) {
            NyseCalendar.requireWeekday(day.getKey(), day.getValue());
            calendar.add(day.getKey());
            files.add(day.getValue());
        }
        FileStamp[] stamps = new FileStamp[files.size()];
        for (int i = 0; i < stamps.length; i++) {
            stamps[i] = stampOf.of(files.get(i));
        }
        return new Bronze(calendar, files, stamps);
    }

    /**
     * Writes the silver files of one compute pass's days ({@code features[k]} for {@code days[k]}), the days that only
     * follow a stale one first and the stale days' own files last: see the class comment on the order of writes.
     */
    private void writePass(int[] days, DayFeatures[] features, Bronze bronze, MarketBars bars, boolean[] stale,
                           ForkJoinPool writers) throws IOException {
        int[] followers = IntStream.range(0, days.length).filter(k -> !stale[days[k]]).toArray();
        int[] staleDays = IntStream.range(0, days.length).filter(k -> stale[days[k]]).toArray();
        for (int[] part : List.of(followers, staleDays)) {
            inParallel(writers, part, k -> {
                int day = days[k];
                LocalDate date = bronze.calendar().get(day);
                SilverDayWriter.write(lake.silverDayFile(dataset, date), bronze.files().get(day),
                        bronze.stamps()[day].modified(), bars.day(day).fileChecksum(), features[k],
                        footer(date, day, bronze.files(), bars.day(day).rows()));
            });
        }
    }

    private static long rows(MarketBars bars, int[] days) {
        long rows = 0;
        for (int day : days) {
            rows += bars.day(day).rows();
        }
        return rows;
    }

    /** The symbols with a bar on one of {@code days}. */
    private static int symbols(MarketBars bars, int[] days) {
        boolean[] present = new boolean[bars.symbols()];
        for (int day : days) {
            for (int id : bars.day(day).ids()) {
                present[id] = true;
            }
        }
        int count = 0;
        for (boolean p : present) {
            count += p ? 1 : 0;
        }
        return count;
    }

    /**
     * The silver days whose bronze day is gone (removed by hand): every later day whose series read one changed too.
     * Each marks the first bronze day after it stale and in range, as if that day had changed, so that this run
     * rewrites the days that depend on it ({@link SilverPlan}), whatever its range.
     */
    private SortedMap<LocalDate, Path> orphans(List<LocalDate> calendar, Map<LocalDate, Path> silverDays,
                                               boolean[] stale, boolean[] inRange) {
        SortedMap<LocalDate, Path> orphans = new TreeMap<>();
        Set<LocalDate> inBronze = new HashSet<>(calendar);
        for (Map.Entry<LocalDate, Path> day : silverDays.entrySet()) {
            if (inBronze.contains(day.getKey())) {
                continue;
            }
            orphans.put(day.getKey(), day.getValue());
            int next = placeOf(calendar, day.getKey());
            if (next < calendar.size()) {
                stale[next] = true;
                inRange[next] = true;
            }
            LOG.warn("silver {}: {} has no bronze day any more: it goes, and the days after it that read it are"
                    + " computed again", dataset, day.getValue());
        }
        return orphans;
    }

    /** The days silver holds once a run removed the orphans and wrote the output days: what it found, changed so. */
    private static Set<LocalDate> heldAfter(Map<LocalDate, Path> silverDays, Map<LocalDate, Path> orphans,
                                            int[] output, List<LocalDate> calendar) {
        Set<LocalDate> held = new TreeSet<>(silverDays.keySet());
        held.removeAll(orphans.keySet());
        IntStream.of(output).mapToObj(calendar::get).forEach(held::add);
        return held;
    }

    /**
     * The days removed from bronze and silver both ({@link HeldDays}): as with an orphan, the first bronze day after
     * the earliest is stale and in range. Which symbols' first bar such a day was is unknown (its silver file is
     * gone), so every later day counts as changed by a moved first bar. Returns the first of those days: the calendar's
     * length when nothing vanished.
     */
    private int vanishedFollowers(List<LocalDate> calendar, List<LocalDate> vanished, boolean[] stale,
                                  boolean[] inRange) {
        if (vanished.isEmpty()) {
            return calendar.size();
        }
        int next = placeOf(calendar, vanished.get(0));
        if (next < calendar.size()) {
            stale[next] = true;
            inRange[next] = true;
        }
        LOG.warn("silver {}: {} {} removed from bronze and silver both: every later day is computed again, from {}",
                dataset, vanished, vanished.size() == 1 ? "was" : "were",
                next < calendar.size() ? calendar.get(next) : "none");
        return next;
    }

    /**
     * The days this run writes again, and the removed ones, with their symbols before (in their silver files) and now
     * (in bronze): what {@link FirstBarShifts} compares. A silver file that cannot be read (cut short) tells nothing.
     */
    private SortedMap<LocalDate, FirstBarShifts.Change> changes(List<LocalDate> calendar, boolean[] stale,
                                                                boolean[] inRange, SortedMap<LocalDate, Path> orphans,
                                                                DayBars[] tickerDays, BronzeBarsReader reader) {
        SortedMap<LocalDate, FirstBarShifts.Change> changes = new TreeMap<>();
        for (int i = 0; i < calendar.size(); i++) {
            if (stale[i] && inRange[i]) {
                changes.put(calendar.get(i), new FirstBarShifts.Change(i, symbolsIn(lake.silverDayFile(dataset,
                        calendar.get(i)), reader), tickerDays[i].ids(), false));
            }
        }
        for (Map.Entry<LocalDate, Path> orphan : orphans.entrySet()) {
            changes.put(orphan.getKey(), new FirstBarShifts.Change(placeOf(calendar, orphan.getKey()),
                    symbolsIn(orphan.getValue(), reader), new int[0], true));
        }
        return changes;
    }

    /**
     * Per calendar day, whether a moved first bar changes it: compared with the changed days' silver files and with
     * each version the journal recorded; every day from {@code unknownFrom} on, where that comparison cannot be made
     * (0 when the journal was damaged: what a stopped run computed from is unknown; a vanished day's followers).
     */
    private static boolean[] shiftedDays(MarketBars bars, SortedMap<LocalDate, FirstBarShifts.Change> changes,
                                         List<List<FirstBarShifts.Change>> recorded, int unknownFrom,
                                         int[] seriesStarts) {
        boolean[] shifted = FirstBarShifts.days(bars, List.copyOf(changes.values()), seriesStarts);
        Arrays.fill(shifted, Math.min(unknownFrom, shifted.length), shifted.length, true);
        for (List<FirstBarShifts.Change> version : recorded) {
            boolean[] alsoShifted = FirstBarShifts.days(bars, version, seriesStarts);
            for (int d = 0; d < shifted.length; d++) {
                shifted[d] |= alsoShifted[d];
            }
        }
        return shifted;
    }

    /**
     * Before the run's first write: what the days it computes take from the stale days it has not written yet (the
     * symbols whose first bar each is) and from the removed days (nothing).
     */
    private static void recordBeforeWriting(FirstBarJournal journal, List<LocalDate> calendar, boolean[] stale,
                                            Set<LocalDate> removed, MarketBars bars, SymbolIds symbols)
            throws IOException {
        for (int i = 0; i < calendar.size(); i++) {
            if (stale[i]) {
                int day = i;
                journal.record(calendar.get(i), IntStream.of(bars.day(i).ids())
                        .filter(id -> bars.firstBar(id) == day).toArray(), symbols);
            }
        }
        for (LocalDate day : removed) {
            journal.record(day, new int[0], symbols);
        }
        journal.write();
    }

    /**
     * The changes again once per version of a day the journal recorded ({@link FirstBarJournal}): the k-th list has
     * the k-th version of each such day in place of what its silver file held (as a removed day if its bronze day is
     * gone, with or without its silver file), so that {@link FirstBarShifts} finds the days computed from that version
     * too.
     */
    private static List<List<FirstBarShifts.Change>> recordedVersions(FirstBarJournal journal,
                                                                      List<LocalDate> calendar,
                                                                      SortedMap<LocalDate, FirstBarShifts.Change>
                                                                              changes,
                                                                      DayBars[] tickerDays, SymbolIds symbols) {
        List<SortedMap<LocalDate, FirstBarShifts.Change>> versions = new ArrayList<>();
        for (LocalDate date : journal.days()) {
            int at = Collections.binarySearch(calendar, date);
            boolean removed = at < 0;
            int day = removed ? placeOf(calendar, date) : at;
            List<int[]> recorded = journal.versionsOf(date, symbols);
            for (int k = 0; k < recorded.size(); k++) {
                if (versions.size() == k) {
                    versions.add(new TreeMap<>(changes));
                }
                versions.get(k).put(date, new FirstBarShifts.Change(day, recorded.get(k), removed ? new int[0]
                        : tickerDays[day].ids(), removed));
            }
        }
        return versions.stream().map(version -> List.copyOf(version.values())).toList();
    }

    /** Where a day that is not in the calendar (a removed bronze day) would be: the index of the first day after it. */
    private static int placeOf(List<LocalDate> calendar, LocalDate removed) {
        return -Collections.binarySearch(calendar, removed) - 1;
    }

    private static int[] symbolsIn(Path silverFile, BronzeBarsReader reader) {
        if (!Files.exists(silverFile)) {
            return new int[0];
        }
        try {
            return reader.readTickers(silverFile).ids();
        } catch (IOException | RuntimeException unreadable) {
            return new int[0];
        }
    }

    private static void removeOrphans(Collection<Path> orphans) throws IOException {
        for (Path orphan : orphans) {
            Files.deleteIfExists(orphan);
        }
    }

    /**
     * Removes the temp files a killed run left in the silver month folders, so that the lake ends as an uninterrupted
     * run leaves it: every month's, not only those this run writes, since a killed {@code --full} leaves temps beside
     * days that are not stale (their old files are whole), which no later run would write. A few dozen listings.
     */
    private void sweepInterruptedWrites(List<LocalDate> calendar) throws IOException {
        Set<Path> months = new LinkedHashSet<>();
        for (LocalDate day : calendar) {
            months.add(lake.silverDayFile(dataset, day).getParent());
        }
        int removed = 0;
        for (Path month : months) {
            removed += AtomicFiles.sweepAbandonedTemps(month);
        }
        if (removed > 0) {
            LOG.info("silver {}: removed {} temp files left by an interrupted run", dataset, removed);
        }
    }

    private Map<String, String> footer(LocalDate date, int day, List<Path> bronze, int rows) {
        List<String> sources = new ArrayList<>();
        for (int i = Math.max(0, day - BlockGrid.LOOKBACK); i <= day; i++) {
            sources.add(lake.relativePath(bronze.get(i)));
        }
        Map<String, String> footer = new LinkedHashMap<>();
        footer.put(FooterKeys.DATASET, dataset);
        footer.put(FooterKeys.DATE, date.toString());
        // the day's own bronze file last; the ones before it are the lookback its features read
        footer.put(FooterKeys.SOURCE_FILES, String.join(",", sources));
        footer.put(FooterKeys.ROW_COUNT, Integer.toString(rows));
        footer.put(META_FEATURES, "alpha158");
        footer.put(META_REVISION, FeatureRevision.CURRENT);
        footer.put(FooterKeys.WRITER_VERSION, WRITER_VERSION);
        return footer;
    }

    /** {@code task(indices[k])} for every k, on all of the pool's threads. */
    private static void inParallel(ForkJoinPool pool, int[] indices, ParallelFor.IndexTask task) throws IOException {
        ParallelFor.forEach(pool, pool.getParallelism(), indices.length, k -> task.run(indices[k]));
    }

    /** The wall and process-CPU time of one phase of a run (read, compute, write), over all its stretches. */
    private static final class PhaseTime {
        private long wallNanos;
        private long cpuNanos;
        private long wallStart;
        private long cpuStart;

        void start() {
            wallStart = System.nanoTime();
            cpuStart = processCpuNanos();
        }

        void stop() {
            wallNanos += System.nanoTime() - wallStart;
            cpuNanos += processCpuNanos() - cpuStart;
        }

        double seconds() {
            return wallNanos / 1e9;
        }

        double cpuSeconds() {
            return cpuNanos / 1e9;
        }

        private static long processCpuNanos() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }
    }
}
