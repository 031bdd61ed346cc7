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
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.Path;
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

    private final LakeLayout lake;
    private final BronzeWriters writers;

    public BronzeStage(LakeLayout lake, Path datasetsDir) {
        this.lake = lake;
        this.writers = new BronzeWriters(lake, datasetsDir);
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
        List<TickerBarsPatch.LeftAlone> leftAlone = new TickerBarsPatch(lake, writer(dataset).schema()).apply(patches,
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
        for (TickerBarsPatch.LeftAlone ticker : leftAlone) { // its days keep stale bars: failed, as a refused patch's
            LOG.error("{}: {}", dataset, ticker.reason());
            run.daysFailed(ticker.days(), ticker.reason());
        }
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
