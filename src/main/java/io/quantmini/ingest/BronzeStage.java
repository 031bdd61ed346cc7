package io.quantmini.ingest;

import io.quantmini.bronze.BronzeDayResult;
import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.BronzeWriters;
import io.quantmini.bronze.ColumnSpec;
import io.quantmini.bronze.DayDecoding;
import io.quantmini.bronze.TickerBarsPatch;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingStore;
import io.quantmini.polygon.FetchRequest;
import io.quantmini.text.Printable;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bean behind the {@code bronze-write} template and the fetcher's page reading: hands out a {@link DayDecoding}
 * for each day's page chain, writes the decoded day to bronze with its dataset's writer ({@link BronzeWriters}), and
 * tells the run what happened.
 */
public final class BronzeStage {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BronzeStage.class);
    /** Days without records said one by one in a run ({@link #warnOfAnEmptyDay}). */
    static final int EMPTY_DAYS_SAID = 3;
    /** Tickers whose set-aside bars a run names one by one ({@link #warnOfSetAsideBars}); the rest are counted. */
    static final int SET_ASIDE_TICKERS_SAID = 20;
    /** Days a set-aside warning names; it gives the range and the count of the rest. */
    private static final int SET_ASIDE_DAYS_SAID = 5;

    private final LakeLayout lake;
    private final BronzeWriters writers;

    public BronzeStage(LakeLayout lake, Path datasetsDir, Clock clock) {
        this.lake = lake;
        this.writers = new BronzeWriters(lake, datasetsDir, clock);
    }

    /** The reader for one day's page chain: decodes each page as it lands. */
    public DayDecoding startDay(FetchRequest day) {
        String since = day.vars().get(DayTask.SINCE_VAR);
        return writer(day.dataset()).startDay(day.date(), since == null ? null : java.time.LocalDate.parse(since),
                day.vars().get(DayTask.TICKER_VAR));
    }

    public BronzeDayResult write(Exchange exchange) throws IOException, org.apache.camel.InvalidPayloadException {
        DayTask day = exchange.getProperty(DayTask.PROPERTY, DayTask.class);
        DayDecoding decoded = exchange.getIn().getMandatoryBody(DayDecoding.class);
        long started = System.nanoTime();
        BronzeDayWriter writer = writer(day.dataset());
        BronzeDayResult result = writer.write(decoded, day.rebase());
        if (!decoded.missingRecords()) { // (an empty re-fetch keeps the earlier capture and bronze file: no news)
            LandingStore.bronzeWritten(decoded.pages());
        }
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        if (result.rows() == 0 && result.rejects() == 0 && writer.schema().recordsEveryTradingDay()) {
            warnOfAnEmptyDay(day, run);
        }
        String outside = decoded.keptOutsideRequestWindow();
        if (outside != null) {
            LOG.warn("{} {}: {}; such records are kept unless another rule rejects them; if Polygon answered for"
                    + " another day, fetch the day again", day.dataset(), day.date(), outside);
        }
        for (ColumnSpec column : decoded.columnsInNoRecord()) {
            if (run == null || run.firstNotice("no field " + column.sourceField())) {
                LOG.warn("{} {}: no record has the field '{}', so column {} is null in every row (and on any later day"
                        + " of this run without it, unlogged): is field: misspelled in {}?", day.dataset(), day.date(),
                        column.sourceField(), column.name(), writer.schema().source());
            }
        }
        if (run != null) {
            run.countBronzeNanos(System.nanoTime() - started);
        }
        return result;
    }

    /**
     * A ticker's bars from a per-ticker response (the body, decoded as they landed), with the days a split made stale
     * for it (the task's ticker and patch days): kept by the run until {@link #applyPatches}.
     */
    public TickerBarsPatch.TickerBars tickerBars(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        DayTask task = exchange.getProperty(DayTask.PROPERTY, DayTask.class);
        DayDecoding bars = exchange.getIn().getMandatoryBody(DayDecoding.class);
        return new TickerBarsPatch.TickerBars(task.ticker(), bars, task.patchDays());
    }

    /**
     * Puts every ticker's bars the run collected into the run's dataset, each stale day read and written once
     * ({@link TickerBarsPatch}), as many days at a time as there are cores.
     */
    public void applyPatches(Exchange exchange) throws IOException {
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        List<TickerBarsPatch.TickerBars> patches = run.tickerBars();
        if (patches.isEmpty()) {
            return;
        }
        String dataset = run.request().dataset();
        long started = System.nanoTime();
        AtomicInteger days = new AtomicInteger();
        Set<LocalDate> notWritten = ConcurrentHashMap.newKeySet();
        TickerBarsPatch.Outcome outcome = new TickerBarsPatch(lake, writer(dataset).schema()).apply(patches,
                Runtime.getRuntime().availableProcessors(),
                result -> {
                    run.dayDone(result);
                    days.incrementAndGet();
                },
                (day, failure) -> {
                    notWritten.add(day);
                    LOG.error("{} {}: cannot patch the day from per-ticker bars: {}", dataset, day, failure.toString());
                    run.dayFailed(day, "cannot patch from per-ticker bars: " + failure.getMessage());
                });
        for (TickerBarsPatch.LeftAlone ticker : outcome.leftAlone()) { // its days keep stale bars: failed
            LOG.error("{}: {}", dataset, ticker.reason());
            run.daysFailed(ticker.days(), ticker.reason());
        }
        warnOfSetAsideBars(dataset, outcome.setAside());
        // The pending mark of re-fetched per-ticker pages goes once they are used: patched in, or left alone (their
        // days failed, to be fetched again whole). No run by day would ever settle it. A day that could not be written
        // keeps its pages' mark, in one call with the rest: one folder's mark can name several tickers' pages.
        LandingStore.bronzeWritten(patches.stream()
                .filter(patch -> patch.days().stream().noneMatch(notWritten::contains))
                .flatMap(patch -> patch.bars().pages().stream()).toList());
        run.countBronzeNanos(System.nanoTime() - started);
        LOG.info("{}: {} days patched from the split-adjusted bars of {} tickers", dataset, days.get(), patches.size());
    }

    /**
     * A ticker's bar set aside on a day its per-ticker answer had no valid bar for: the day has no bar of the ticker
     * now, which the summary only counts among its rejects. Said per ticker with its days, since fetching those days
     * again whole is how they get the bar back if Polygon's grouped answer has it.
     */
    private static void warnOfSetAsideBars(String dataset, List<TickerBarsPatch.SetAside> setAside) {
        for (int t = 0; t < Math.min(setAside.size(), SET_ASIDE_TICKERS_SAID); t++) {
            TickerBarsPatch.SetAside ticker = setAside.get(t);
            List<LocalDate> days = ticker.days();
            String named = days.stream().limit(SET_ASIDE_DAYS_SAID).map(LocalDate::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
            LOG.warn("{}: the per-ticker answer for {} has no valid bar on {} of its stale days ({}{}): its old-basis"
                    + " bars there went to bronze/_rejects/{} (rule split_basis) and those days hold no bar of it; if"
                    + " Polygon's grouped bars have them, fetch the days again whole: data ingest -t {} -s {} -e {}"
                    + " (without --incremental)",
                    dataset, Printable.quoted(ticker.ticker()), days.size(), named,
                    days.size() > SET_ASIDE_DAYS_SAID ? ", ..." : "", dataset, dataset, days.get(0),
                    days.get(days.size() - 1));
        }
        if (setAside.size() > SET_ASIDE_TICKERS_SAID) {
            LOG.warn("{}: {} more tickers had bars set aside the same way (bronze/_rejects/{}, rule split_basis)",
                    dataset, setAside.size() - SET_ASIDE_TICKERS_SAID, dataset);
        }
    }

    /**
     * The calendar said trading day, Polygon sent nothing: an ad hoc closure missing from the calendar file, or a day
     * before Polygon's history. Said for the first {@link #EMPTY_DAYS_SAID} such days of a run: a backfill from before
     * Polygon's history has thousands, which the summary counts ({@code empty=}).
     */
    private void warnOfAnEmptyDay(DayTask day, IngestRun run) {
        int said = run == null ? 1 : run.notices("empty day");
        if (said > EMPTY_DAYS_SAID) {
            return;
        }
        boolean earlier = java.nio.file.Files.exists(lake.bronzeDayFile(day.dataset(), day.date()));
        LOG.warn("{} {}: Polygon reports no records on this NYSE trading day{}; if the market was closed, add the"
                + " day to config/calendar/nyse-closures.csv (a day before Polygon's history has none either){}",
                day.dataset(), day.date(),
                earlier ? " (the day's earlier bronze file and landing capture stay as they were)" : "",
                said == EMPTY_DAYS_SAID ? "; any further day without records is counted in the summary, not said" : "");
    }

    /** See {@link BronzeWriters#loadAllSchemas}. */
    public void loadAllSchemas() {
        writers.loadAllSchemas();
    }

    public BronzeDayWriter writer(String dataset) {
        return writers.writer(dataset);
    }
}
