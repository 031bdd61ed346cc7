package io.quantmini.ingest;

import io.quantmini.lake.LakeLayout;
import io.quantmini.polygon.RawLoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers no HTTP server library would send, from a raw socket on loopback: what the HTTP client makes of them must
 * fail the day, name the request, and neither hang the run nor quote the key.
 */
class HostileServerTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    @TempDir
    Path lake;

    /**
     * A header line the client cannot parse, echoing the Authorization it received: the day fails, the key redacted.
     */
    @Test
    void aMalformedHeaderEchoingTheKeyFailsTheDayWithoutQuotingIt() throws Exception {
        try (RawLoopbackServer server = answering((head, out) -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: "
                + "application/json\r\nX-Echo " + authorization(head) + "\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.ISO_8859_1)))) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", DAY, DAY, false));

            assertTrue(server.accepted() >= 1);
            assertTrue(run.failed());
            String summary = run.failureSummary();
            assertFalse(summary.contains(TestApp.SECRET), summary);
            assertTrue(summary.contains("REDACTED")
                    && summary.contains("(/v2/aggs/grouped/locale/us/market/stocks/2024-03-01"),
                    summary);
            assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", DAY)));
        }
    }

    /**
     * 40 KB of gzip that inflates to 40 MB: the day fails once the body passes the limit, without a retry, instead
     * of filling the heap (with 50 such days in flight the run used to hang, or run out of memory).
     */
    @Test
    void aGzipBombFailsTheDayAtTheBodyLimit() throws Exception {
        byte[] bomb = gzippedSpaces(40 << 20);
        try (RawLoopbackServer server = answering((head, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + bomb.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bomb);
        })) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", DAY, DAY, false));

            assertTrue(run.failed());
            assertEquals(1, server.accepted(), "not retried");
            assertTrue(run.failureSummary().contains("is larger than 32 MB once decompressed"), run.failureSummary());
            assertFalse(Files.exists(new LakeLayout(lake).bronzeDayFile("stocks_daily", DAY)));
        }
    }

    /**
     * A chunked body that never ends: the day fails at the body limit, and its connection is dropped rather than
     * drained (closing the body read on until the request deadline, at full CPU).
     */
    @Test
    void anEndlessBodyFailsTheDayAtTheBodyLimitAndIsNotDrained() throws Exception {
        byte[] chunk = new byte[64 << 10];
        Arrays.fill(chunk, (byte) ' ');
        byte[] framed = concat(concat((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                chunk), "\r\n".getBytes(StandardCharsets.US_ASCII));
        try (RawLoopbackServer server = answering((head, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            while (true) { // until the client hangs up
                out.write(framed);
            }
        })) {
            long started = System.nanoTime();
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(),
                    Map.of("quantmini.polygon.request-deadline-seconds", "120")),
                    new IngestRequest("stocks_daily", DAY, DAY, false));

            assertTrue(run.failed());
            assertTrue(run.failureSummary().contains("is larger than 32 MB once decompressed"), run.failureSummary());
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(seconds < 60, "dropped, not drained until the deadline: " + seconds + " s");
        }
    }

    /**
     * Cookies a server sets are not sent back: Polygon authenticates by the bearer header alone, and the client keeps
     * no cookie state (nor loads the public-suffix list cookie checks need, at every start).
     */
    @Test
    void aCookieTheServerSetsIsNotSentBack() throws Exception {
        java.util.List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawLoopbackServer server = answering((head, out) -> {
            heads.add(head);
            String answer = heads.size() == 1
                    ? "HTTP/1.1 503 Service Unavailable\r\nSet-Cookie: session=abc; Path=/\r\nRetry-After: 0\r\n"
                        + "Content-Length: 0\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nSet-Cookie: session=def; Path=/\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{}";
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        })) {
            TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                    new IngestRequest("stocks_daily", DAY, DAY, false));

            assertTrue(heads.size() >= 2, "retried after the 503: " + heads.size());
            for (String head : heads) {
                assertFalse(head.toLowerCase(java.util.Locale.ROOT).contains("\r\ncookie:"), head);
            }
        }
    }

    /**
     * A body gzipped under HTTP's other name for gzip, {@code x-gzip} (a proxy may rename it), lands; a coding the
     * client did not ask for fails the day at once, naming the coding: asking again would get the same body.
     */
    @Test
    void anXGzipBodyLandsAndAnUnaskedCodingFailsTheDayNamingItWithoutARetry() throws Exception {
        LocalDate day = LocalDate.of(2005, 4, 4);
        byte[] json = Files.readAllBytes(Path.of("src/test/resources/polygon-fixtures/captured/v2/aggs/grouped/locale"
                + "/us/market/stocks/2005-04-04__adjusted_true.json"));
        String[][] answers = {{"x-gzip", "200 OK"}, {"deflate", "200 OK"}, {"gzip, br", "200 OK"},
            {"br", "503 Service Unavailable"}};
        for (int a = 0; a < answers.length; a++) {
            String coding = answers[a][0];
            String status = answers[a][1];
            byte[] body = gzipped(json);
            try (RawLoopbackServer server = answering((head, out) -> {
                out.write(("HTTP/1.1 " + status + "\r\nConnection: close\r\nContent-Type: application/json"
                        + "\r\nContent-Encoding: " + coding + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
            })) {
                Path dayLake = lake.resolve("answer-" + a);
                IngestRun run = TestApp.ingest(TestApp.config(dayLake, server.baseUrl(),
                        Map.of("quantmini.polygon.max-retries", "3", "quantmini.polygon.retry-initial-delay-ms", "1")),
                        new IngestRequest("stocks_daily", day, day, false));

                Path bronze = new LakeLayout(dayLake).bronzeDayFile("stocks_daily", day);
                if (coding.equals("x-gzip")) {
                    assertFalse(run.failed(), () -> run.failureSummary());
                    assertTrue(Files.size(bronze) > 0);
                } else if (status.startsWith("503")) { // worth a retry whatever its body
                    assertTrue(run.failed());
                    assertEquals(4, server.accepted(), run.failureSummary());
                    assertTrue(run.failureSummary().contains("came with Content-Encoding: br, which the client did not"
                            + " ask for"), run.failureSummary());
                    assertFalse(Files.exists(bronze));
                } else {
                    assertTrue(run.failed());
                    String unasked = coding.equals("deflate") ? "deflate" : "br";
                    assertTrue(run.failureSummary().contains("came with Content-Encoding: " + unasked
                            + ", which the client did not ask for (gzip only)"), run.failureSummary());
                    assertEquals(1, server.accepted(), "asked once: " + run.failureSummary());
                    assertEquals(0, run.retries());
                    assertFalse(Files.exists(bronze));
                }
            }
        }
    }

    /**
     * A 429 in a coding the client cannot decode is retried after the wait its Retry-After asks for, as any 429 is,
     * not after the configured back-off (here 1 ms, which used to make the retry come at once).
     */
    @Test
    void a429InAnUndecodableCodingWaitsForItsRetryAfter() throws Exception {
        Retried retried = a429AskedTwice("Retry-After: 1\r\nContent-Encoding: br\r\n");

        String summary = retried.run().failureSummary();
        assertTrue(summary.contains("HTTP 429") && summary.contains("Content-Encoding: br"), summary);
        assertTrue(retried.waitedSeconds() >= 0.95, "the retry came " + retried.waitedSeconds() + " s after the 429");
    }

    /**
     * A 429 whose Retry-After comes twice (a proxy repeating it) waits for the first, as an undecodable one does: Camel
     * keeps a repeated field as a list, which read as text was no value, so the retry came after the configured 1 ms.
     */
    @Test
    void a429WithItsRetryAfterTwiceWaitsForTheFirst() throws Exception {
        Retried retried = a429AskedTwice("Retry-After: 1\r\nRetry-After: 30\r\n");

        assertTrue(retried.waitedSeconds() >= 0.95, "the retry came " + retried.waitedSeconds() + " s after the 429");
        String index = Files.readString(new LakeLayout(lake).landingDay("stocks_daily", RETRIED_DAY)
                .resolve("_index.jsonl"));
        assertTrue(index.contains("\"Retry-After\":\"1\""), "kept for replay: " + index);
    }

    private static final LocalDate RETRIED_DAY = LocalDate.of(2005, 4, 4);

    /** The failed run, and how long after its first request its one retry came. */
    private record Retried(IngestRun run, double waitedSeconds) {
    }

    /**
     * A day of a run allowed one retry after a 1 ms back-off, answered both times by a 429 with {@code headers} (CRLF
     * ended lines): it fails after exactly two requests.
     */
    private Retried a429AskedTwice(String headers) throws IOException {
        java.util.List<Long> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (RawLoopbackServer server = answering((head, out) -> {
            arrivals.add(System.nanoTime());
            out.write(("HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + headers + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
        })) {
            IngestRun run = TestApp.ingest(TestApp.config(lake, server.baseUrl(),
                    Map.of("quantmini.polygon.max-retries", "1", "quantmini.polygon.retry-initial-delay-ms", "1")),
                    new IngestRequest("stocks_daily", RETRIED_DAY, RETRIED_DAY, false));
            assertTrue(run.failed());
            assertEquals(2, arrivals.size(), run.failureSummary());
            return new Retried(run, (arrivals.get(1) - arrivals.get(0)) / 1e9);
        }
    }

    /**
     * A server that echoes the key in Content-Encoding, whole after a prefix, in part, percent-encoded or in another
     * case, on a 200 (failed at once) or a 503 (retried): the error names only a registered coding, never the value (a
     * 40-character cut once let most of a prefixed key past the masking, and the client's own error lowercased it).
     */
    @Test
    void aCodingThatQuotesTheKeyIsNotRepeated() throws Exception {
        LocalDate day = LocalDate.of(2005, 4, 4);
        String key = TestApp.SECRET;
        String encodedKey = "%" + Integer.toHexString(key.charAt(0)) + key.substring(1);
        String[][] answers = {{"200 OK", "abcdefghijklmnop" + key}, {"200 OK", encodedKey}, {"200 OK", key},
            {"406 Not Acceptable", key.substring(0, 20)}, {"503 Service Unavailable", key.toUpperCase()},
            {"200 OK", "DEFLATE"}};
        for (int a = 0; a < answers.length; a++) {
            String status = answers[a][0];
            String coding = answers[a][1];
            try (RawLoopbackServer server = answering((head, out) -> {
                out.write(("HTTP/1.1 " + status + "\r\nConnection: close\r\nContent-Type: application/json\r\n"
                        + "Content-Encoding: " + coding + "\r\nContent-Length: 2\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1));
            })) {
                IngestRun run = TestApp.ingest(TestApp.config(lake.resolve("coding-" + a), server.baseUrl(), Map.of()),
                        new IngestRequest("stocks_daily", day, day, false));
                assertTrue(run.failed());
                String shown = coding.equals("DEFLATE") ? "deflate" : "(not a registered coding; not shown)";
                assertTrue(run.failureSummary().contains("came with Content-Encoding: " + shown + ", which"),
                        run.failureSummary());
                assertQuotesNoPartOfTheKey(run.failureSummary());
                assertEquals(status.startsWith("503") ? 4 : 1, server.accepted(), run.failureSummary());
            }
        }
    }

    /**
     * A failed answer's Retry-After and Location are kept for replay only as printable ASCII that quotes the key in no
     * form: one holding the key percent-encoded (once or twice) or a control character is left out, and the folder
     * still replays.
     */
    @Test
    void aFailedAnswersHeaderThatQuotesTheKeyOrHoldsAControlCharacterIsNotKept() throws Exception {
        LocalDate day = LocalDate.of(2005, 4, 4);
        String once = "%" + Integer.toHexString(TestApp.SECRET.charAt(0)) + TestApp.SECRET.substring(1);
        String twice = "%25" + Integer.toHexString(TestApp.SECRET.charAt(0)) + TestApp.SECRET.substring(1);
        String key = TestApp.SECRET;
        String[][] answers = {
            {"302 Found", "Location: http://elsewhere.example/x?apiKey=" + once},
            {"302 Found", "Location: http://elsewhere.example/x?apiKey=" + twice},
            {"302 Found", "Location: http://elsewhere.example/x?apiKey=%zz" + key.substring(1)},
            {"302 Found", "Location: http://elsewhere.example/x?apiKey=" + key.substring(0, 20)},
            {"302 Found", "Location: http://elsewhere.example/x?apiKey=&#" + (int) key.charAt(0) + ";"
                + key.substring(1).toUpperCase()},
            {"404 Not Found", "Retry-After: " + key.substring(0, 12)},
            {"404 Not Found", "Retry-After: 7\rX-Evil: 1"},
            {"404 Not Found", "Retry-After: 7\u0000"},
            {"302 Found", "Location: https://api.newhost.example/v2/aggs/100%/x"},
            {"404 Not Found", "Retry-After: 9"}};
        for (int a = 0; a < answers.length; a++) {
            String[] answer = answers[a];
            Path dayLake = lake.resolve("headers-" + a);
            try (RawLoopbackServer server = answering((head, out) -> {
                out.write(("HTTP/1.1 " + answer[0] + "\r\nConnection: close\r\nContent-Type: application/json\r\n"
                        + answer[1] + "\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
            })) {
                IngestRun run = TestApp.ingest(TestApp.config(dayLake, server.baseUrl(), Map.of()),
                        new IngestRequest("stocks_daily", day, day, false));
                assertTrue(run.failed());
            }
            Path index = new LakeLayout(dayLake).landingDay("stocks_daily", day).resolve("_index.jsonl");
            String line = Files.readString(index);
            assertQuotesNoPartOfTheKey(line);
            if (a == answers.length - 1) {
                assertTrue(line.contains("\"headers\":{\"Content-Type\":\"application/json\",\"Retry-After\":\"9\"}"),
                        line);
            } else if (a == answers.length - 2) { // no key in it: kept, and shown in the error
                assertTrue(line.contains("\"headers\":{\"Content-Type\":\"application/json\",\"Location\":"
                        + "\"https://api.newhost.example/v2/aggs/100%/x\"}"), line);
                assertTrue(line.contains("it redirects to https://api.newhost.example/v2/aggs/100%/x, which is not"
                        + " followed"), line);
            } else { // only the body's type
                assertTrue(line.contains("\"headers\":{\"Content-Type\":\"application/json\"}"), line);
            }
            io.quantmini.replay.CapturedResponses.load(dayLake); // the folder replays
        }
    }

    /** An empty body needs no decoding: a coding named on it is not the guard's business (it is retried as empty). */
    @Test
    void anEmptyBodyInAnUnaskedCodingIsRetriedAsAnyEmptyBody() throws Exception {
        LocalDate day = LocalDate.of(2005, 4, 4);
        try (RawLoopbackServer server = answering((head, out) -> out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Encoding: deflate\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)))) {
            IngestRun run = TestApp.ingest(TestApp.config(lake.resolve("empty"), server.baseUrl(),
                    Map.of("quantmini.polygon.max-retries", "2")), new IngestRequest("stocks_daily", day, day, false));
            assertTrue(run.failed());
            assertFalse(run.failureSummary().contains("came with Content-Encoding"), run.failureSummary());
            assertEquals(3, server.accepted(), run.failureSummary());
        }
    }

    /** No run of 8 characters of the key. */
    private static void assertQuotesNoPartOfTheKey(String text) {
        for (int i = 0; i + 8 <= TestApp.SECRET.length(); i++) {
            String part = TestApp.SECRET.substring(i, i + 8);
            assertFalse(text.contains(part), () -> "quotes '" + part + "' of the key: " + text);
        }
    }

    private static byte[] gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String authorization(String head) {
        return head.lines().filter(line -> line.regionMatches(true, 0, "Authorization:", 0, 14))
                .map(line -> line.substring(14).strip()).findFirst().orElse("none");
    }

    private static byte[] gzippedSpaces(int bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("{\"results\":[".getBytes(StandardCharsets.US_ASCII));
            for (int written = 0; written < bytes; written += spaces.length) {
                gzip.write(spaces);
            }
            gzip.write("]}".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** What the server writes back for a request head. */
    @FunctionalInterface
    private interface Answer {
        void write(String head, OutputStream out) throws IOException;
    }

    /**
     * A server giving each connection one answer, written straight to the socket once the request's head is read; the
     * connection is then closed, so each request comes on a connection of its own.
     */
    private static RawLoopbackServer answering(Answer answer) throws IOException {
        return RawLoopbackServer.start(connection -> {
            String head = RawLoopbackServer.readHead(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            answer.write(head, out);
            out.flush();
        });
    }
}
