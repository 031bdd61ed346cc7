package io.quantmini.ingest;

import io.quantmini.bronze.BronzeSplits;
import io.quantmini.calendar.NyseCalendar;
import io.quantmini.config.QuantMiniConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schedule's job: an incremental ingest of the last few calendar days up to the last day whose bars are final
 * ({@link IngestPlanner#lastFinalDay}: yesterday, or today after 20:00 New York), or from the day after the lake's
 * last day when that is earlier (the process was down, the machine asleep), and its report in the log. A day still
 * trading is left out on purpose: it would land partial bars, and an incremental run never fetches a day again once
 * its bronze file exists.
 */
public final class ScheduledIngest {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledIngest.class);

    /** How far back a scheduled run fetches the days it missed: as far as its window may reach. */
    static final int MAX_CATCH_UP_DAYS = QuantMiniConfig.MAX_LOOKBACK_DAYS;

    /** The route (routes/schedule.camel.yaml) a {@link #lastDays} step's run is sent to, which runs and reports it. */
    public static final String ROUTE = "direct:scheduled-ingest";

    private final Clock marketClock;
    private final IngestPlanner planner;
    /** The scheduled runs going on, for {@link #stopAll}. */
    private final Set<IngestRun> inProgress = ConcurrentHashMap.newKeySet();
    private volatile String stopping;

    /** The splits warning of {@link #lastDays(String, int)} is said once per process. */
    private volatile boolean warnedOfNoRecheck;

    /** @param clock now; read in New York time whatever its zone */
    public ScheduledIngest(Clock clock, IngestPlanner planner) {
        this.marketClock = clock.withZone(NyseCalendar.ZONE);
        this.planner = planner;
    }

    /**
     * The last {@code days} calendar days up to the last final day; for a split-adjusted dataset, from the first day a
     * split made stale if that is earlier (the incremental run then fetches only the stale and missing days).
     */
    public IngestRun lastDays(String dataset, int days) {
        if (BronzeSplits.DATASET.equals(dataset) && !warnedOfNoRecheck) {
            warnedOfNoRecheck = true;
            LOG.warn("scheduled ingest of {}: asked for without recheck days (a schedule route older than"
                    + " quantmini.schedule.splits-recheck-days?), so only missing days are fetched and a split Polygon"
                    + " reports late never reaches the lake; routes/schedule.camel.yaml shows the call", dataset);
        }
        return lastDays(dataset, days, 0);
    }

    /**
     * As {@link #lastDays(String, int)}, also fetching again the last {@code refetchDays} calendar days up to the last
     * final day that bronze holds already: the schedule asks for recent splits again, since Polygon reports some after
     * their execution date, and a split the lake never sees leaves a jump in every series of its ticker.
     */
    public IngestRun lastDays(String dataset, int days, int refetchDays) {
        // as `data ingest` has it: a schedule after 20:00 New York (a Tokyo morning) takes the session just closed
        LocalDate lastFinal = IngestPlanner.lastFinalDay(LocalDateTime.now(marketClock));
        LocalDate start = lastFinal.minusDays(days - 1L);
        LocalDate refetchFrom = refetchDays > 0 ? lastFinal.minusDays(refetchDays - 1L) : null;
        if (refetchFrom != null && stopping == null) {
            refetchFrom = withSplitsAwaitingConfirmation(dataset, refetchFrom);
        }
        if (refetchFrom != null && refetchFrom.isBefore(start)) {
            start = refetchFrom;
        }
        if (stopping != null) { // the schedule's next step, started during the stop: nothing to read, plan or say
            IngestRun run = new IngestRun(new IngestRequest(dataset, start, lastFinal, true, refetchFrom));
            run.abort(stopping);
            return run;
        }
        try {
            NavigableMap<LocalDate, Path> bronze = planner.bronzeDays(dataset); // listed once for both searches
            start = catchUpStart(dataset, bronze, start, lastFinal);
            start = firstHoleStart(dataset, bronze, start, lastFinal);
        } catch (IOException e) {
            LOG.error("scheduled ingest of {}: cannot list its bronze days, so the window stays at {} and no day"
                    + " missing before it is looked for: {}", dataset, start, e.getMessage());
        }
        NavigableMap<LocalDate, Set<String>> stale = null;
        try {
            stale = planner.staleDays(dataset, LocalDate.MIN, lastFinal);
            if (!stale.isEmpty() && stale.firstKey().isBefore(start)) {
                start = stale.firstKey();
            }
        } catch (IOException e) {
            LOG.error("scheduled ingest of {}: cannot check older days for splits, so the window stays at {} days: {}",
                    dataset, days, e.getMessage());
        }
        IngestRun run = new IngestRun(new IngestRequest(dataset, start, lastFinal, true, refetchFrom));
        if (stale != null) {
            run.staleDaysChecked(stale); // the planner need not read the same days again
        }
        LOG.info("scheduled ingest of {} {}..{}{}", dataset, run.request().start(), run.request().end(),
                refetchFrom == null ? "" : " (days from " + refetchFrom + " fetched again, present or not)");
        inProgress.add(run);
        if (stopping != null) {
            run.abort(stopping);
        }
        return run;
    }

    /**
     * For the splits, the first day fetched again moved back to the first day whose file holds a split one answer
     * lacked and no second answer has confirmed withdrawn: seen on the last recheck of its day, it would stay so for
     * good (counted as reported, and the bars adjusted for it never patched back).
     */
    private LocalDate withSplitsAwaitingConfirmation(String dataset, LocalDate refetchFrom) {
        if (!BronzeSplits.DATASET.equals(dataset)) {
            return refetchFrom;
        }
        try {
            NavigableSet<LocalDate> awaiting = planner.splitsAwaitingConfirmation();
            if (!awaiting.isEmpty() && awaiting.first().isBefore(refetchFrom)) {
                LOG.info("scheduled ingest of {}: fetching again from {}, whose answer lacked a split the day held: a"
                        + " second answer confirms its withdrawal or brings it back", dataset, awaiting.first());
                return awaiting.first();
            }
        } catch (IOException e) {
            LOG.warn("scheduled ingest of {}: cannot look for splits one answer lacked: {}", dataset, e.getMessage());
        }
        return refetchFrom;
    }

    /**
     * The window's start, moved back to the day after the lake's last bronze day when the schedule missed days (the
     * process was down longer than the window): without it those days stayed missing for good, a silent hole in every
     * series. At most {@link #MAX_CATCH_UP_DAYS} back; an older gap is left to {@code data ingest}, with a warning.
     */
    private LocalDate catchUpStart(String dataset, NavigableMap<LocalDate, Path> bronze, LocalDate start,
                                   LocalDate lastFinal) {
        Optional<LocalDate> last;
        try {
            last = IngestPlanner.lastBronzeDay(bronze);
        } catch (IOException e) {
            LOG.error("scheduled ingest of {}: cannot read its last bronze day, so the window stays at {}: {}",
                    dataset, start, e.getMessage());
            return start;
        }
        if (last.isEmpty() || !last.get().plusDays(1).isBefore(start)) {
            return start;
        }
        LocalDate from = last.get().plusDays(1);
        LocalDate floor = lastFinal.minusDays(MAX_CATCH_UP_DAYS - 1L);
        if (from.isBefore(floor)) {
            LOG.warn("scheduled ingest of {}: the lake's last day is {}, more than {} days ago: the days before {} are"
                    + " left to `quantmini data ingest -t {} -s {} -e {} --incremental`", dataset, last.get(),
                    MAX_CATCH_UP_DAYS, floor, dataset, from, floor.minusDays(1));
            from = floor;
        }
        LOG.info("scheduled ingest of {}: the lake's last day is {}, so the window starts the day after it", dataset,
                last.get());
        return from;
    }

    /**
     * The window's start, moved back to the first trading day of the last {@link #MAX_CATCH_UP_DAYS} that bronze lacks
     * between its days (a day that kept failing longer than the window, a file cut short): once the window passed
     * such a day, it stayed a hole for good, silver and gold reading the days either side of it as consecutive. The
     * run is incremental: only the missing days in the longer window are fetched.
     */
    private LocalDate firstHoleStart(String dataset, NavigableMap<LocalDate, Path> bronze, LocalDate start,
                                     LocalDate lastFinal) {
        LocalDate floor = lastFinal.minusDays(MAX_CATCH_UP_DAYS - 1L);
        Optional<LocalDate> hole = planner.firstMissingDay(bronze, floor, start);
        if (hole.isPresent()) {
            LOG.info("scheduled ingest of {}: bronze lacks the trading day {} between its days, so the window"
                    + " starts at it (only missing days are fetched)", dataset, hole.get());
            return hole.get();
        }
        return start;
    }

    /**
     * The process is stopping: the runs going on request no new day (their days in flight finish), so that they end
     * within the shutdown timeout rather than being cut off mid-request.
     */
    public void stopAll(String reason) {
        stopping = reason;
        inProgress.forEach(run -> run.abort(reason));
    }

    /** The exchange property the schedule's {@code doCatch} puts what an ingest threw in. */
    static final String THREW = "quantmini.ingestThrew";

    /**
     * Logs how a scheduled ingest ended. The schedule calls it whatever happened (a {@code doFinally}): an ingest that
     * threw outside its days (the lake could not be listed, say) is reported as failed, and the schedule goes on to
     * its next dataset.
     */
    public void report(org.apache.camel.Exchange exchange) {
        // the planner makes the run a property; an ingest that threw before it still has the run as its body
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        if (run == null) {
            run = exchange.getIn().getBody(IngestRun.class);
        }
        // set by the schedule's doCatch only: Camel's own EXCEPTION_CAUGHT also holds a day's retried, mended failure
        Exception thrown = exchange.getProperty(THREW, Exception.class);
        // the schedule's next dataset is reported on its own
        exchange.removeProperty(IngestRun.PROPERTY);
        exchange.removeProperty(THREW);
        if (thrown != null) {
            run.problem(DayOutcomes.describe(thrown));
        }
        inProgress.remove(run);
        String summary = IngestSummary.of(run).oneLine();
        if (stopping != null && stopping.equals(run.abortReason()) && run.plannedDays() == 0 && run.requests() == 0) {
            LOG.debug("scheduled ingest of {} not started: the process is stopping", run.request().dataset());
        } else if (stopping != null && stopping.equals(run.abortReason())) {
            LOG.info("scheduled ingest stopped with the process: {} | {}", run.failureSummary(), summary);
        } else if (run.failed()) {
            LOG.error("scheduled ingest failed: {} | {}", run.failureSummary(), summary);
        } else {
            LOG.info("scheduled ingest done: {}", summary);
        }
    }
}
