package io.quantmini.ingest;

import java.util.Locale;

/**
 * The figures printed at the end of an ingest. The requested days are each counted once, under the first of these
 * that it is: {@code failed} (the requested days that failed), {@code written}, {@code unchanged} (its file already
 * held the answer's rows), {@code empty} (Polygon answered with no records: no file) and {@code not_started} (a stop,
 * a signal or a refused key, left it unrequested), so that they add up to {@code requested}. {@code rejects} are the
 * records written to the rejects area: a day whose every record was rejected fails whole, and shows under
 * {@code failed}.
 */
public record IngestSummary(String dataset, int datesRequested, int datesSkipped, int datesWritten,
                            int datesUnchanged, int datesEmpty, int datesFailed, int datesNotStarted, long rows,
                            long rejects, long requests, long retries, long landedBytes, double seconds) {

    public static IngestSummary of(IngestRun run) {
        return new IngestSummary(run.request().dataset(), run.plannedDays(), run.skippedDays(), run.writtenDays(),
                run.unchangedDays(), run.emptyDays(), run.failedDays(), run.notStartedDays(), run.rows(),
                run.rejects(), run.requests(), run.retries(), run.landedBytes(), run.elapsed().toNanos() / 1e9);
    }

    public String oneLine() {
        return String.format(Locale.ROOT,
                "%s: dates requested=%d skipped=%d written=%d unchanged=%d empty=%d failed=%d not_started=%d rows=%d"
                        + " rejects=%d requests=%d retries=%d landed=%.1f MB seconds=%.1f",
                dataset, datesRequested, datesSkipped, datesWritten, datesUnchanged, datesEmpty, datesFailed,
                datesNotStarted, rows, rejects, requests, retries, landedBytes / 1e6, seconds);
    }
}
