package io.quantmini.cli;

import io.quantmini.ingest.IngestRun;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints where a long ingest stands every few seconds; silent for runs shorter than that. */
final class ProgressLine implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressLine(IngestRun run, PrintStream out, long everySeconds) {
        timer.scheduleAtFixedRate(() -> out.println(line(run)), everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    /** Where the run stands; once a stop has left days unrequested, they are counted apart, not as done. */
    static String line(IngestRun run) {
        int notStarted = run.notStartedDays();
        return String.format(Locale.ROOT, "progress: %d/%d days, %d rows, %d requests, %d retries, %.0f s%s",
                run.requestedDaysDone(), run.plannedDays(), run.rows(), run.requests(), run.retries(),
                run.elapsed().toMillis() / 1000.0, notStarted == 0 ? "" : "; stopping, " + notStarted
                        + " days not started");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
