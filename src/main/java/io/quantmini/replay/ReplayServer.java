package io.quantmini.replay;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Polygon on 127.0.0.1: every GET is answered by a {@link PolygonResponder}, in gzip when the request accepts
 * it, as Polygon answers. Records what it was asked (without the API key) so tests can check what a client sent.
 */
public final class ReplayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayServer.class);
    /** Enough for ~50 concurrent clients plus a few deliberately delayed responses. */
    private static final int THREADS = 64;
    private static final int BACKLOG = 256;
    /** Entries kept by {@link #requestLog} and the header logs (the latest ones), and their characters in all. */
    static final int LOG_LIMIT = 100_000;
    static final long LOG_CHARS = 8_000_000;

    private final HttpServer server;
    private final ExecutorService pool;
    private final PolygonResponder responder;
    private final String baseUrl;
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicLong gzipResponses = new AtomicLong();
    private final GzipBodies gzipBodies = new GzipBodies(GzipBodies.defaultBudgetBytes());
    private final RecentLines requestLog = new RecentLines(LOG_LIMIT, LOG_CHARS);
    private final RecentLines authorizationHeaders = new RecentLines(LOG_LIMIT, LOG_CHARS);
    private final RecentLines acceptEncodingHeaders = new RecentLines(LOG_LIMIT, LOG_CHARS);

    private ReplayServer(HttpServer server, ExecutorService pool, PolygonResponder responder) {
        this.server = server;
        this.pool = pool;
        this.responder = responder;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts serving on 127.0.0.1 only; {@code port} 0 picks a free ephemeral port. */
    public static ReplayServer start(PolygonResponder responder, int port) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, daemonThreads());
        ReplayServer replay = new ReplayServer(server, pool, responder);
        server.createContext("/", replay::handle);
        server.setExecutor(pool);
        server.start();
        return replay;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long requestCount() {
        return requestCount.get();
    }

    /** Responses sent in gzip (to requests that accept it, as Polygon answers them). */
    public long gzipResponses() {
        return gzipResponses.get();
    }

    /** Bodies compressed so far: a body served again in gzip is compressed once while it is kept. */
    public long gzipCompressions() {
        return gzipBodies.compressions();
    }

    /**
     * {@code "GET path?query"} per request in arrival order (the latest {@value #LOG_LIMIT}, and no more than
     * {@value #LOG_CHARS} characters in all), without {@code apiKey}.
     */
    public List<String> requestLog() {
        return requestLog.snapshot();
    }

    /** The raw {@code Authorization} header values seen, in arrival order (requests without one add nothing). */
    public List<String> authorizationHeaders() {
        return authorizationHeaders.snapshot();
    }

    /** The {@code Accept-Encoding} header values seen, in arrival order (requests without one add nothing). */
    public List<String> acceptEncodingHeaders() {
        return acceptEncodingHeaders.snapshot();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow(); // interrupts responses still sleeping out a delay
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            QueryString query = QueryString.parse(uri.getRawQuery());
            record(exchange, uri, query);
            if (!"GET".equals(exchange.getRequestMethod()) && !head) {
                send(exchange, error(405, "Method " + exchange.getRequestMethod() + " is not supported.")
                        .withHeader("Allow", "GET, HEAD"), false);
                return;
            }
            ReplayResponse response = respond(uri.getPath(), query.params(), baseFor(exchange));
            if (response.delayMillis() > 0) {
                Thread.sleep(response.delayMillis());
            }
            if (response.dropConnection()) {
                return; // closing an exchange that sent no headers closes the connection
            }
            send(exchange, response, head);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void record(HttpExchange exchange, URI uri, QueryString query) {
        requestCount.incrementAndGet();
        String line = exchange.getRequestMethod() + " " + uri.getRawPath()
                + (query.rawWithoutKey().isEmpty() ? "" : "?" + query.rawWithoutKey());
        requestLog.add(line);
        keepHeader(exchange, "Authorization", authorizationHeaders);
        keepHeader(exchange, "Accept-Encoding", acceptEncodingHeaders);
    }

    private static void keepHeader(HttpExchange exchange, String name, RecentLines log) {
        List<String> values = exchange.getRequestHeaders().get(name);
        if (values != null) {
            values.forEach(log::add);
        }
    }

    /**
     * The base URL the client used, as its {@code Host} header says when that is a loopback name ({@code localhost},
     * {@code 127.x.x.x}): a {@code next_url} rewritten to another name of this server would be another origin to the
     * client, which does not follow one. Else {@link #baseUrl()}.
     */
    private String baseFor(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && LOOPBACK_HOST.matcher(host).matches() ? "http://" + host : baseUrl;
    }

    private static final java.util.regex.Pattern LOOPBACK_HOST = java.util.regex.Pattern.compile(
            "(?i)(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(:\\d{1,5})?");

    private ReplayResponse respond(String path, Map<String, String> query, String base) {
        try {
            return responder.respond(path, query, base);
        } catch (RuntimeException e) {
            LOG.warn("Replay responder failed for {} {}", path, query, e);
            return error(500, e.toString());
        }
    }

    private static ReplayResponse error(int status, String message) {
        JsonBytes json = new JsonBytes(128).ascii("{\"status\":\"ERROR\",\"request_id\":")
                .string(RequestIds.of("error", message, Map.of())).ascii(",\"error\":").string(message).ascii("}");
        return ReplayResponse.json(status, json.toByteArray());
    }

    /**
     * Sends the response, in gzip if the request accepts it, as Polygon does; for a HEAD request, the status and
     * headers GET would get, without the body (what readiness probes such as {@code curl -I} ask).
     */
    private void send(HttpExchange exchange, ReplayResponse response, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        if (body.length > 0 && AcceptEncoding.allowsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
            body = gzipBodies.gzip(body);
            headers.set("Content-Encoding", "gzip");
            headers.set("Vary", "Accept-Encoding");
            gzipResponses.incrementAndGet();
        }
        if (head) {
            headers.set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "replay-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
