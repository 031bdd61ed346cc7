package io.quantmini.polygon;

import io.quantmini.config.ApiKey;
import io.quantmini.lake.LakeWriteException;
import io.quantmini.landing.LandingPage;
import io.quantmini.landing.LandingStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Takes one HTTP answer of a page chain. A 200 is written to landing as received, but for the API key wherever
 * the body quotes it (under a temp name), and then
 * read, once, by the chain's {@link PageReader}: a complete JSON body whose Polygon status carries data becomes the
 * landing file and moves the chain to {@code next_url}; a truncated body, or a Polygon error status, becomes a
 * {@link PolygonException} that says whether a retry can help, as does any other HTTP status. Those answers land as
 * the request's last failed answer ({@link LandingStore.StagedPage#keepAsFailed}), never in place of its capture.
 */
public final class PolygonResponseHandler implements Processor {

    private static final int MAX_PAGES_PER_CHAIN = 100_000;
    /** Polygon's {@code status} on a body that carries data; "DELAYED" is data on a delayed-data plan. */
    private static final java.util.Set<String> ACCEPTED_STATUSES = java.util.Set.of("OK", "DELAYED");

    private final LandingStore landing;
    private final Clock clock;
    /** Redacted from every body before it lands: a {@code next_url} may quote it. */
    private final ApiKey apiKey;
    /**
     * Landing a page and decoding its records is disk and CPU work done on the fetch threads: at most one page per
     * core at a time. Fifty threads writing and parsing at once cost more kernel and CPU time per page, and starve
     * the JIT compiler of a cold process for seconds.
     */
    private final Semaphore pagesInHand = new Semaphore(Runtime.getRuntime().availableProcessors());

    public PolygonResponseHandler(LandingStore landing, Clock clock, ApiKey apiKey) {
        this.landing = landing;
        this.clock = clock;
        this.apiKey = apiKey;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PageChain chain = exchange.getProperty(PageChain.PROPERTY, PageChain.class);
        URI requested = chain.next();
        int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String retryAfterHeader = firstValue(exchange, "Retry-After");
        String location = firstValue(exchange, "Location");
        String contentType = firstValue(exchange, "Content-Type");
        Instant receivedAt = receivedAt(requested, exchange.getIn().getHeader(LandingPage.RECEIVED_AT_HEADER,
                String.class));
        byte[] received = exchange.getIn().getBody(byte[].class);
        // The response's headers stay out of the exchange, which Camel may dump whole (a forced stop): a server can
        // put anything there, the key included.
        exchange.getIn().removeHeaders("*");
        // Redacted before anything reads it: a body that quotes the key (a next_url, an error message) must not carry
        // it into landing, an exception or a log line.
        byte[] body = received == null ? new byte[0] : apiKey.redactedFrom(received);
        if (status == 200) {
            pagesInHand.acquireUninterruptibly();
            try {
                landAndRead(exchange, chain, requested, body, receivedAt);
                if (!chain.hasNext()) {
                    if (chain.reader().missingRecords()) {
                        dropHeldPages(chain, null); // a day fetched again that now answers empty keeps its capture
                    }
                    landHeldPages(chain, requested.getPath());
                    closeIndex(chain, requested.getPath());
                }
            } finally {
                pagesInHand.release();
            }
            return;
        }
        // decoded text: a key the body escaped (a JSON \\u escape) is only seen now; masking finds the whole key only,
        // so a message echoing part of it (a prefix, another case) is not shown at all
        String polygonSays = apiKey.redactedFrom(JsonBody.polygonMessage(body));
        boolean echoesKey = echoesKey(body);
        if (apiKey.echoedIn(polygonSays)) {
            polygonSays = "its message quotes the API key, or part of it: not shown";
        }
        boolean retryable = retryable(status);
        long retryAfter = RetryAfter.millis(retryAfterHeader, clock);
        String what = "HTTP " + status + " for " + requested.getPath() + queryOf(requested)
                + (polygonSays.isEmpty() ? "" : " (" + polygonSays + ")") + redirect(status, location);
        Path kept = null;
        IOException notKept = null;
        if (!echoesKey) {
            try {
                kept = landing.saveFailed(chain.dataset(), chain.date(), requested.getRawPath(),
                        PolygonUrls.queryWithoutKey(requested), status,
                        replayedHeaders(retryAfterHeader, location, contentType),
                        body, receivedAt, apiKey.redactedFrom(what));
                countLanded(exchange, body.length);
            } catch (IOException e) {
                notKept = e;
            }
        }
        // without Polygon's own words, the body is what shows why
        String whereKept = echoesKey ? "; the answer is not kept: it quotes the API key, or part of it"
                : JsonBody.hasMessage(body) ? "" : keptIn(kept);
        PolygonException failure = new PolygonException(what + whereKept, status, retryable, retryAfter);
        if (notKept != null) {
            failure.addSuppressed(notKept);
        }
        throw failure;
    }

