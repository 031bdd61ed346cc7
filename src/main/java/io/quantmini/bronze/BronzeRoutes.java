package io.quantmini.bronze;

import org.apache.camel.builder.RouteBuilder;

/**
 * Template {@code bronze-write} (parameter {@code dataset}): consumes {@code direct:<dataset>-bronze}
 * with one day's records (the {@link DayDecoding} that read each page as it landed) and answers with the
 * {@link BronzeDayResult}. Fetching is I/O-bound and runs many days at once; validating and Parquet writing are
 * CPU-bound, so at most
 * {@code quantmini.bronze.max-concurrent} days (the number of cores) are written at a time.
 */
public final class BronzeRoutes extends RouteBuilder {

    /** The route template a dataset's bronze route instantiates ({@code routes/<dataset>.camel.yaml}). */
    public static final String WRITE_TEMPLATE = "bronze-write";

    @Override
    public void configure() {
        routeTemplate(WRITE_TEMPLATE)
                .templateParameter("dataset")
                .from("direct:{{dataset}}-bronze")
                // the run reports a failed day in one line (DayOutcomes): no Camel delivery dump per day on top
                .onException(Exception.class).logExhausted(false).logStackTrace(false).end()
                .throttle(constant("{{quantmini.bronze.max-concurrent}}")).concurrentRequestsMode()
                .bean("bronzeStage", "write");
    }
}
