package io.quantmini.ingest;

import java.time.LocalDate;

/**
 * What the user or the schedule asked for: a dataset over a date range, incremental or not. An incremental request
 * may still fetch every day from {@code refetchFrom} on, present or not (null: none); the schedule asks again for
 * recent splits that way.
 */
public record IngestRequest(String dataset, LocalDate start, LocalDate end, boolean incremental,
                            LocalDate refetchFrom) {

    public IngestRequest {
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("start date " + start + " is after end date " + end);
        }
    }

    public IngestRequest(String dataset, LocalDate start, LocalDate end, boolean incremental) {
        this(dataset, start, end, incremental, null);
    }

    /** Whether a day already in bronze is fetched again. */
    boolean refetches(LocalDate day) {
        return !incremental || refetchFrom != null && !day.isBefore(refetchFrom);
    }
}
