package io.quantmini.ingest;

import java.util.Locale;

/** The figures printed at the end of an ingest. */
public record IngestSummary(String dataset, int datesRequested, int datesSkipped, int datesWritten,
                            int datesUnchanged, long rows, long rejects, long requests, long retries,
                            long landedBytes, double seconds) {

    public static IngestSummary of(IngestRun run) {
        return new IngestSummary(run.request().dataset(), run.plannedDays(), run.skippedDays(), run.written().size(),
                run.unchangedDays(), run.rows(), run.rejects(), run.requests(), run.retries(), run.landedBytes(),
                run.elapsed().toNanos() / 1e9);
    }

    public String oneLine() {
        return String.format(Locale.ROOT,
                "%s: dates requested=%d skipped=%d written=%d unchanged=%d rows=%d rejects=%d requests=%d retries=%d "
                        + "landed=%.1f MB seconds=%.1f",
                dataset, datesRequested, datesSkipped, datesWritten, datesUnchanged, rows, rejects, requests, retries,
                landedBytes / 1e6, seconds);
    }
}
