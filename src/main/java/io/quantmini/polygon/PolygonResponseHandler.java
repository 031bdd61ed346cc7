package io.quantmini.polygon;

import io.quantmini.ingest.IngestRun;
import io.quantmini.landing.LandingPage;
import io.quantmini.landing.LandingStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads one HTTP answer of a page chain. A 200 with a complete JSON body goes to landing (before anyone
 * parses its records) and moves the chain to {@code next_url}; anything else becomes a
 * {@link PolygonException} that says whether a retry can help.
 */
public final class PolygonResponseHandler implements Processor {

    private static final int MAX_PAGES_PER_CHAIN = 100_000;
    /** Polygon's {@code status} on a body that carries data; "DELAYED" is data on a delayed-data plan. */
    private static final java.util.Set<String> ACCEPTED_STATUSES = java.util.Set.of("OK", "DELAYED");

    private final LandingStore landing;
    private final Clock clock;

    public PolygonResponseHandler(LandingStore landing, Clock clock) {
        this.landing = landing;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PageChain chain = exchange.getProperty(PageChain.PROPERTY, PageChain.class);
        URI requested = chain.next();
        int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        String where = requested.getPath();
        if (status == 200) {
            JsonBody scanned;
            try {
                scanned = JsonBody.scan(body);
            } catch (IOException incomplete) {
                throw new PolygonException("HTTP 200 for " + where + " but " + incomplete.getMessage()
                        + " (" + body.length + " bytes)", status, true, -1);
            }
            if (scanned.status != null && !ACCEPTED_STATUSES.contains(scanned.status)) {
                throw new PolygonException("HTTP 200 for " + where + " but Polygon says " + scanned.status
                        + (scanned.message == null ? "" : ": " + scanned.message), status, false, -1);
            }
            LandingPage page = landing.save(chain.dataset(), chain.date(), requested.getRawPath(),
                    PolygonUrls.queryWithoutKey(requested), status, body, Instant.now(clock));
            IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
            if (run != null) {
                run.countLandedBytes(body.length);
            }
            chain.accept(page, nextPage(chain, requested, scanned.nextUrl));
            return;
        }
        String polygonSays = JsonBody.polygonMessage(body);
        boolean retryable = status == 429 || status >= 500 || status == 408;
        long retryAfter = retryAfterMillis(exchange.getIn().getHeader("Retry-After", String.class));
        throw new PolygonException("HTTP " + status + " for " + where + (polygonSays.isEmpty() ? "" : " (" + polygonSays + ")"),
                status, retryable, retryAfter);
    }

    private static URI nextPage(PageChain chain, URI requested, String nextUrl) {
        if (nextUrl == null || nextUrl.isBlank()) {
            return null;
        }
        URI next = PolygonUrls.withoutKey(URI.create(nextUrl));
        if (next.equals(requested)) {
            throw new PolygonException("next_url of " + requested.getPath() + " points back at the same page", 200, false, -1);
        }
        if (chain.pages().size() >= MAX_PAGES_PER_CHAIN) {
            throw new PolygonException("more than " + MAX_PAGES_PER_CHAIN + " pages for " + requested.getPath(), 200, false, -1);
        }
        return next;
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; -1 when absent or unreadable. */
    long retryAfterMillis(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.strip();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(Instant.now(clock), at.toInstant()).toMillis());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
