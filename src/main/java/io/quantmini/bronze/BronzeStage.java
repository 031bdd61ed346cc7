package io.quantmini.bronze;

import io.quantmini.config.ConfigException;
import io.quantmini.ingest.DayTask;
import io.quantmini.ingest.IngestRun;
import io.quantmini.lake.LakeLayout;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
        return writer(day.dataset()).startDay(day.date(), day.ticker());
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
        List<String> leftAlone = new TickerBarsPatch(lake, writer(dataset).schema()).apply(patches,
                Runtime.getRuntime().availableProcessors(),
                result -> {
                    run.dayDone(result);
                    days.incrementAndGet();
                },
                (day, failure) -> {
                    LOG.error("{} {}: cannot patch the day from per-ticker bars: {}", dataset, day, failure.toString());
                    run.dayFailed(day, "cannot patch from per-ticker bars: " + failure.getMessage());
                });
        for (String reason : leftAlone) {
            LOG.error("{}: {}", dataset, reason);
            run.problem(reason);
        }
        run.countBronzeNanos(System.nanoTime() - started);
        LOG.info("{}: {} days patched from the split-adjusted bars of {} tickers", dataset, days.get(), patches.size());
    }

    /**
     * Reads every schema in the datasets folder now, so that a bad one stops start-up (naming its file and key)
     * instead of the first run that needs it. The schemas are read once: an edit takes a restart.
     */
    public void loadAllSchemas() {
        if (!Files.isDirectory(datasetsDir)) {
            return; // a run names the missing schema of its dataset
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(datasetsDir, "*.yaml")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String dataset = name.substring(0, name.length() - ".yaml".length());
                if (name.startsWith(".")) {
                    continue; // an editor's lock or swap file
                }
                if (!SchemaFile.isDatasetName(dataset)) {
                    LOG.warn("{}: ignored, '{}' cannot be a dataset's name (a backup copy?)", file, dataset);
                    continue;
                }
                writer(dataset);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot list the dataset schemas in " + datasetsDir + ": " + e.getMessage(), e);
        }
        for (BronzeDayWriter writer : List.copyOf(writers.values())) {
            DatasetSchema schema = writer.schema();
            if (schema.tickerBars() != null) { // its rows patch this dataset's days
                String differ = schema.columnsDifferFrom(writer(schema.tickerBars()).schema());
                if (differ != null) {
                    throw new ConfigException(schema.source() + ": ticker_bars: " + differ);
                }
            }
        }
    }

    public BronzeDayWriter writer(String dataset) {
        return writers.computeIfAbsent(dataset,
                name -> new BronzeDayWriter(lake, DatasetSchema.load(datasetsDir.resolve(name + ".yaml"))));
    }
}
