package io.quantmini.bronze;

import org.apache.camel.builder.RouteBuilder;

/**
 * Template {@code bronze-write} (parameter {@code dataset}): consumes {@code direct:<dataset>-bronze}
 * with one day's landing pages and answers with the {@link BronzeDayResult}.
 */
public final class BronzeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        routeTemplate("bronze-write")
                .templateParameter("dataset")
                .from("direct:{{dataset}}-bronze")
                .bean("bronzeStage", "write");
    }
}
