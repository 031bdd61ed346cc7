package io.quantmini.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReplayServerTest {

    @Test
    void passesDecodedPathAndQueryWithoutApiKey() throws Exception {
        List<String> seen = new ArrayList<>();
        PolygonResponder echo = (path, query, baseUrl) -> {
            synchronized (seen) {
                seen.add(path + " " + new java.util.TreeMap<>(query) + " " + baseUrl);
            }
            return ReplayResponse.ok("{}".getBytes(StandardCharsets.UTF_8));
        };
        try (ReplayServer server = ReplayServer.start(echo, 0)) {
            HttpResponse<byte[]> response = Http.get(server.baseUrl()
                    + "/v3/reference/tickers/TEST%2FWS?apiKey=secret&date=2020-10-01&name=a%20b");
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(List.of("/v3/reference/tickers/TEST/WS {date=2020-10-01, name=a b} " + server.baseUrl()),
                    seen);
            assertEquals(List.of("GET /v3/reference/tickers/TEST%2FWS?date=2020-10-01&name=a%20b"),
                    server.requestLog());
            assertEquals(List.of("Bearer test-key"), server.authorizationHeaders());
            assertEquals(1, server.requestCount());
            assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"));
            assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());

            // asked as localhost: its next_urls say localhost too, or the client would see another origin
            seen.clear();
            Http.get("http://localhost:" + server.port() + "/v3/x");
            assertEquals(List.of("/v3/x {} http://localhost:" + server.port()), seen);
        }
    }

    @Test
    void apiKeyNeverReachesTheLog() throws Exception {
        try (ReplayServer server = ReplayServer.start((p, q, b) -> ReplayResponse.notFound(p), 0)) {
            Http.get(server.baseUrl() + "/v3/reference/splits?apiKey=secret");
            Http.get(server.baseUrl() + "/v3/reference/splits?limit=10&apiKey=secret&ticker=AAPL");
            assertEquals(List.of("GET /v3/reference/splits", "GET /v3/reference/splits?limit=10&ticker=AAPL"),
                    server.requestLog());
            assertTrue(server.requestLog().stream().noneMatch(line -> line.contains("secret")));
        }
    }

    @Test
    void notFoundHasPolygonShape() throws Exception {
        try (ReplayServer server = ReplayServer.start((p, q, b) -> ReplayResponse.notFound(p), 0)) {
            HttpResponse<byte[]> response = Http.get(server.baseUrl() + "/v9/nothing");
            assertEquals(404, response.statusCode());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertTrue(body.matches("\\{\"status\":\"NOT_FOUND\",\"request_id\":\"[0-9a-f]{32}\",\"message\":\"Data not"
                    + " found.\"}"), body);
        }
    }

    /**
     * A method other than GET or HEAD gets a 405 with {@code Allow}; a parameter given twice matches on its last value,
     * as landing records such a request; a malformed percent-escape never reaches the handler (the JDK's server
     * answers it 400, in HTML).
     */
    @Test
    void otherMethodsGetA405WithAllowAndARepeatedParameterItsLastValue() throws Exception {
        java.util.List<java.util.Map<String, String>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ReplayServer server = ReplayServer.start((p, q, b) -> {
            asked.add(q);
            return ReplayResponse.ok("{}".getBytes(StandardCharsets.UTF_8));
        }, 0)) {
            assertTrue(rawGet(server, "/v3/x?ticker=%ZZ").startsWith("HTTP/1.1 400"));
            assertEquals(200, Http.get(server.baseUrl() + "/v3/x?ticker=A&limit=1&ticker=B").statusCode());
            assertEquals(java.util.Map.of("ticker", "B", "limit", "1"), asked.get(0));
            HttpResponse<byte[]> delete = Http.send("DELETE", server.baseUrl() + "/v3/x");
            assertEquals(405, delete.statusCode());
            assertEquals("GET, HEAD", delete.headers().firstValue("Allow").orElse(""));
            assertEquals(1, asked.size());
        }
    }

    /** A GET sent as written (Java's clients refuse a malformed URL); the whole answer as text. */
    private static String rawGet(ReplayServer server, String target) throws Exception {
        java.net.URI base = java.net.URI.create(server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void droppedConnectionGivesNoResponse() throws Exception {
        try (ReplayServer server = ReplayServer.start((p, q, b) -> ReplayResponse.drop(), 0)) {
            assertThrows(IOException.class, () -> Http.get(server.baseUrl() + "/v1/marketstatus/now"));
            // java.net.http retries an idempotent GET once after a dropped connection
            assertTrue(server.requestCount() >= 1);
        }
    }

    @Test
    void delayedResponseTimesOutAShortClientTimeout() throws Exception {
        PolygonResponder slow = (p, q, b) -> q.containsKey("slow") ? ReplayResponse.delayed(2_000)
                : ReplayResponse.ok("{}".getBytes(StandardCharsets.UTF_8)).withDelay(300);
        try (ReplayServer server = ReplayServer.start(slow, 0)) {
            assertThrows(HttpTimeoutException.class,
                    () -> Http.get(server.baseUrl() + "/x?slow=1", Duration.ofMillis(300)));
            long start = System.nanoTime();
            HttpResponse<byte[]> response = Http.get(server.baseUrl() + "/x");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, response.statusCode());
            assertTrue(tookMillis >= 290, "answered after " + tookMillis + " ms");
        }
    }

    @Test
    void responderFailureIsA500() throws Exception {
        PolygonResponder failing = (p, q, b) -> {
            throw new IllegalStateException("boom \"x\"");
        };
        try (ReplayServer server = ReplayServer.start(failing, 0)) {
            HttpResponse<byte[]> response = Http.get(server.baseUrl() + "/x");
            assertEquals(500, response.statusCode());
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("boom \\\"x\\\""));
        }
    }

    @Test
    void servesFiftyConcurrentClientsMegabyteBodies() throws Exception {
        byte[] megabyte = new byte[1 << 20];
        java.util.Arrays.fill(megabyte, (byte) 'x');
        try (ReplayServer server = ReplayServer.start((p, q, b) -> ReplayResponse.ok(megabyte), 0)) {
            ExecutorService clients = Executors.newFixedThreadPool(50);
            try {
                List<Future<byte[]>> bodies = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    String url = server.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/d" + i;
                    bodies.add(clients.submit(() -> Http.get(url).body()));
                }
                for (Future<byte[]> body : bodies) {
                    assertArrayEquals(megabyte, body.get(60, java.util.concurrent.TimeUnit.SECONDS)); // no client hangs
                }
                assertEquals(250, server.requestCount());
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void answersInGzipWhenTheClientAcceptsIt() throws Exception {
        byte[] page = "{\"status\":\"OK\",\"results\":[{\"T\":\"A\",\"c\":1.5}]}".getBytes(StandardCharsets.UTF_8);
        try (ReplayServer server = ReplayServer.start((p, q, b) -> ReplayResponse.ok(page), 0)) {
            String url = server.baseUrl() + "/v2/aggs/grouped/locale/us/market/stocks/2024-01-02";

            HttpResponse<byte[]> gzip = Http.get(url, "Accept-Encoding", "gzip, deflate");
            assertEquals(200, gzip.statusCode());
            assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElseThrow());
            assertEquals("Accept-Encoding", gzip.headers().firstValue("Vary").orElseThrow());
            assertEquals("application/json", gzip.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(page, gunzip(gzip.body()));

            HttpResponse<byte[]> head = Http.head(url, "Accept-Encoding", "gzip");
            assertEquals("gzip", head.headers().firstValue("Content-Encoding").orElseThrow());
            assertEquals(String.valueOf(gzip.body().length), head.headers().firstValue("Content-Length").orElseThrow(),
                    "HEAD names the length GET sends");

            for (String plain : new String[] {"identity", "gzip;q=0", "br"}) {
                HttpResponse<byte[]> response = Http.get(url, "Accept-Encoding", plain);
                assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), plain);
                assertArrayEquals(page, response.body(), plain);
            }
            assertArrayEquals(page, Http.get(url).body(), "no Accept-Encoding: the body as it is");

            assertEquals(2, server.gzipResponses());
            assertEquals(1, server.gzipCompressions(), "the same body is compressed once");
        }
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (java.util.zip.GZIPInputStream in =
                     new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void bindsLoopbackOnly() throws Exception {
        try (ReplayServer server = ReplayServer.start((p, q, b) -> ReplayResponse.notFound(p), 0)) {
            assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
            assertEquals("127.0.0.1", server.address().getAddress().getHostAddress(), "not the wildcard address");
        }
        // and, where this machine has another address, nothing answers there
        java.net.InetAddress external = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "no non-loopback IPv4 address to test with");
        try (ReplayServer server = ReplayServer.start((p, q, b) -> ReplayResponse.notFound(p), 0)) {
            assertThrows(IOException.class, () -> new java.net.Socket(external, server.port()).close());
            new java.net.Socket("127.0.0.1", server.port()).close();
        }
    }
}
