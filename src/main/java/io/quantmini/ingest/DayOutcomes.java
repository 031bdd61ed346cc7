package io.quantmini.ingest;

import io.quantmini.bronze.BronzeDayResult;
import io.quantmini.bronze.TickerBarsPatch;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Collects each day's outcome into the run. A failed day is recorded and does not stop the other days:
 * good data still lands, and the run reports the failure and exits non-zero at the end.
 */
public final class DayOutcomes implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(DayOutcomes.class);
    /** Failed days said one by one in a run; the summary names the rest (an outage fails every day of a catch-up). */
    static final int FAILED_DAYS_SAID = 10;

    @Override
    public Exchange aggregate(Exchange previous, Exchange day) {
        IngestRun run = day.getProperty(IngestRun.PROPERTY, IngestRun.class);
        DayTask task = day.getProperty(DayTask.PROPERTY, DayTask.class);
        Exception failure = day.getException();
        // a retry that mended the day leaves Camel's record of the failure behind, and the first day's exchange is
        // the split's result: the ingest as a whole did not fail
        day.removeProperty(Exchange.EXCEPTION_CAUGHT);
        // Camel's record of the error handlers running (an empty deque once a failed day's onException is done) would
        // go back to the caller's exchange with the rest, and the schedule's next ingest would hand that one deque to
        // all its days at once: two days failing together then looked like an error handler entered twice ("Circular
        // error-handler detected"), and the second day's onException was skipped
        day.removeProperty(ExchangePropertyKey.FATAL_FALLBACK_ERROR_HANDLER);
        if (failure != null) {
            String reason = describe(failure);
            String dataset = run.request().dataset();
            Object date = task == null ? "?" : task.date();
            String stop = run.abortReason();
            if (stop != null && reason.equals(run.notStartedReason())) {
                // not started: the summary counts them
            } else if (stop != null && reason.equals(io.quantmini.polygon.PolygonRoutes.stoppedWhileWaiting(stop))) {
                // a stop fails every day waiting out a retry or its next page: said once, the summary counts them
                if (run.firstNotice("failed by the stop")) {
                    LOG.warn("{} {} failed: {} (so did any other day waiting to send a request)", dataset, date,
                            reason);
                }
            } else {
                int said = run.notices("failed day");
                if (said <= FAILED_DAYS_SAID) {
                    LOG.error("{} {} failed: {}{}", dataset, date, reason, said == FAILED_DAYS_SAID
                            ? " (the run's further failed days are named in its summary, not said)" : "");
                } else {
                    LOG.debug("{} {} failed: {}", dataset, date, reason);
                }
            }
            failed(run, task, reason);
            day.setException(null);
        } else if (day.getIn().getBody() instanceof TickerBarsPatch.TickerBars bars) { // its days are patched later
            run.addTickerBars(bars);
        } else if (day.getIn().getBody() instanceof BronzeDayResult result) {
            run.dayDone(result);
        } else {
            // a route edited to end the day before its bronze step: the day landed but was never written
            String dataset = run.request().dataset();
            String reason = "the route of " + dataset + " ended the day without writing bronze (its split's steps"
                    + " must end with the bronze step, `to: direct:" + dataset + "-bronze` in the shipped routes/"
                    + dataset + ".camel.yaml); the day was landed only";
            LOG.error("{} {} failed: {}", dataset, task == null ? "?" : task.date(), reason);
            failed(run, task, reason);
        }
        return previous == null ? day : previous;
    }

    /** A day's task failed its day; a ticker's task over the days a split made stale failed each of them. */
    private static void failed(IngestRun run, DayTask task, String reason) {
        if (task == null) {
            run.dayFailed(run.request().start(), reason);
        } else {
            run.taskFailed(task, reason);
        }
    }

    /** A failure in one line: the words of what a bean threw, not Camel's wrapping. */
    static String describe(Throwable failure) {
        // Camel wraps what a bean threw; the cause holds the words worth showing.
        Throwable cause = failure instanceof org.apache.camel.CamelExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = cause.getMessage();
        if (message != null && cause.getClass().getName().startsWith("io.quantmini.")) {
            return message; // ours name what and where; a library's class name says what its words leave out
        }
        if (cause instanceof java.nio.file.FileSystemException disk) { // the lake's disk: "<file>: permission denied"
            return io.quantmini.lake.LakeWriteException.describe(disk);
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
