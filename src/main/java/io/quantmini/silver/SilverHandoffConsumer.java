package io.quantmini.silver;

import io.quantmini.lake.HandoffTaker;
import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import io.quantmini.lake.RunLock;
import io.quantmini.text.Plural;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The bean behind {@code routes/silver.camel.yaml}: one bronze handoff in, silver brought up to date
 * (the stage itself finds what is stale from the lake), and the changed days handed on to gold.
 */
public final class SilverHandoffConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SilverHandoffConsumer.class);

    private final LakeLayout lake;
    private final Handoffs handoffs;
    private final HandoffTaker taker;
    private final Function<String, List<String>> calendarWarnings;

    /**
     * @param whyNotDailyBars  why a dataset a handoff names cannot be built, or null ({@code DatasetSchema})
     * @param calendarWarnings where a dataset's bronze days differ from the market's calendar
     *                         ({@code MarketDayGaps}), logged after each handoff's run
     */
    public SilverHandoffConsumer(LakeLayout lake, Handoffs handoffs, Function<String, String> whyNotDailyBars,
                                 Function<String, List<String>> calendarWarnings) {
        this.lake = lake;
        this.handoffs = handoffs;
        // a failed silver run keeps its gold marker, and the next ingest hands silver the days it lacks
        this.taker = new HandoffTaker(handoffs, Handoffs.SILVER, whyNotDailyBars, dataset -> null);
        this.calendarWarnings = calendarWarnings;
    }

    /** For on-demand runs of a dataset the caller has checked (and whose calendar it checks). */
    public SilverHandoffConsumer(LakeLayout lake, Handoffs handoffs) {
        this(lake, handoffs, dataset -> null, dataset -> List.of());
    }

    public SilverResult consume(Exchange exchange) throws IOException {
        return taker.take(exchange, dataset -> {
            SilverResult result = update(dataset);
            for (String warning : calendarWarnings.apply(dataset)) {
                LOG.warn("{}", warning);
            }
            return result;
        });
    }

    /** Incremental silver update of a dataset, followed by the gold handoff when any day changed. */
    public SilverResult update(String dataset) throws IOException {
        return update(dataset, null, null, false);
    }

    /**
     * Brings silver up to date over [from, to] ({@link SilverStage#run}) and hands the changed days to gold. The
     * handoff is owed from before the first silver write ({@link Handoffs#markUnpublished}): a run killed after
     * silver committed but before the handoff was written leaves its mark, and the next run hands off even though
     * it finds nothing stale.
     */
    public SilverResult update(String dataset, LocalDate from, LocalDate to, boolean full) throws IOException {
        // One run of a dataset at a time (the daemon's and an operator's): another's live gold mark is not owed by a
        // killed run, and it deletes its own mark.
        try (RunLock lock = RunLock.acquire(lake.silverLock(dataset), "silver " + dataset)) {
            return updateLocked(dataset, from, to, full);
        }
    }

    private SilverResult updateLocked(String dataset, LocalDate from, LocalDate to, boolean full) throws IOException {
        List<Path> goldHandoffsOwed = handoffs.unpublished(Handoffs.GOLD, dataset);
        Path owed = handoffs.markUnpublished(Handoffs.GOLD, dataset);
        SilverResult result = new SilverStage(lake, dataset).run(from, to, full);
        if (result.changedSilver() || !goldHandoffsOwed.isEmpty()) { // a removed last day changes gold too
            handoffs.write(Handoffs.GOLD, dataset, result.daysWrittenOrRemoved());
        }
        Files.delete(owed);
        for (Path marker : goldHandoffsOwed) {
            Files.deleteIfExists(marker);
        }
        LOG.info("silver {}: {} written, {} rows{}", dataset, Plural.of(result.daysWritten(), "day"), result.rows(),
                result.daysRemoved().isEmpty() ? "" : "; " + Plural.of(result.daysRemoved().size(), "day")
                        + " removed (no bronze day any more)");
        return result;
    }
}
