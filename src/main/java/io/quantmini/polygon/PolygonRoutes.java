package io.quantmini.polygon;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.net.URI;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The Polygon building blocks the YAML routes wire together:
 * <ul>
 *   <li>template {@code polygon-fetch} (parameters {@code dataset}, {@code path}, {@code query}): consumes
 *   {@code direct:<dataset>-fetch} with a {@link FetchRequest} body, follows {@code next_url} to the end of the
 *   chain and returns the chain's {@link PageReader}, which has read every page as it landed;</li>
 *   <li>route {@code polygon-call}: one HTTP GET, rate limited, whose answer goes to landing and is read, or
 *   becomes a {@link PolygonException}. Its caller's error handler owns retries, so a retry repeats the whole
 *   call.</li>
 * </ul>
 */
public final class PolygonRoutes extends RouteBuilder {

    public static final String PATH_PROPERTY = "quantminiPolygonPath";
    public static final String QUERY_PROPERTY = "quantminiPolygonQuery";

    private final URI baseUrl;
    private final PolygonRetryPolicy retryPolicy;
    private final PolygonResponseHandler responseHandler;
    private final Function<FetchRequest, PageReader> pageReaders;
    private final RequestPacer pacer;

    /**
     * @param pageReaders       a new reader for each day's chain (bronze decodes the pages as they land)
     * @param requestsPerSecond the most requests sent in any second, over all days at once
     */
    public PolygonRoutes(URI baseUrl, PolygonRetryPolicy retryPolicy, PolygonResponseHandler responseHandler,
                         Function<FetchRequest, PageReader> pageReaders, int requestsPerSecond) {
        this.baseUrl = baseUrl;
        this.retryPolicy = retryPolicy;
        this.responseHandler = responseHandler;
        this.pageReaders = pageReaders;
        this.pacer = new RequestPacer(requestsPerSecond);
    }

    /** The route template a dataset's fetch route instantiates ({@code routes/<dataset>.camel.yaml}). */
    public static final String FETCH_TEMPLATE = "polygon-fetch";

    @Override
    public void configure() {
        routeTemplate(FETCH_TEMPLATE)
                .templateParameter("dataset")
                .templateParameter("path")
                .templateParameter("query", "")
                .from("direct:{{dataset}}-fetch")
                .onException(Exception.class)
                    .retryWhile(retryPolicy)
                    .logRetryAttempted(false).logExhausted(false).logStackTrace(false)
                    .process(this::chainFailed) // the retries are over: the day failed
                .end()
                .setProperty(PATH_PROPERTY, constant("{{path}}"))
                .setProperty(QUERY_PROPERTY, constant("{{query}}"))
                .process(this::startChain)
                .loopDoWhile(exchange -> exchange.getProperty(PageChain.PROPERTY, PageChain.class).hasNext())
                    .to("direct:polygon-call")
                .end()
                .process(PolygonRoutes::finishChain);

        from("direct:polygon-call").routeId("polygon-call")
                .errorHandler(noErrorHandler())
                .process(this::prepareRequest)
                .to("http://polygon?throwExceptionOnFailure=false&skipRequestHeaders=true"
                        + "&httpClientConfigurer=#polygonAuth&connectTimeout={{quantmini.polygon.timeout-ms}}"
                        + "&soTimeout={{quantmini.polygon.timeout-ms}}"
                        + "&responseTimeout={{quantmini.polygon.timeout-ms}}")
                .process(responseHandler);
    }

    private void startChain(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        FetchRequest day = exchange.getIn().getMandatoryBody(FetchRequest.class);
        exchange.setProperty(FetchRequest.PROPERTY, day);
        String path = exchange.getProperty(PATH_PROPERTY, String.class);
        String query = exchange.getProperty(QUERY_PROPERTY, String.class);
        exchange.setProperty(PageChain.PROPERTY,
                new PageChain(day.dataset(), day.date(),
                        PolygonUrls.forDay(baseUrl, path, query, day.date(), day.vars()),
                        pageReaders.apply(day)));
    }

    /**
     * The chain's reader becomes the body for the bronze stage: it holds the day decoded so far and its pages, whose
     * bodies the rejects quote and the footer names. The chain leaves the exchange, which needs it no more.
     */
    private static void finishChain(Exchange exchange) {
        PageChain chain = exchange.getProperty(PageChain.PROPERTY, PageChain.class);
        exchange.removeProperty(PageChain.PROPERTY);
        exchange.getIn().setBody(chain.reader());
    }

    /** A chain that failed for good: see {@link PolygonResponseHandler#chainFailed}. */
    private void chainFailed(Exchange exchange) {
        PageChain chain = exchange.getProperty(PageChain.PROPERTY, PageChain.class);
        if (chain != null) {
            responseHandler.chainFailed(chain, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        }
    }

    /**
     * Why a day failed that was waiting out a retry, or to ask its next page, when the run stopped for {@code stop}.
     */
    public static String stoppedWhileWaiting(String stop) {
        return "the run stopped while this day waited to send its next request (a retry or its next page): " + stop;
    }

    private void prepareRequest(Exchange exchange) throws InterruptedException {
        FetchRun run = exchange.getProperty(FetchRun.PROPERTY, FetchRun.class);
        BooleanSupplier stopped = () -> run != null && run.abortReason() != null;
        Long retryAt = exchange.getProperty(PolygonRetryPolicy.RETRY_AT, Long.class);
        exchange.removeProperty(PolygonRetryPolicy.RETRY_AT);
        boolean go = (retryAt == null || RequestPacer.awaitTime(retryAt, stopped)) && pacer.awaitSlot(stopped);
        PageChain chain = exchange.getProperty(PageChain.PROPERTY, PageChain.class);
        if (!go && (retryAt != null || chain.pageCount() > 0)) { // asked of Polygon already: failed, not unstarted
            throw new PolygonException(stoppedWhileWaiting(run.abortReason()), 0, false, -1);
        }
        if (!go) {
            throw new PolygonException(run.notStartedReason(), 0, false, -1);
        }
        if (retryAt != null && run != null) {
            run.countRetry(); // counted when sent: a retry given up in its back-off by a stop was never made
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
        exchange.getIn().setHeader(Exchange.HTTP_URI, chain.next().toString());
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        if (run != null) {
            run.countRequest();
        }
    }
}