    /**
     * The headers of a failed answer that its replay sends again ({@link LandingStore#REPLAYED_HEADERS}), so that a
     * replayed 429 backs off as the captured one asked, and a proxy's HTML 503 is served as HTML again:
     * {@code Retry-After} only as HTTP defines it (seconds, or a date), {@code Location} and {@code Content-Type} only
     * as printable ASCII that echoes no part of the API key ({@link ApiKey#echoedIn}). Any other value is left out: a
     * replay only needs it for fidelity, and a server that echoes the key may encode it any way.
     */
    private Map<String, String> replayedHeaders(String retryAfter, String location, String contentType) {
        Map<String, String> headers = new java.util.TreeMap<>();
        String after = retryAfter == null ? "" : retryAfter.strip();
        if (RetryAfter.isHttpForm(after)) {
            headers.put("Retry-After", after);
        }
        putIfReplayable(headers, "Location", location);
        putIfReplayable(headers, "Content-Type", contentType);
        return headers;
    }

    private void putIfReplayable(Map<String, String> headers, String name, String value) {
        String text = value == null ? "" : value.strip();
        if (!text.isEmpty() && LandingStore.replayableHeaderValue(text) && !apiKey.echoedIn(text)) {
            headers.put(name, text);
        }
    }

    /** Whether asking again can help after an answer with this status: too many requests, a server error, a timeout. */
    static boolean retryable(int status) {
        return status == 429 || status >= 500 || status == 408;
    }

    /** Where a failed answer is kept ({@link LandingStore.StagedPage#keepAsFailed}), for an error message. */
    private static String keptIn(Path kept) {
        return kept == null ? "" : "; the answer is kept as " + kept;
    }

    /**
     * Whether a failed answer, already masked byte for byte, still holds a run of the key's characters once its
     * escapes are undone ({@link ApiKey#echoedIn}: part of the key, in any case): such an answer is not kept, as a
     * capture is masked byte for byte only (decoding every page would cost the ingest).
     */
    private boolean echoesKey(byte[] body) {
        return JsonBody.unescapedTexts(body).stream().anyMatch(apiKey::echoedIn);
    }

    /**
     * Where a redirect points, which is not followed (the key goes to the configured base URL only): an operator
     * whose provider moved sees where to, and sets {@code quantmini.polygon.base-url}.
     */
    private String redirect(int status, String location) {
        if (status < 300 || status >= 400 || location == null || location.isBlank()) {
            return "";
        }
        if (apiKey.echoedIn(location)) { // any part of it, however encoded: masking the whole key would miss a part
            return "; it redirects to a location not shown here (it holds part of the API key), which is not"
                    + " followed: the API key goes to quantmini.polygon.base-url only";
        }
        String shown = apiKey.redactedFrom(PolygonUrls.decoded(location.strip())).replaceAll("\\p{Cntrl}", "?");
        shown = shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
        return "; it redirects to " + shown + ", which is not followed: the API key goes to "
                + "quantmini.polygon.base-url only";
    }

    /**
     * When the page was received: now, or, from a replay server on a loopback address, when the capture it serves was
     * (its {@link LandingPage#RECEIVED_AT_HEADER}). The split check compares that time with a split's: a lake ingested
     * from a replay then finds stale the bars the captured lake found stale, and patches them from the captured pages.
     */
    private Instant receivedAt(URI requested, String replayed) {
        if (replayed != null && requested.getHost() != null
                && io.quantmini.config.QuantMiniConfig.isLoopback(requested.getHost())) {
            try {
                return Instant.parse(replayed.strip());
            } catch (DateTimeParseException ignored) {
                // not a replay server's: the time of arrival
            }
        }
        return Instant.now(clock);
    }

