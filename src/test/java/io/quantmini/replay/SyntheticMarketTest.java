package io.quantmini.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantmini.calendar.NyseCalendar;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {

    private static final NyseCalendar NYSE = NyseCalendar.load(Path.of("config/calendar/nyse-closures.csv"));
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final SyntheticMarket.Spec SPEC =
            new SyntheticMarket.Spec(120, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31), 7);
    private static SyntheticMarket market;
    /** Per adjusted flag, per trading day: ticker to bar. */
    private static Map<Boolean, List<Map<String, JsonNode>>> bars;

    @BeforeAll
    static void generate() throws IOException {
        market = new SyntheticMarket(SPEC, NYSE);
        bars = new HashMap<>();
        for (boolean adjusted : new boolean[] {true, false}) {
            List<Map<String, JsonNode>> days = new ArrayList<>();
            for (LocalDate day : market.tradingDays()) {
                JsonNode body = JSON.readTree(grouped(market, day, adjusted).body());
                Map<String, JsonNode> byTicker = new LinkedHashMap<>();
                body.get("results").forEach(bar -> assertTrue(byTicker.put(bar.get("T").asText(), bar) == null));
                assertEquals(byTicker.size(), body.get("resultsCount").asInt());
                assertEquals(byTicker.size(), body.get("queryCount").asInt());
                assertEquals(byTicker.size(), body.get("count").asInt());
                assertEquals(adjusted, body.get("adjusted").asBoolean());
                assertEquals("OK", body.get("status").asText());
                days.add(byTicker);
            }
            bars.put(adjusted, days);
        }
    }

    @Test
    void sameSpecGivesIdenticalBytes() {
        SyntheticMarket twin = new SyntheticMarket(SPEC, NYSE);
        for (LocalDate day : List.of(LocalDate.of(2023, 1, 3), LocalDate.of(2024, 6, 3), LocalDate.of(2024, 12, 31))) {
            assertArrayEquals(grouped(market, day, true).body(), grouped(twin, day, true).body());
            assertArrayEquals(grouped(market, day, false).body(), grouped(twin, day, false).body());
        }
        assertArrayEquals(market.respond(SyntheticMarket.SPLITS, Map.of(), "").body(),
                twin.respond(SyntheticMarket.SPLITS, Map.of(), "").body());
        SyntheticMarket otherSeed = new SyntheticMarket(new SyntheticMarket.Spec(120, SPEC.start(), SPEC.end(), 8),
                NYSE);
        assertFalse(java.util.Arrays.equals(grouped(market, LocalDate.of(2024, 6, 3), true).body(),
                grouped(otherSeed, LocalDate.of(2024, 6, 3), true).body()));
    }

    /**
     * A spec's bytes are a contract across versions, not only within one: the benchmarks' and the demo's figures in the
     * README, and lakes built before, compare against them. A deliberate change to the generator changes these sums.
     */
    @Test
    void aSpecsBytesStayTheSameAcrossVersions() throws Exception {
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        for (boolean adjusted : new boolean[] {true, false}) {
            sha256.update(grouped(market, LocalDate.of(2023, 1, 3), adjusted).body());
            sha256.update(grouped(market, LocalDate.of(2024, 6, 3), adjusted).body());
            sha256.update(grouped(market, LocalDate.of(2024, 12, 31), adjusted).body());
        }
        sha256.update(market.respond(SyntheticMarket.SPLITS, Map.of(), "").body());
        assertEquals("d83061ec78faebe17ae176847b2ae3e8cb9f94f4046479649e3568bbea12e1da",
                java.util.HexFormat.of().formatHex(sha256.digest()));
    }

    @Test
    void onlyNyseTradingDaysHaveBars() {
        assertEquals(NYSE.tradingDays(SPEC.start(), SPEC.end()), market.tradingDays());
        assertEquals(250 + 252, market.tradingDays().size());
        for (String closed : List.of("2023-01-01", "2023-01-02", "2024-03-29", "2024-07-04", "2024-06-01",
                "2025-01-02")) {
            String body = new String(grouped(market, LocalDate.parse(closed), true).body(), StandardCharsets.UTF_8);
            assertTrue(body.matches("\\{\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,\"status\":\"OK\","
                    + "\"request_id\":\"[0-9a-f]{32}\",\"count\":0}"), closed + ": " + body);
        }
        for (List<Map<String, JsonNode>> days : bars.values()) {
            days.forEach(day -> assertFalse(day.isEmpty()));
        }
    }

    @Test
    void everyBarIsConsistent() {
        ZoneId newYork = ZoneId.of("America/New_York");
        boolean fractionalVolumeSeen = false;
        int checked = 0;
        for (List<Map<String, JsonNode>> days : bars.values()) {
            for (int d = 0; d < days.size(); d++) {
                long close = market.tradingDays().get(d).atTime(LocalTime.of(16, 0)).atZone(newYork).toInstant()
                        .toEpochMilli();
                for (JsonNode bar : days.get(d).values()) {
                    BigDecimal o = bar.get("o").decimalValue();
                    BigDecimal c = bar.get("c").decimalValue();
                    BigDecimal h = bar.get("h").decimalValue();
                    BigDecimal l = bar.get("l").decimalValue();
                    BigDecimal vw = bar.get("vw").decimalValue();
                    BigDecimal v = bar.get("v").decimalValue();
                    String where = market.tradingDays().get(d) + " " + bar;
                    assertTrue(l.signum() > 0 && v.signum() > 0, where);
                    assertTrue(l.compareTo(o.min(c)) <= 0 && h.compareTo(o.max(c)) >= 0, where);
                    assertTrue(vw.compareTo(l) >= 0 && vw.compareTo(h) <= 0, where);
                    assertTrue(bar.get("n").asLong() >= 1, where);
                    assertEquals(close, bar.get("t").asLong(), where);
                    assertTrue(market.tickers().contains(bar.get("T").asText()), where);
                    fractionalVolumeSeen |= v.stripTrailingZeros().scale() > 0;
                    checked++;
                }
            }
        }
        assertTrue(fractionalVolumeSeen);
        assertTrue(checked > 100_000, "checked " + checked);
    }

    @Test
    void splitIsRawWithoutAdjustmentAndSmoothWithIt() throws Exception {
        JsonNode splits;
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            splits = JSON.readTree(Http.get(server.baseUrl() + "/v3/reference/splits?apiKey=k").body());
            HttpResponse<byte[]> filtered = Http.get(server.baseUrl() + "/v3/reference/splits?ticker=NOPE");
            assertEquals(0, JSON.readTree(filtered.body()).get("results").size());
        }
        assertEquals("OK", splits.get("status").asText());
        assertEquals(1, splits.get("results").size());
        JsonNode split = splits.get("results").get(0);
        assertEquals(1, split.get("split_from").asInt());
        assertEquals(4, split.get("split_to").asInt());
        String ticker = split.get("ticker").asText();
        int day = market.tradingDays().indexOf(LocalDate.parse(split.get("execution_date").asText()));
        assertTrue(day > 0);

        BigDecimal rawJump = ratio(bars.get(false), ticker, day, "c");
        BigDecimal adjustedJump = ratio(bars.get(true), ticker, day, "c");
        assertTrue(rawJump.doubleValue() > 2.5 && rawJump.doubleValue() < 6.5, "raw jump " + rawJump);
        assertTrue(adjustedJump.doubleValue() > 0.7 && adjustedJump.doubleValue() < 1.4,
                "adjusted jump " + adjustedJump);

        BigDecimal four = BigDecimal.valueOf(4);
        for (int d = 0; d < market.tradingDays().size(); d++) {
            JsonNode raw = bars.get(false).get(d).get(ticker);
            JsonNode adjusted = bars.get(true).get(d).get(ticker);
            BigDecimal priceFactor = d < day ? four : BigDecimal.ONE;
            for (String price : List.of("o", "h", "l", "c", "vw")) {
                assertEquals(0, raw.get(price).decimalValue()
                        .compareTo(adjusted.get(price).decimalValue().multiply(priceFactor)));
            }
            BigDecimal volumeFactor = d < day ? four : BigDecimal.ONE;
            assertEquals(0, adjusted.get("v").decimalValue()
                    .compareTo(raw.get("v").decimalValue().multiply(volumeFactor)));
        }
        // every other ticker is the same adjusted or not
        String other = market.tickers().stream().filter(t -> !t.equals(ticker)).findFirst().orElseThrow();
        assertEquals(bars.get(false).get(0).get(other), bars.get(true).get(0).get(other));
    }

    /** A ticker's bars over a range are its bars in each grouped day, adjusted or not, with Polygon's header. */
    @Test
    void aTickersRangeHoldsItsGroupedBars() throws IOException {
        String ticker = market.tickers().get(5);
        LocalDate from = LocalDate.of(2023, 3, 4);   // a Saturday: the range starts on Monday the 6th
        LocalDate to = LocalDate.of(2023, 6, 30);
        for (boolean adjusted : new boolean[] {true, false}) {
            JsonNode body = JSON.readTree(market.respond(
                    "/v2/aggs/ticker/" + ticker + "/range/1/day/" + from + "/" + to,
                    Map.of("adjusted", String.valueOf(adjusted)), "http://x").body());
            assertEquals(ticker, body.get("ticker").asText());
            assertEquals("OK", body.get("status").asText());
            List<JsonNode> expected = new ArrayList<>();
            for (int d = 0; d < market.tradingDays().size(); d++) {
                LocalDate day = market.tradingDays().get(d);
                JsonNode bar = bars.get(adjusted).get(d).get(ticker);
                if (!day.isBefore(from) && !day.isAfter(to) && bar != null) {
                    ObjectNode withoutTicker = ((ObjectNode) bar).deepCopy();
                    withoutTicker.remove("T");
                    // as Polygon stamps them: the grouped bar at the session's close, the ticker's at midnight
                    assertEquals(day.atTime(16, 0).atZone(NyseCalendar.ZONE).toInstant().toEpochMilli(),
                            withoutTicker.get("t").asLong());
                    withoutTicker.put("t", day.atStartOfDay(NyseCalendar.ZONE).toInstant().toEpochMilli());
                    expected.add(withoutTicker);
                }
            }
            assertTrue(expected.size() > 70, "bars in range: " + expected.size());
            assertEquals(expected.size(), body.get("resultsCount").asInt());
            List<JsonNode> served = new ArrayList<>();
            body.get("results").forEach(served::add);
            assertEquals(expected, served);
        }
        JsonNode unknown = JSON.readTree(market.respond("/v2/aggs/ticker/NOPE/range/1/day/" + from + "/" + to, Map.of(),
                "http://x").body());
        assertEquals(0, unknown.get("resultsCount").asInt());
        assertFalse(unknown.has("results"));
    }

    @Test
    void tickersListAndDelistMidRange() {
        List<Map<String, JsonNode>> days = bars.get(true);
        Set<String> first = days.get(0).keySet();
        Set<String> last = days.get(days.size() - 1).keySet();
        Set<String> ipos = new HashSet<>(last);
        ipos.removeAll(first);
        Set<String> delisted = new HashSet<>(first);
        delisted.removeAll(last);
        assertEquals(1, ipos.size(), "one in a hundred tickers lists during the range: " + ipos);
        assertEquals(1, delisted.size(), "and one delists: " + delisted);
        for (String ticker : market.tickers()) {
            List<Boolean> listed = days.stream().map(day -> day.containsKey(ticker)).toList();
            int start = listed.indexOf(true);
            int end = listed.lastIndexOf(true);
            assertTrue(start >= 0, ticker + " never trades");
            assertFalse(listed.subList(start, end + 1).contains(false), ticker + " has a gap");
        }
    }

    @Test
    void awkwardSymbolsAppearInLargerMarkets() {
        assertTrue(market.tickers().containsAll(List.of("BRK.A", "TEST/WS", "ABRpD")));
        assertTrue(bars.get(true).get(10).containsKey("TEST/WS") || !bars.get(true).get(0).containsKey("TEST/WS"));
        SyntheticMarket.Spec three = new SyntheticMarket.Spec(3, SPEC.start(), SPEC.start().plusDays(10), 1);
        List<String> small = new SyntheticMarket(three, NYSE).tickers();
        assertEquals(List.of("AAAA", "AAAB", "AAAC"), small);
        assertEquals(120, market.tickers().size());
        assertEquals(120, new HashSet<>(market.tickers()).size());
    }

    @Test
    void otherRequestsAnswerLikePolygon() throws IOException {
        ReplayResponse unknown = market.respond("/v3/reference/tickers", Map.of(), "http://127.0.0.1:1");
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", JSON.readTree(unknown.body()).get("status").asText());
        assertEquals(404, market.respond(SyntheticMarket.GROUPED_DAILY + "2024-13-01", Map.of(), "").status());
        assertEquals(404, market.respond(SyntheticMarket.GROUPED_DAILY + "2024-01-02/x", Map.of(), "").status());
        assertEquals(400, market.respond(SyntheticMarket.GROUPED_DAILY + "2024-01-02", Map.of("adjusted", "yes"), "")
                .status());
        ReplayResponse badRange = market.respond(SyntheticMarket.TICKER_AGGS + market.tickers().get(0)
                + SyntheticMarket.DAY_RANGE + "2024-01-02/2024-01-05", Map.of("adjusted", "1"), "");
        assertEquals(400, badRange.status());
        assertTrue(new String(badRange.body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("adjusted must be true or false, not '1'"), new String(badRange.body()));
        // adjusted defaults to true, as on Polygon (only the request id differs: it is another request)
        JsonNode explicit = JSON.readTree(grouped(market, LocalDate.of(2024, 1, 2), true).body());
        JsonNode implicit = JSON.readTree(market.respond(SyntheticMarket.GROUPED_DAILY + "2024-01-02", Map.of(), "")
                .body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) explicit).remove("request_id");
        ((com.fasterxml.jackson.databind.node.ObjectNode) implicit).remove("request_id");
        assertEquals(explicit, implicit);
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticMarket.Spec(0, SPEC.start(), SPEC.end(), 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticMarket.Spec(5, SPEC.end(), SPEC.start(), 1));
    }

    @Test
    void tenThousandTickersOverFiveYears() {
        SyntheticMarket.Spec big = new SyntheticMarket.Spec(10_000, LocalDate.of(2020, 1, 1),
                LocalDate.of(2024, 12, 31), 42);
        long start = System.nanoTime();
        SyntheticMarket large = new SyntheticMarket(big, NYSE);
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1258, large.tradingDays().size());

        for (int warmUp = 0; warmUp < 20; warmUp++) {
            grouped(large, large.tradingDays().get(warmUp), warmUp % 2 == 0);
        }
        int samples = 50;
        long bytes = 0;
        start = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            bytes += grouped(large, large.tradingDays().get(100 + i * 20), true).body().length;
        }
        double dayMillis = (System.nanoTime() - start) / 1e6 / samples;
        System.out.printf("10,000 tickers x %d days: built in %d ms; one day %.1f ms, %d bytes%n",
                large.tradingDays().size(), buildMillis, dayMillis, bytes / samples);
        assertTrue(buildMillis < 10_000, "built in " + buildMillis + " ms");
        assertTrue(dayMillis < 100, "one day took " + dayMillis + " ms"); // target is well under 50 ms; slack for CI
    }

    private static ReplayResponse grouped(SyntheticMarket market, LocalDate day, boolean adjusted) {
        ReplayResponse response = market.respond(SyntheticMarket.GROUPED_DAILY + day,
                Map.of("adjusted", Boolean.toString(adjusted)), "http://127.0.0.1:1");
        assertEquals(200, response.status());
        return response;
    }

    private static BigDecimal ratio(List<Map<String, JsonNode>> days, String ticker, int day, String field) {
        return days.get(day - 1).get(ticker).get(field).decimalValue()
                .divide(days.get(day).get(ticker).get(field).decimalValue(), java.math.MathContext.DECIMAL64);
    }
}
