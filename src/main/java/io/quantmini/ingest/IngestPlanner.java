package io.quantmini.ingest;

import io.quantmini.bronze.ColumnSpec;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.calendar.MarketDayGaps;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns a request into the trading days to fetch. Non-trading days are never requested; with
 * {@code --incremental} a day whose bronze file exists is skipped, because the lake itself is the record
 * of what is done, unless the dataset is split-adjusted and a split reported since made the day's bars stale
 * ({@link SplitBasis}). Dates after today (in the market's time zone) are not requested either, nor today before
 * {@link #FINAL_AFTER}: its bars are not final yet. Before any
 * work, temp files left by a killed run are removed from the folders this run will write.
 */
public final class IngestPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPlanner.class);

    /** When a day's bars are final, in the market's time zone: the end of the after-hours session. */
    static final LocalTime FINAL_AFTER = LocalTime.of(20, 0);

    private final NyseCalendar calendar;
    private final LakeLayout lake;
    private final Clock marketClock;
    private final SplitRefresh splits;
    private final Function<String, DatasetSchema> schemas;
    /** The data root's identity (device and inode) when the process started or made it, or null before. */
    private volatile Object rootAtStart;

    /** @param clock now; read in New York time whatever its zone (the schedule's zone may be another) */
    public IngestPlanner(NyseCalendar calendar, LakeLayout lake, Clock clock,
                         Function<String, DatasetSchema> schemas) {
        this.calendar = calendar;
        this.lake = lake;
        this.marketClock = clock.withZone(NyseCalendar.ZONE);
        this.splits = new SplitRefresh(lake, marketClock.getZone(), schemas);
        this.schemas = schemas;
        this.rootAtStart = identity(lake.root());
    }

    /** Start-up made the data root: the folder the runs write to from now on. */
    public void rootMade() {
        if (rootAtStart == null) {
            rootAtStart = identity(lake.root());
        }
    }

    private static Object identity(Path folder) {
        try {
            return Files.readAttributes(folder, BasicFileAttributes.class).fileKey();
        } catch (IOException absent) {
            return null;
        }
    }

    /**
     * Camel entry point: the body is an {@link IngestRun}; it becomes the run's exchange property. The tasks stop
     * coming once the run has stopped.
     */
    public PlannedTasks plan(Exchange exchange) throws IOException, org.apache.camel.InvalidPayloadException {
        IngestRun run = exchange.getIn().getMandatoryBody(IngestRun.class);
        exchange.setProperty(IngestRun.PROPERTY, run);
        return new PlannedTasks(run, plan(run));
    }

    /**
     * The last day whose bars are final: today once its after-hours session has ended, else yesterday. Polygon
     * answers a day still trading with the bars so far; stored, an incremental run would never replace them.
     */
    public static LocalDate lastFinalDay(LocalDateTime now) {
        return now.toLocalTime().isBefore(FINAL_AFTER) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
    }

    /**
     * Why {@code dataset} cannot be fetched by day, or null: a column {@code from: request_ticker} makes it per-ticker
     * bars, asked one ticker at a time only to patch the days a split made stale; a request by day names no ticker,
     * so every record would be rejected.
     */
    private String perTickerOnly(String dataset) {
        DatasetSchema schema = schemas.apply(dataset);
        for (ColumnSpec column : schema.columns()) {
            if (column.source() == ColumnSpec.Source.REQUEST_TICKER) {
                return schema.source() + ": column " + column.name() + " is from: request_ticker, so " + dataset
                        + " is per-ticker bars, fetched only to patch the days a split made stale for the dataset that"
                        + " names it as its ticker_bars, not by day: nothing fetched";
            }
        }
        return null;
    }

    public List<DayTask> plan(IngestRun run) throws IOException {
        IngestRequest request = run.request();
        String refused = run.abortReason() != null ? run.abortReason() : refusal(request);
        if (refused != null) {
            run.abort(refused); // a run stopped before it began keeps its reason
            run.planned(0, 0);
            return List.of();
        }
        LocalDateTime now = LocalDateTime.now(marketClock);
        LocalDate today = now.toLocalDate();
        LocalDate lastFinal = lastFinalDay(now);
        LocalDate end = request.end().isAfter(lastFinal) ? lastFinal : request.end();
        if (lastFinal.isBefore(today) && !request.start().isAfter(today) && !request.end().isBefore(today)
                && calendar.isTradingDay(today)) {
            LOG.info("{} {} is left out: its bars are final after {} {} (the end of its after-hours session)",
                    request.dataset(), today, FINAL_AFTER, marketClock.getZone());
        }
        sweepInterruptedWrites(request.dataset(), request.start(), end);
        List<DayTask> tasks = new ArrayList<>();
        int skipped = 0;
        List<LocalDate> days = request.start().isAfter(end) ? List.of() : calendar.tradingDays(request.start(), end);
        SplitRefresh.Check splitCheck = splits.check(request.dataset());
        NavigableMap<LocalDate, Set<String>> stale = days.isEmpty() ? new TreeMap<>() : staleDays(run, end, splitCheck);
        if (request.incremental() && !days.isEmpty() && run.checkedStaleDays().isEmpty()) {
            // the schedule's window starts at the first
            warnOfStaleDaysBefore(request.dataset(), request.start(), splitCheck);
        }
        List<DayTask> patches = request.incremental() ? splits.tickerPatches(request.dataset(), stale) : List.of();
        for (DayTask patch : patches) { // a killed run's per-ticker page, cut short
            AtomicFiles.sweepAbandonedTemps(lake.landingDay(patch.dataset(), patch.date()));
        }
        boolean fetchStaleDays = patches.isEmpty();
        int askedAgain = 0; // days bronze holds, fetched again on purpose: a recheck, or a run without --incremental
        for (LocalDate day : days) {
            boolean rebase = fetchStaleDays && stale.containsKey(day);
            if (request.refetches(day) || !inBronze(request.dataset(), day) || rebase) {
                tasks.add(DayTask.tradingDay(request.dataset(), day, calendar.previousTradingDay(day), rebase));
                if (request.refetches(day) && Files.exists(lake.bronzeDayFile(request.dataset(), day))) {
                    askedAgain++;
                }
            } else if (!stale.containsKey(day)) {
                skipped++;
            }
        }
        int fetched = tasks.size();
        int patchedDays = patches.isEmpty() ? 0 : stale.size();
        run.planned(fetched + patchedDays, skipped);
        tasks.addAll(patches);
        String until = end.equals(request.end()) ? "" : " (final days end " + lastFinal + ")";
        LOG.info("{} {}..{}{}: {} trading days to fetch{}, {} to patch, {} already in bronze", request.dataset(),
                request.start(), request.end(), until, fetched, askedAgain == 0 ? ""
                        : " (" + askedAgain + " of them in bronze, asked again)", patchedDays, skipped);
        return tasks;
    }

    /**
     * Why the run must not fetch anything, or null: the data root is gone or replaced since start-up (start-up made it
     * or found it; an unmounted volume leaves its empty mount point, and writing now would start a lake of the last
     * few days in its place, from which gold would be rebuilt), or the dataset is per-ticker bars.
     */
    private String refusal(IngestRequest request) {
        if (!Files.isDirectory(lake.root()) || rootAtStart != null && !rootAtStart.equals(identity(lake.root()))) {
            return "the data root " + lake.root() + " is gone, or is not the folder it was when this process started"
                    + " (an unmounted volume?): nothing fetched (mount it, or restart, to resume)";
        }
        return perTickerOnly(request.dataset());
    }

    /**
     * The days in the run's range a split made stale, with their tickers. A run that is not incremental fetches every
     * day anyway: it checks them only to replace the stale ones' files even when Polygon's answer holds the same rows
     * ({@link DayTask#rebase}), and a check that fails only warns; an incremental run's failed check fails the run at
     * its end, naming the file, while new days still come in.
     */
    private NavigableMap<LocalDate, Set<String>> staleDays(IngestRun run, LocalDate end, SplitRefresh.Check check) {
        IngestRequest request = run.request();
        try {
            Optional<NavigableMap<LocalDate, Set<String>>> checked = run.checkedStaleDays();
            return checked.isPresent()
                    ? new TreeMap<>(checked.get().subMap(request.start(), true, end, true))
                    : check.staleDays(request.start(), end);
        } catch (IOException e) {
            if (request.incremental()) {
                LOG.error("{}: cannot check the days for splits, so none is fetched again for one: {}",
                        request.dataset(), e.getMessage());
                run.problem("split check: " + e.getMessage());
            } else {
                LOG.warn("{}: cannot check the days for splits, so a day whose answer holds the rows it has keeps"
                        + " its file, even one a split made stale: {}", request.dataset(), e.getMessage());
            }
            return new TreeMap<>();
        }
    }

    /**
     * A run over later days leaves the days before it that a split made stale on the old basis: it says so, and how
     * to bring them onto the new one, since a series that jumps at the split is wrong data that nothing else reports.
     */
    private void warnOfStaleDaysBefore(String dataset, LocalDate start, SplitRefresh.Check check) {
        NavigableMap<LocalDate, Set<String>> earlier;
        try {
            earlier = check.staleDays(LocalDate.MIN, start.minusDays(1));
        } catch (IOException e) { // advice only: an unreadable older day is not this run's business
            LOG.warn("{}: cannot check the days before {} for splits: {}", dataset, start, e.getMessage());
            return;
        }
        if (!earlier.isEmpty()) {
            LOG.warn("{}: {} were fetched before a split of their ticker took effect and stay on the old basis: this"
                    + " run starts after them; `quantmini data ingest -t {} -s {} -e {} --incremental` brings them onto"
                    + " the new one", dataset, SplitBasis.describe(earlier), dataset, earlier.firstKey(),
                    start.minusDays(1));
        }
    }

    /** The dataset's bronze day files by date ({@link DayFiles#list}), for the searches below. */
    public NavigableMap<LocalDate, Path> bronzeDays(String dataset) throws IOException {
        return DayFiles.list(lake.bronzeDataset(dataset));
    }

    /**
     * The latest of {@code bronze}'s days with a whole file, if any: a last file cut short is a day still owed (an
     * {@code --incremental} run fetches it again), so a window starting after it would never repair it.
     */
    public static Optional<LocalDate> lastBronzeDay(NavigableMap<LocalDate, Path> bronze) throws IOException {
        for (Map.Entry<LocalDate, Path> day : bronze.descendingMap().entrySet()) {
            if (DayFiles.isWholeParquet(day.getValue())) {
                return Optional.of(day.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The first trading day from {@code from} to the day before {@code before} that {@code bronze} lacks between its
     * days, as silver's calendar warning has it ({@link MarketDayGaps#missing}; a file cut short, or one that cannot be
     * read, is lacked, as an incremental run fetches it again), if any.
     */
    public Optional<LocalDate> firstMissingDay(NavigableMap<LocalDate, Path> bronze, LocalDate from, LocalDate before) {
        NavigableSet<LocalDate> held = new TreeSet<>();
        for (Map.Entry<LocalDate, Path> day : bronze.entrySet()) {
            // a file before the days looked at only bounds them: not read
            if (day.getKey().isBefore(from) || isWholeAndReadable(day.getValue())) {
                held.add(day.getKey());
            }
        }
        return MarketDayGaps.of(calendar, held).missing().stream()
                .filter(day -> !day.isBefore(from) && day.isBefore(before))
                .findFirst();
    }

    private static boolean isWholeAndReadable(Path file) {
        try {
            return DayFiles.isWholeParquet(file);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /**
     * Whether bronze holds the day for {@code --incremental}: a file that is there but not a whole Parquet file (cut
     * short by a crash of another tool, a full disk, a hand copy) is fetched again rather than blocking silver and
     * gold for good.
     */
    private boolean inBronze(String dataset, LocalDate day) {
        Path file = lake.bronzeDayFile(dataset, day);
        if (!Files.exists(file)) {
            return false;
        }
        if (LandingStore.commitInterrupted(lake.landingDay(dataset, day))) {
            LOG.warn("{} {}: its landing pages were replaced but its bronze file not written from them (a run"
                    + " stopped, or the day failed): fetched again", dataset, day);
            return false;
        }
        try {
            if (!DayFiles.isWholeParquet(file)) {
                LOG.warn("{} {}: {} is not a whole Parquet file: fetched again", dataset, day, file);
                return false;
            }
        } catch (IOException unreadable) {
            LOG.warn("{} {}: cannot read its bronze file ({}): fetched again", dataset, day, unreadable.getMessage());
            return false;
        }
        return true;
    }

    /**
     * The days in {@code [from, to]} whose bronze bars a later split made stale (see {@link SplitBasis}), with the
     * tickers concerned: the schedule starts its window at the first, so that a split brings the ticker's whole
     * history onto the new basis.
     */
    public NavigableMap<LocalDate, Set<String>> staleDays(String dataset, LocalDate from, LocalDate to)
            throws IOException {
        return splits.staleDays(dataset, from, to);
    }

    /**
     * The days of the splits dataset whose file holds a split one answer lacked, awaiting a second answer to confirm
     * its withdrawal ({@link SplitBasis#awaitingConfirmation}).
     */
    public NavigableSet<LocalDate> splitsAwaitingConfirmation() throws IOException {
        return SplitBasis.awaitingConfirmation(lake);
    }

    private void sweepInterruptedWrites(String dataset, LocalDate start, LocalDate end) throws IOException {
        int removed = 0;
        if (!start.isAfter(end)) {
            YearMonth last = YearMonth.from(end);
            for (YearMonth month = YearMonth.from(start); !month.isAfter(last); month = month.plusMonths(1)) {
                LocalDate first = month.atDay(1);
                removed += AtomicFiles.sweepAbandonedTemps(LakeLayout.monthFolder(lake.bronzeDataset(dataset), first));
                removed += AtomicFiles.sweepAbandonedTemps(LakeLayout.monthFolder(lake.rejectsDataset(dataset), first));
            }
        }
        // Every landing day, not only this run's: a re-fetch killed mid-chain leaves every page it held (a re-fetch
        // lands its pages at the end of its chain), maybe days a later run never asks for again. Listings only.
        Path landing = lake.landingDataset(dataset);
        if (Files.isDirectory(landing)) {
            try (Stream<Path> days = Files.list(landing)) {
                for (Path day : days.filter(Files::isDirectory).toList()) {
                    removed += AtomicFiles.sweepAbandonedTemps(day);
                }
            }
        }
        if (removed > 0) {
            LOG.info("removed {} temp files left by an interrupted run", removed);
        }
    }
}
