package io.quantmini.ingest;

import io.quantmini.calendar.NyseCalendar;
import io.quantmini.lake.AtomicFiles;
import io.quantmini.lake.LakeLayout;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request into the trading days to fetch. Non-trading days are never requested; with
 * {@code --incremental} a day whose bronze file exists is skipped, because the lake itself is the record
 * of what is done. Dates after today (in the market's time zone) are not requested either. Before any
 * work, temp files left by a killed run are removed from the folders this run will write.
 */
public final class IngestPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPlanner.class);

    private final NyseCalendar calendar;
    private final LakeLayout lake;
    private final Clock marketClock;

    public IngestPlanner(NyseCalendar calendar, LakeLayout lake, Clock marketClock) {
        this.calendar = calendar;
        this.lake = lake;
        this.marketClock = marketClock;
    }

    /** Camel entry point: the body is an {@link IngestRun}; it becomes the run's exchange property. */
    public List<DayTask> plan(Exchange exchange) throws IOException, org.apache.camel.InvalidPayloadException {
        IngestRun run = exchange.getIn().getMandatoryBody(IngestRun.class);
        exchange.setProperty(IngestRun.PROPERTY, run);
        return plan(run);
    }

    public List<DayTask> plan(IngestRun run) throws IOException {
        IngestRequest request = run.request();
        LocalDate today = LocalDate.now(marketClock);
        LocalDate end = request.end().isAfter(today) ? today : request.end();
        sweepInterruptedWrites(request.dataset(), request.start(), end);
        List<DayTask> tasks = new ArrayList<>();
        int skipped = 0;
        for (LocalDate day : calendar.tradingDays(request.start(), end)) {
            if (request.incremental() && Files.exists(lake.bronzeDayFile(request.dataset(), day))) {
                skipped++;
            } else {
                tasks.add(new DayTask(request.dataset(), day));
            }
        }
        run.planned(tasks.size(), skipped);
        LOG.info("{} {}..{}: {} trading days to fetch, {} already in bronze", request.dataset(), request.start(), end,
                tasks.size(), skipped);
        return tasks;
    }

    private void sweepInterruptedWrites(String dataset, LocalDate start, LocalDate end) throws IOException {
        int removed = 0;
        if (!start.isAfter(end)) {
            for (YearMonth month = YearMonth.from(start); !month.isAfter(YearMonth.from(end)); month = month.plusMonths(1)) {
                LocalDate first = month.atDay(1);
                removed += AtomicFiles.sweepStaleTemps(LakeLayout.monthFolder(lake.bronzeDataset(dataset), first));
                removed += AtomicFiles.sweepStaleTemps(LakeLayout.monthFolder(lake.rejectsDataset(dataset), first));
            }
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                removed += AtomicFiles.sweepStaleTemps(lake.landingDay(dataset, day));
            }
        }
        if (removed > 0) {
            LOG.info("removed {} temp files left by an interrupted run", removed);
        }
    }
}
