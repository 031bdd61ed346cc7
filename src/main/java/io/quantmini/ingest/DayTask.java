package io.quantmini.ingest;

import java.time.LocalDate;

/** One unit of ingest work: a dataset's data for one trading day. The body of each split exchange. */
public record DayTask(String dataset, LocalDate date) {

    public static final String PROPERTY = "quantminiDay";
}
