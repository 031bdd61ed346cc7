package io.quantmini.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The schedule's job: an incremental ingest of the last few calendar days up to yesterday (market time), and
 * its report in the log. Today is left out on purpose: a day still trading would land partial bars, and an
 * incremental run never fetches a day again once its bronze file exists.
 */
public final class ScheduledIngest {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledIngest.class);

    private final Clock marketClock;

    public ScheduledIngest(Clock marketClock) {
        this.marketClock = marketClock;
    }

    public IngestRun lastDays(String dataset, int days) {
        LocalDate yesterday = LocalDate.now(marketClock).minusDays(1);
        IngestRun run = new IngestRun(new IngestRequest(dataset, yesterday.minusDays(days - 1L), yesterday, true));
        LOG.info("scheduled ingest of {} {}..{}", dataset, run.request().start(), run.request().end());
        return run;
    }

    public void report(org.apache.camel.Exchange exchange) {
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        String summary = IngestSummary.of(run).oneLine();
        if (run.failed()) {
            LOG.error("scheduled ingest failed: {} | {}", run.failureSummary(), summary);
        } else {
            LOG.info("scheduled ingest done: {}", summary);
        }
    }
}