    /** The chain's index lines, written once its last page is in: a failure is our disk's, not Polygon's. */
    private void closeIndex(PageChain chain, String where) {
        try {
            landing.closeIndex(chain.dataset(), chain.date());
        } catch (IOException e) {
            throw new LakeWriteException("landing index of " + where, e);
        }
    }

    private void closeIndexAfter(Exception failure, PageChain chain) {
        try {
            landing.closeIndex(chain.dataset(), chain.date());
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * A response header's first value, or null: Camel keeps a field sent more than once as a list, which read as text
     * is no value at all (a proxy repeating {@code Retry-After} made the retry come at once).
     */
    private static String firstValue(Exchange exchange, String header) {
        Object value = exchange.getIn().getHeader(header);
        if (value instanceof Iterable<?> values) {
            java.util.Iterator<?> first = values.iterator();
            value = first.hasNext() ? first.next() : null;
        }
        return value == null ? null : value.toString();
    }

    private static void countLanded(Exchange exchange, long bytes) {
        FetchRun run = exchange.getProperty(FetchRun.PROPERTY, FetchRun.class);
        if (run != null) {
            run.countLandedBytes(bytes);
        }
    }

    /** A 200: the body goes to landing under a temp name, is read once, and is committed if it carries data. */
    private void landAndRead(Exchange exchange, PageChain chain, URI requested, byte[] body, Instant receivedAt)
            throws IOException {
        String where = requested.getPath();
        LandingStore.StagedPage staged;
        try {
            staged = landing.stage(chain.dataset(), chain.date(), requested.getRawPath(),
                    PolygonUrls.queryWithoutKey(requested), 200, body, receivedAt);
        } catch (IOException e) {
            throw new LakeWriteException("landing page of " + where, e);
        }
        countLanded(exchange, body.length); // in landing from here on: as the day's capture, or as a failed answer
        PageHeader header = read(chain, staged, where);
        if (header.status() != null && !ACCEPTED_STATUSES.contains(header.status())) {
            chain.reader().dropLastPage();
            String what = apiKey.redactedFrom("HTTP 200 for " + where + " but Polygon says " + header.status()
                    + (header.message() == null ? "" : ": " + header.message()));
            keepAsFailed(staged, what);
            throw new PolygonException(what, 200, false, -1, "NOT_AUTHORIZED".equals(header.status()));
        }
        staged.precedes(PageChain.landingIdOf(header.nextUrl()));
        if (!chain.hold(staged)) { // a day fetched again lands its pages at the chain's end: see PageChain#held
            commit(staged, where);
        }
        chain.accept(nextPage(chain, requested, header.nextUrl(), apiKey));
    }

    /**
     * The reader's verdict on a staged body. Not complete JSON: dropped, worth a retry. Complete JSON of a shape the
     * dataset does not expect: kept in landing as received, and the day fails.
     */
    private PageHeader read(PageChain chain, LandingStore.StagedPage staged, String where) throws IOException {
        try {
            return chain.reader().read(staged.page());
        } catch (IOException incomplete) {
            String what = "HTTP 200 for " + where + " but " + incomplete.getMessage() + " ("
                    + staged.page().body().length + " bytes)";
            throw new PolygonException(what + keptIn(keepAsFailed(staged, what)), 200, true, -1);
        } catch (RuntimeException unexpectedShape) {
            if (!chain.refetches(staged)) {
                commit(staged, where); // kept as received, to show what did not fit
                throw unexpectedShape;
            }
            // a re-fetch: the day's earlier capture stays whole, and the body goes beside it, named in the error
            String what = unexpectedShape instanceof PageShapeException shape ? shape.problem()
                    : String.valueOf(unexpectedShape.getMessage());
            Path kept = keepAsFailed(staged, what);
            if (kept == null) {
                throw unexpectedShape;
            }
            if (unexpectedShape instanceof PageShapeException shape) {
                throw new PageShapeException(kept, shape.problem() + " (the day's earlier capture stays as it was)",
                        shape.getCause());
            }
            throw unexpectedShape;
        }
    }

    /**
     * Keeps a body that is not the request's capture as its last failed answer; null when landing refuses it (the
     * failure being reported matters more than where its body is).
     */
    private Path keepAsFailed(LandingStore.StagedPage staged, String failure) {
        try {
            if (!echoesKey(staged.page().body())) {
                return staged.keepAsFailed(apiKey.redactedFrom(failure)); // a shape problem quotes decoded names
            }
        } catch (IOException | RuntimeException e) {
            // not kept: the failure is reported all the same
        }
        try {
            staged.discard();
        } catch (IOException ignored) {
            // the temp is swept by the next run of the dataset
        }
        return null;
    }

    /** The chain has ended: the pages it held (a day fetched again) land, as one ({@link LandingStore#commitAll}). */
    private void landHeldPages(PageChain chain, String where) {
        try {
            landing.commitAll(chain.takeHeldPages());
        } catch (IOException e) {
            throw new LakeWriteException("landing pages of " + where, e);
        }
    }

    /**
     * A chain failed for good (its retries are over; Camel calls this, {@link PolygonRoutes}): the pages it held are
     * dropped, so the day's earlier capture stays as it was, and what landed of it is indexed. Not after each failed
     * attempt: a chain of n pages each answered 429 once would write its folder's index n times.
     */
    void chainFailed(PageChain chain, Exception failure) {
        dropHeldPages(chain, failure);
        closeIndexAfter(failure, chain);
    }

    /** Drops the pages a chain held; a failure to is added to {@code failure}, if there is one. */
    static void dropHeldPages(PageChain chain, Exception failure) {
        for (LandingStore.StagedPage page : chain.takeHeldPages()) {
            try {
                page.discard();
            } catch (IOException | RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    private static void commit(LandingStore.StagedPage staged, String where) {
        try {
            staged.commit();
        } catch (IOException e) {
            throw new LakeWriteException("landing page of " + where, e);
        }
    }

    private static URI nextPage(PageChain chain, URI requested, String nextUrl, ApiKey apiKey) {
        if (nextUrl == null || nextUrl.isBlank()) {
            return null;
        }
        if (apiKey.quotedIn(PolygonUrls.decoded(nextUrl))) {
            // The key in a form the body's masking did not see (escaped in the JSON, every character percent-encoded):
            // followed, the decoded URL would go to the landing index and Camel's request logs.
            throw new PolygonException("next_url of " + requested.getPath() + " carries the API key in an encoded"
                    + " form: not followed", 200, false, -1);
        }
        URI next;
        try {
            next = PolygonUrls.withoutKey(URI.create(nextUrl.strip()));
        } catch (IllegalArgumentException e) { // its message would quote the URL, and with it any apiKey
            throw new PolygonException("next_url of " + requested.getPath() + " is not a valid URL", 200, false, -1);
        }
        if (!("http".equals(next.getScheme()) || "https".equals(next.getScheme())) || next.getHost() == null) {
            throw new PolygonException("next_url of " + requested.getPath() + " is not an absolute http(s) URL",
                    200, false, -1);
        }
        if (next.getRawUserInfo() != null) { // the client refuses it, every time: not a failure a retry can mend
            throw new PolygonException("next_url of " + requested.getPath() + " carries a user name: not followed",
                    200, false, -1);
        }
        if (!PolygonAuth.originOf(next).equalsIgnoreCase(PolygonAuth.originOf(requested))) {
            // Another server's (or plain http's) answer is not Polygon's data for this request.
            throw new PolygonException("next_url of " + requested.getPath() + " points at another server ("
                    + PolygonAuth.originOf(next) + ", not " + PolygonAuth.originOf(requested) + "): not followed",
                    200, false, -1);
        }
        if (chain.requested(next)) {
            throw new PolygonException("next_url of " + requested.getPath() + " asks again for a page this chain"
                    + " already fetched (" + next.getRawPath() + queryOf(next) + ")", 200, false, -1);
        }
        if (chain.pageCount() >= MAX_PAGES_PER_CHAIN) {
            throw new PolygonException("more than " + MAX_PAGES_PER_CHAIN + " pages for " + requested.getPath(),
                    200, false, -1);
        }
        return next;
    }

    /**
     * {@code ?query} as requested, or "" (safe to show: the key travels in a header, and is stripped from next_urls).
     */
    static String queryOf(URI uri) {
        return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    }
}
