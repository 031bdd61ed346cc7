package io.quantmini.ingest;

import java.time.LocalDate;

/** What the user or the schedule asked for: a dataset over a date range, incremental or not. */
public record IngestRequest(String dataset, LocalDate start, LocalDate end, boolean incremental) {

    public IngestRequest {
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("start date " + start + " is after end date " + end);
        }
    }
}
