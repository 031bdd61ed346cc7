package io.quantmini.polygon;

import io.quantmini.lake.LakeWriteException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decides, for the Camel error handler, whether a failed request is tried again and after how long.
 * Retries 429, 5xx, timeouts, resets and incomplete bodies with exponential backoff and jitter; honours
 * {@code Retry-After} up to the configured cap (and says so when it caps); gives up after
 * {@code maxRetries}. Other 4xx fail at once, and 401/403 stop the whole run, as does a failed write to the lake
 * ({@link LakeWriteException}: the next request would land nowhere either).
 * <p>
 * The retry is sent at once as far as Camel knows ({@code CamelRedeliveryDelay} 0, read by the error handler right
 * after this predicate allowed the retry); the back-off is the exchange property {@link #RETRY_AT}, which the
 * request waits out before it is sent, giving it up as soon as the run stops. Camel's own delayed redelivery cannot
 * be cut short: a Ctrl-C during a back-off waited up to {@code retry-max-delay-ms} for it. The day also keeps its
 * thread of the pool while it waits, so a retrying day counts against {@code max-concurrent}.
 */
public final class PolygonRetryPolicy implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(PolygonRetryPolicy.class);

    /** {@link System#nanoTime()} before which a retried request is not sent (a {@code Long}). */
    static final String RETRY_AT = "quantminiRetryAt";
    private static final long DAY_MILLIS = 86_400_000L;
    /**
     * Retries said one by one in a run; the rest go to DEBUG and the summary counts them ({@code retries=}). An outage
     * retried every day of a catch-up six times: hundreds of lines of one cause in a firing.
     */
    static final int RETRIES_SAID = 10;

    private final int maxRetries;
    private final long initialDelayMillis;
    private final long maxDelayMillis;

    public PolygonRetryPolicy(int maxRetries, long initialDelayMillis, long maxDelayMillis) {
        this.maxRetries = maxRetries;
        this.initialDelayMillis = initialDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException();
        FetchRun run = exchange.getProperty(FetchRun.PROPERTY, FetchRun.class);
        PolygonException polygon = find(failure, PolygonException.class);
        if (polygon != null && polygon.deniesAccess() && run != null) {
            run.abort(polygon.getMessage());
        }
        LakeWriteException local = find(failure, LakeWriteException.class);
        if (local != null && run != null) {
            run.abort(local.getMessage());
        }
        if (!isRetryable(failure)) {
            return false;
        }
        if (run != null && run.abortReason() != null) {
            return false; // the run has stopped (a signal, a refused key): asking again would only hold the stop up
        }
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        FetchRequest day = exchange.getProperty(FetchRequest.PROPERTY, FetchRequest.class);
        String what = day == null ? "request" : day.dataset() + " " + day.date();
        // INFO: a retry is routine, and a day that fails for good gets its ERROR line from the run (the giving up is
        // only DEBUG: the ERROR says the same); at WARN, an hour of outage wrote seven lines a day to an operator's
        // journal before the one that matters
        if (attempt > maxRetries) {
            LOG.debug("{}: giving up after {} retries: {}", what, maxRetries, describe(failure));
            return false;
        }
        long delay = delayBeforeRetry(attempt, polygon == null ? -1 : polygon.retryAfterMillis(), what);
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, 0L);
        exchange.setProperty(RETRY_AT, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay));
        int said = run == null ? 1 : run.notices("retry");
        if (said <= RETRIES_SAID) {
            LOG.info("{}: {}; retry {}/{} in {} ms{}", what, describe(failure), attempt, maxRetries, delay,
                    said == RETRIES_SAID ? "; the run's further retries are counted in its summary, not said" : "");
        } else {
            LOG.debug("{}: {}; retry {}/{} in {} ms", what, describe(failure), attempt, maxRetries, delay);
        }
        return true;
    }

    long delayBeforeRetry(int attempt, long retryAfterMillis, String what) {
        long exponential = Math.min(maxDelayMillis, initialDelayMillis << Math.min(attempt - 1, 30));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        if (retryAfterMillis < 0) {
            return jittered;
        }
        if (retryAfterMillis > maxDelayMillis) {
            LOG.warn("{}: Polygon asked to wait {} (Retry-After); waiting the configured maximum of {} ms",
                    what, retryAfterMillis > DAY_MILLIS ? "more than a day" : retryAfterMillis + " ms", maxDelayMillis);
            return maxDelayMillis;
        }
        return Math.max(retryAfterMillis, jittered);
    }

    static boolean isRetryable(Throwable failure) {
        if (find(failure, LakeWriteException.class) != null) {
            return false; // our own disk: asking Polygon again cannot help
        }
        PolygonException polygon = find(failure, PolygonException.class);
        if (polygon != null) {
            return polygon.retryable();
        }
        // Timeouts, refused or reset connections, a server that closed without answering.
        return find(failure, IOException.class) != null;
    }

    private static String describe(Throwable failure) {
        PolygonException polygon = find(failure, PolygonException.class);
        if (polygon != null) {
            return polygon.getMessage();
        }
        IOException io = find(failure, IOException.class);
        if (io instanceof TransportException) {
            return io.getMessage();
        }
        Throwable shown = io != null ? io : failure;
        return shown.getClass().getSimpleName() + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
