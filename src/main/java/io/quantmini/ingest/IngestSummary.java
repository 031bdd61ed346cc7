package io.quantmini.ingest;

import java.util.Locale;

/**
 * The figures printed at the end of an ingest. {@code datesFailed} counts the days requested that failed (a stop's
 * unrequested days are not among them): {@code rejects} are the records written to the rejects area, so a day whose
 * every record was rejected fails whole, shows there and not in {@code rejects}.
 */
public record IngestSummary(String dataset, int datesRequested, int datesSkipped, int datesWritten,
                            int datesUnchanged, int datesFailed, long rows, long rejects, long requests, long retries,
                            long landedBytes, double seconds) {

    public static IngestSummary of(IngestRun run) {
        return new IngestSummary(run.request().dataset(), run.plannedDays(), run.skippedDays(), run.written().size(),
                run.unchangedDays(), run.failures().size() - run.notStartedDays(), run.rows(), run.rejects(),
                run.requests(), run.retries(), run.landedBytes(), run.elapsed().toNanos() / 1e9);
    }

    public String oneLine() {
        return String.format(Locale.ROOT,
                "%s: dates requested=%d skipped=%d written=%d unchanged=%d failed=%d rows=%d rejects=%d requests=%d"
                        + " retries=%d landed=%.1f MB seconds=%.1f",
                dataset, datesRequested, datesSkipped, datesWritten, datesUnchanged, datesFailed, rows, rejects,
                requests, retries, landedBytes / 1e6, seconds);
    }
}
