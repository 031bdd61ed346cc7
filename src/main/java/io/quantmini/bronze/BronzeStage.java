package io.quantmini.bronze;

import io.quantmini.ingest.DayTask;
import io.quantmini.ingest.IngestRun;
import io.quantmini.lake.LakeLayout;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bean behind the {@code bronze-write} template and the fetcher's page reading: finds the dataset's schema in
 * {@code config/datasets/<dataset>.yaml} (read once per dataset), hands out a {@link DayDecoding} for each day's
 * page chain, and writes the decoded day to bronze.
 */
public final class BronzeStage {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BronzeStage.class);

    private final LakeLayout lake;
    private final Path datasetsDir;
    private final Map<String, BronzeDayWriter> writers = new ConcurrentHashMap<>();

    public BronzeStage(LakeLayout lake, Path datasetsDir) {
        this.lake = lake;
        this.datasetsDir = datasetsDir;
    }

    /** The reader for one day's page chain: decodes each page as it lands. */
    public DayDecoding startDay(DayTask day) {
        return writer(day.dataset()).startDay(day.date(), day.vars().get(DayTask.TICKER_VAR));
    }

    public BronzeDayResult write(Exchange exchange) throws IOException, org.apache.camel.InvalidPayloadException {
        DayTask day = exchange.getProperty(DayTask.PROPERTY, DayTask.class);
        DayDecoding decoded = exchange.getIn().getMandatoryBody(DayDecoding.class);
        long started = System.nanoTime();
        BronzeDayWriter writer = writer(day.dataset());
        BronzeDayResult result = writer.write(decoded);
        if (result.rows() == 0 && result.rejects() == 0 && writer.schema().recordsEveryTradingDay()) {
            // The calendar said trading day, Polygon sent nothing: an ad hoc closure missing from the calendar file?
            LOG.warn("{} {}: Polygon reports no records on this NYSE trading day; if the market was closed, add the day "
                    + "to config/calendar/nyse-closures.csv", day.dataset(), day.date());
        }
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        if (run != null) {
            run.countBronzeNanos(System.nanoTime() - started);
        }
        return result;
    }

    /**
     * Puts a ticker's bars from a per-ticker response (the body, decoded as they landed) into the days of the run's
     * dataset that a split made stale for it (the task's {@code ticker} and {@code days}); see {@link TickerBarsPatch}.
     */
    public List<BronzeDayResult> patch(Exchange exchange) throws IOException, org.apache.camel.InvalidPayloadException {
        DayTask task = exchange.getProperty(DayTask.PROPERTY, DayTask.class);
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        DayDecoding bars = exchange.getIn().getMandatoryBody(DayDecoding.class);
        String ticker = task.vars().get(DayTask.TICKER_VAR);
        List<LocalDate> days = Arrays.stream(task.vars().get(DayTask.DAYS_VAR).split(",")).map(LocalDate::parse)
                .toList();
        long started = System.nanoTime();
        List<BronzeDayResult> written = new TickerBarsPatch(lake, writer(run.request().dataset()).schema())
                .apply(bars, ticker, days);
        LOG.info("{}: {} days of {} patched from its split-adjusted bars ({})", run.request().dataset(),
                written.size(), ticker, task.dataset());
        run.countBronzeNanos(System.nanoTime() - started);
        return written;
    }

    public BronzeDayWriter writer(String dataset) {
        return writers.computeIfAbsent(dataset,
                name -> new BronzeDayWriter(lake, DatasetSchema.load(datasetsDir.resolve(name + ".yaml"))));
    }
}
